import { loadConfig } from '../../config/load.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { buildProfiles, type ParsedRecord } from '../../processors/profile/build-profiles.js';
import { mentionKeys } from '../../processors/profile/mention-keys.js';
import { UnionFind } from '../../processors/profile/union-find.js';

/** Records by source id, mentions by id: the order the ingest gives the profile builder. */
function ingestOrder(records: readonly ParsedRecord[]): ParsedRecord[] {
  const bySource = new Map<string, ParsedRecord>();
  for (const r of records) bySource.set(r.sourceId, r);
  return [...bySource.values()]
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0))
    .map((r) => ({ ...r, mentions: [...r.mentions].sort((a, b) => (a.mentionId < b.mentionId ? -1 : 1)) }));
}

/**
 * The key merge most indexes stop at (and this one used before person resolution): strong keys
 * (ORCID, SEC CIK, e-mail), then an identical loose name + organisation, unless the two sides
 * carry different ORCIDs or CIKs. Returns a cluster label per mention id.
 */
export function keyMergeClusters(records: readonly ParsedRecord[], mentionIds: readonly string[]): string[] {
  const mentions = ingestOrder(records).flatMap((r) => r.mentions);
  const keys = mentions.map(mentionKeys);
  const sets = new UnionFind(mentions.length);
  const ids = keys.map((k) => new Set(k.strong.filter((s) => !s.startsWith('email:'))));
  const conflict = (a: number, b: number): boolean => {
    const sa = ids[sets.find(a)] as Set<string>;
    const sb = ids[sets.find(b)] as Set<string>;
    for (const prefix of ['orcid:', 'cik:']) {
      const x = [...sa].filter((k) => k.startsWith(prefix));
      const y = [...sb].filter((k) => k.startsWith(prefix));
      if (x.length > 0 && y.length > 0 && !x.some((k) => y.includes(k))) return true;
    }
    return false;
  };
  const join = (a: number, b: number): void => {
    const [ra, rb] = [sets.find(a), sets.find(b)];
    if (ra === rb) return;
    ids[sets.union(a, b)] = new Set([...(ids[ra] as Set<string>), ...(ids[rb] as Set<string>)]);
  };
  const firstByKey = new Map<string, number>();
  const pass = (list: (i: number) => string[], guarded: boolean): void =>
    mentions.forEach((_, i) => {
      for (const key of list(i)) {
        const first = firstByKey.get(key);
        if (first === undefined) firstByKey.set(key, i);
        else if (!guarded || !conflict(first, i)) join(first, i);
      }
    });
  pass((i) => keys[i]?.strong ?? [], false);
  pass((i) => keys[i]?.nameOrg ?? [], true);
  const label = new Map(mentions.map((m, i) => [m.mentionId, `key:${sets.find(i)}`]));
  return mentionIds.map((id) => label.get(id) ?? `alone:${id}`);
}

/**
 * The ingest's profile builder run as is (`buildProfiles`, resolution settings from the config):
 * what the index holds. It should agree with the resolver run directly.
 */
export function pipelineClusters(records: readonly ParsedRecord[], mentionIds: readonly string[]): string[] {
  const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
  const factory = ProfileFactory.fromConfig(config);
  const owner = new Map<string, string>();
  for (const profile of buildProfiles(ingestOrder(records), factory.vocabulary, factory.resolution))
    for (const e of profile.evidence) owner.set(e.mentionId, profile.id);
  return mentionIds.map((id) => owner.get(id) ?? `alone:${id}`);
}
