import type { IndexStats } from '../../indexer/contract.js';

/** What `talent-brain stats` reports: the index's own figures plus the rejects and where the data lives. */
export interface DataDirStats extends IndexStats {
  rejects: { total: number; byReason: Record<string, number> };
  dataDir: string;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `1536` → `1.5 KiB`: binary units, as `du -h` and file managers count. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** `{ resume: 3, patent: 1 }` → `resume 3, patent 1`, largest first. */
function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, n]) => `${key} ${n.toLocaleString('en-US')}`)
    .join(', ');
}

export function formatStats(s: DataDirStats): string {
  const n = (value: number): string => value.toLocaleString('en-US');
  const bySource = formatCounts(s.evidenceBySource);
  const byReason = formatCounts(s.rejects.byReason);
  const rows: Array<[string, string]> = [
    ['data dir', s.dataDir],
    ['profiles', n(s.profiles)],
    ['evidence', `${n(s.evidence)}${bySource ? ` (${bySource})` : ''}`],
    ['rejects', `${n(s.rejects.total)}${byReason ? ` (${byReason})` : ''}`],
    ['index size', `${formatBytes(s.sizeBytes)} (${n(s.sizeBytes)} bytes)`],
    ['schema version', String(s.schemaVersion)],
    ['backend', s.backend],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}\n`).join('');
}
