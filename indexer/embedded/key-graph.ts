import type Database from 'better-sqlite3';

/** SQLite's default limit on bound parameters is 32766; chunks stay far below it. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(',');

/**
 * The rowids (`mid`) of the stored mentions reachable from `keys` through shared keys — the whole
 * connected part — plus those of `sources`, in a database with the mention store's two tables:
 * `mentions (mid, source_id, …)` and `mention_keys (key, mid)`. The embedded index's ingest state
 * and the resolve stage's partition stores both keep them.
 */
export function connectedMentionRows(
  db: Database.Database,
  keys: readonly string[],
  sources: readonly string[],
): number[] {
  const mids = new Set<number>();
  const seenKeys = new Set<string>();
  let frontierMids: number[] = [];
  const visit = (mid: number): void => {
    if (mids.has(mid)) return;
    mids.add(mid);
    frontierMids.push(mid);
  };
  for (const part of chunks([...new Set(sources)]))
    for (const r of db
      .prepare(`SELECT mid FROM mentions WHERE source_id IN (${marks(part.length)})`)
      .all(...part) as Array<{ mid: number }>)
      visit(r.mid);
  let frontierKeys = [...new Set(keys)];
  // Breadth-first over the key graph: keys → mentions → their other keys → …
  while (frontierKeys.length > 0 || frontierMids.length > 0) {
    for (const k of frontierKeys) seenKeys.add(k);
    for (const part of chunks(frontierKeys))
      for (const r of db
        .prepare(`SELECT DISTINCT mid FROM mention_keys WHERE key IN (${marks(part.length)})`)
        .all(...part) as Array<{ mid: number }>)
        visit(r.mid);
    const nextKeys = new Set<string>();
    for (const part of chunks(frontierMids))
      for (const r of db
        .prepare(`SELECT DISTINCT key FROM mention_keys WHERE mid IN (${marks(part.length)})`)
        .all(...part) as Array<{ key: string }>)
        if (!seenKeys.has(r.key)) nextKeys.add(r.key);
    frontierMids = [];
    frontierKeys = [...nextKeys];
  }
  return [...mids];
}
