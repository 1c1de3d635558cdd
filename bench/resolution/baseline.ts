import { loadConfig } from '../../config/load.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { buildProfiles, type ParsedRecord } from '../../processors/profile/build-profiles.js';

/**
 * The merge the index uses today, run as is: `buildProfiles` (strong keys, then identical loose
 * name + organisation unless a strong identifier conflicts). Returns the profile of each mention
 * id; a mention the builder drops is its own cluster.
 */
export function baselineClusters(records: readonly ParsedRecord[], mentionIds: readonly string[]): string[] {
  const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
  const vocabulary = ProfileFactory.fromConfig(config).vocabulary;
  const bySource = new Map<string, ParsedRecord>();
  for (const r of records) bySource.set(r.sourceId, r);
  // The order the ingest gives it: records by source id, mentions by id.
  const ordered = [...bySource.values()]
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0))
    .map((r) => ({ ...r, mentions: [...r.mentions].sort((a, b) => (a.mentionId < b.mentionId ? -1 : 1)) }));
  const owner = new Map<string, string>();
  for (const profile of buildProfiles(ordered, vocabulary))
    for (const e of profile.evidence) owner.set(e.mentionId, profile.id);
  return mentionIds.map((id) => owner.get(id) ?? `alone:${id}`);
}
