import type { TalentIndex } from '../indexer/contract.js';
import type { IngestState } from '../indexer/ingest-state.js';
import type { ProfileFactory } from '../processors/profile-factory.js';
import { resolveBatch } from './resolve-batch.js';

export interface RescoreOptions {
  index: TalentIndex;
  state: IngestState;
  factory: ProfileFactory;
  /** Mentions per rebuild (default 2000). */
  batchMentions?: number;
  onProgress?: (mentions: number) => void;
}

export interface RescoreSummary {
  /** Walks over the store: 2 when the first re-filed mentions under new keys. */
  passes: number;
  /** Stored mentions walked (in the last pass). */
  mentions: number;
  /** Stored mentions re-filed under today's blocking keys (see resolveBatch). */
  rekeyed: number;
  profilesWritten: number;
  profilesRemoved: number;
  profiles: number;
  seconds: number;
}

/**
 * Rebuilds every profile from the stored mentions with the current configuration (industries,
 * weights, skills, person resolution): after a scoring change, no document needs to be read or parsed again. Walks
 * the mention store; a person already rebuilt (through another of their mentions) is skipped.
 */
export async function rescoreAll(options: RescoreOptions): Promise<RescoreSummary> {
  const started = Date.now();
  const summary: RescoreSummary = {
    passes: 0,
    mentions: 0,
    rekeyed: 0,
    profilesWritten: 0,
    profilesRemoved: 0,
    profiles: 0,
    seconds: 0,
  };
  // A pass that re-filed mentions under new keys (after an upgrade of the blocking keys) rebuilt
  // people from their old connected parts; a second pass over the new keys rebuilds them whole.
  for (let pass = 1; pass <= 3; pass++) {
    const rekeyedBefore = summary.rekeyed;
    summary.mentions = 0;
    await rescorePass(options, summary);
    summary.passes = pass;
    if (summary.rekeyed === rekeyedBefore) break;
  }
  summary.profiles = (await options.index.stats()).profiles;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

async function rescorePass(options: RescoreOptions, summary: RescoreSummary): Promise<void> {
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
      mentions: rebuilt.mentions,
      moved: rebuilt.moved,
      profiles: rebuilt.profiles,
      finishedInputs: [],
    });
    summary.rekeyed += rebuilt.rekeyed;
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
}
