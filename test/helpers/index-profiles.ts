import type { TalentIndex } from '../../indexer/contract.js';
import type { TalentProfile } from '../../processors/model/profile.js';

/** Every profile of an index, by id in id order, read through search pages and `get`. */
export async function profilesOf(index: TalentIndex): Promise<Map<string, TalentProfile>> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await index.search({ sort: 'priority', limit: 200, ...(cursor ? { cursor } : {}) });
    ids.push(...page.hits.map((h) => h.id));
    cursor = page.nextCursor;
  } while (cursor);
  const out = new Map<string, TalentProfile>();
  for (const id of ids.sort()) out.set(id, (await index.get(id)) as TalentProfile);
  return out;
}
