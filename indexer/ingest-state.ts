import type { DocumentInfo, PersonMention } from '../processors/model/mention.js';
import type { ReplaceBatch } from './contract.js';

/**
 * What a backend keeps for the ingest besides profiles: which source records are committed, and
 * the mentions each profile was built from. With them a record arriving later (another batch, a
 * rerun after a crash, another worker) rebuilds every profile it touches from all of that
 * profile's mentions, so the index is the same whatever the batching and however often a batch
 * is replayed.
 */

/** One person as one record shows them, stored with the merge keys it was filed under. */
export interface StoredMention {
  mentionId: string;
  sourceId: string;
  /** The profile the mention belongs to after its last rebuild. */
  profileId: string;
  /** `cik:…`, `email:…`, `nameorg:…` (see processors/profile/mention-keys.ts). */
  keys: string[];
  fetchedAt: string;
  document: DocumentInfo;
  mention: PersonMention;
}

export type RecordOutcomeKind = 'parsed' | 'skipped' | 'rejected';

export interface CommittedRecord {
  sourceId: string;
  /** `sha256:…` of the body: the same id with another checksum is a changed document. */
  checksum: string;
  outcome: RecordOutcomeKind;
}

/** An input file read to its end: a rerun skips it without reading it. */
export interface FinishedInput {
  /** Path, size and modification time: a changed file is read again. */
  fingerprint: string;
  path: string;
  records: number;
}

/** Everything one ingest batch changes, committed together (atomically on the embedded backend). */
export interface IngestCommit {
  records: readonly CommittedRecord[];
  /** Sources whose earlier mentions are dropped: they were re-ingested with new content. */
  replacedSources: readonly string[];
  /** Mentions to store (upsert by mentionId). */
  mentions: readonly StoredMention[];
  /** Stored mentions that now belong to another profile. */
  moved: ReadonlyArray<{ mentionId: string; profileId: string }>;
  profiles: ReplaceBatch;
  finishedInputs: readonly FinishedInput[];
}

export interface IngestState {
  /**
   * Checksums of the records among these ids that are already committed and were not rejected: a
   * rejected record seen again (a replayed dead letter, a rescan after a fix) is processed again.
   */
  committedChecksums(sourceIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * The stored mentions reachable from these keys through shared keys (the whole connected part,
   * since a new mention can join profiles that were apart), plus the stored mentions of the given
   * sources.
   */
  connectedMentions(keys: readonly string[], sources: readonly string[]): Promise<StoredMention[]>;
  isInputFinished(fingerprint: string): Promise<boolean>;
  /**
   * The keys among these that belong to an erased person (the index's `delete` keeps them, hashed):
   * a new mention with one of them is dropped.
   */
  erasedKeys(keys: readonly string[]): Promise<Set<string>>;
  commit(batch: IngestCommit): Promise<void>;
  /** Every stored mention's id and merge keys, streamed: the rescore walks the whole store. */
  scanMentions(): AsyncIterable<{ mentionId: string; sourceId: string; keys: string[] }>;
  /** Records committed so far, by outcome. */
  recordCounts(): Promise<Record<RecordOutcomeKind, number>>;
}

/**
 * An ingest state that several writers share at once (Elasticsearch, which has no transaction
 * across documents): a writer checks after its commit that the index holds what it wrote.
 */
export interface SharedIngestState extends IngestState {
  /**
   * The profiles whose evidence includes any of these mentions, as the index holds them now
   * (every writer's acknowledged writes included): id → digest (indexer/profile-digest.ts) of the stored profile.
   */
  profilesHolding(mentionIds: readonly string[]): Promise<Map<string, string>>;
  /** The stored mentions reachable from these keys (as connectedMentions), only their ids and owners. */
  connectedOwners(keys: readonly string[]): Promise<Array<{ mentionId: string; profileId: string }>>;
}

export function isSharedIngestState(state: IngestState): state is SharedIngestState {
  return typeof (state as Partial<SharedIngestState>).profilesHolding === 'function';
}
