import type { TalentIndex } from '../indexer/contract.js';
import type { IngestState } from '../indexer/ingest-state.js';
import type { ProfileFactory } from '../processors/profile-factory.js';
import { resolveBatch } from './resolve-batch.js';

export interface RescoreSummary {
  mentions: number;
  profilesWritten: number;
  profilesRemoved: number;
  profiles: number;
  seconds: number;
}

/**
 * Rebuilds every profile from the stored mentions with the current configuration (industries,
 * weights, skills): after a scoring change, no document needs to be read or parsed again. Walks
 * the mention store; a person already rebuilt (through another of their mentions) is skipped.
 */
export async function rescoreAll(options: {
  index: TalentIndex;
  state: IngestState;
  factory: ProfileFactory;
  /** Mentions per rebuild (default 2000). */
  batchMentions?: number;
  onProgress?: (mentions: number) => void;
}): Promise<RescoreSummary> {
  const started = Date.now();
  const summary: RescoreSummary = {
    mentions: 0,
    profilesWritten: 0,
    profilesRemoved: 0,
    profiles: 0,
    seconds: 0,
  };
  const done = new Set<string>();
  let keys: string[] = [];
  let sources: string[] = [];
  const flush = async (): Promise<void> => {
    if (keys.length === 0 && sources.length === 0) return;
    const rebuilt = await resolveBatch([], new Set(), options.state, options.factory, keys, sources);
    keys = [];
    sources = [];
    for (const id of rebuilt.basis.mentionIds) done.add(id);
    await options.state.commit({
      records: [],
      replacedSources: [],
      mentions: [],
      moved: rebuilt.moved,
      profiles: rebuilt.profiles,
      finishedInputs: [],
    });
    summary.profilesWritten += rebuilt.profiles.put.length;
    summary.profilesRemoved += rebuilt.profiles.remove.length;
  };
  let pending = 0;
  for await (const m of options.state.scanMentions()) {
    summary.mentions++;
    options.onProgress?.(summary.mentions);
    if (done.has(m.mentionId)) continue;
    // A mention with no merge key is a person of its own: reached through its record.
    if (m.keys.length === 0) sources.push(m.sourceId);
    else keys.push(...m.keys);
    if (++pending >= (options.batchMentions ?? 2000)) {
      await flush();
      pending = 0;
    }
  }
  await flush();
  summary.profiles = (await options.index.stats()).profiles;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
