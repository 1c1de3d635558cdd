import type { KafkaMessage, Producer } from 'kafkajs';
import type { TalentIndex } from '../../../indexer/contract.js';
import type { CommittedRecord } from '../../../indexer/ingest-state.js';
import type { Logger } from '../../../lib/logger.js';
import type { DocumentInfo, PersonMention } from '../../../processors/model/mention.js';
import type { ParsedRecord } from '../../../processors/profile/build-profiles.js';
import type { ProfileFactory } from '../../../processors/profile-factory.js';
import { dropErased } from '../../prepare-batch.js';
import { resolveBatch } from '../../resolve-batch.js';
import { deadLetterOf, type DeadLetter } from '../dead-letter.js';
import type { Topics } from '../topics.js';
import { PartitionStore, type ChangelogEntry, type StagedMention } from '../state-store/partition-store.js';
import { registrationMessage } from './bridge-registry.js';
import {
  decodeMentionMessage,
  encodeControlMessage,
  type ControlMessage,
  type MentionMessage,
  type MentionsTopicMessage,
} from './mention-message.js';
import { Outbox } from './outbox.js';
import { nativePartition, recordHome } from './ownership.js';
import { sendBounded } from './send-bounded.js';

export interface ResolveStats {
  records: number;
  ingested: number;
  unchanged: number;
  erased: number;
  profilesPut: number;
  deadLettered: number;
  /** Partitions whose store was rebuilt from the changelog, and the entries read to do it. */
  restores: number;
  restoredEntries: number;
  restoreSeconds: number;
  /** Cross-owner joins: connected parts sent to a smaller partition, and received. */
  partsMovedOut: number;
  partsMovedIn: number;
  /** Keys this stage registered on the bridge registry. */
  registrations: number;
  /** Profiles erased (the erasure topic). */
  erasures: number;
  /** Time spent per part of the step: rebuilding from the store, writing the index, the store and its changelog. */
  resolveSeconds: number;
  indexSeconds: number;
  changelogSeconds: number;
}

export interface ResolveStage {
  step: (topic: string, partition: number, messages: KafkaMessage[]) => Promise<void>;
  /** After a rebalance: the stores of partitions this member no longer holds are dropped, the new ones restored. */
  assigned: (partitions: readonly number[]) => void;
  /** Stored mentions per partition held now (the state-store size). */
  sizes: () => Map<number, { mentions: number; records: number }>;
  close: () => void;
}

/** Mentions arriving at a partition for one record: a new version's slice, a moved part's, or none (a retraction). */
interface Incoming {
  sourceId: string;
  /** The partition the record's message came to. */
  origin: number;
  fetchedAt?: string;
  document?: DocumentInfo;
  mentions: PersonMention[];
  /** The stored mentions of (sourceId, origin) are replaced by these (else these are added). */
  replaces: boolean;
}

const isControl = (m: MentionsTopicMessage): m is ControlMessage =>
  m.kind !== undefined && m.kind !== 'records';

/** A `moved` message stays well below the broker's message size: a large part is several. */
const MOVED_MESSAGE_BYTES = 256 * 1024;

/**
 * The stateful stage: the mentions of the partitions this member owns → resolve → rebuild →
 * score → profiles to the index. Each partition's state (records, stored mentions and their keys)
 * is its own PartitionStore, and every person's mentions are in one partition (ownership.ts, and
 * the cross-owner join below), so a rebuild reads only local state and no other worker writes the
 * same profiles.
 *
 * A step, in the order that makes a replay harmless: rebuild from the store as it is; write the
 * profiles to the index (bulk requests split by bytes; idempotent puts and deletes by id); apply
 * the change to the store; produce what goes to other partitions and the registry, then the
 * changelog (acks from all replicas, the records' entries last); then the caller commits the
 * offsets. A crash before the records' entries are acknowledged replays the chunk against the
 * store the changelog restores, which rebuilds the same profiles and sends the same messages;
 * after it, the replay finds the records committed and skips them. A failure after the store
 * changed drops the partition's store, so the next chunk restores it from what Kafka has (never
 * from a store ahead of its changelog).
 *
 * Cross-owner joins (docs/distributed.md): a key stored here that is not native here (a CIK, an
 * e-mail, another family's name block) is registered on the bridge registry, which answers a key
 * held by two partitions with a `move` to the larger: its connected part goes to the smaller
 * partition as `moved` messages, every key of the part is redirected there, and a later mention
 * with such a key follows the part. The receiver rebuilds the union and removes the profiles the
 * part had, so the index ends as the file ingest's.
 */
export function resolveStage(options: {
  logger: Logger;
  index: TalentIndex;
  factory: ProfileFactory;
  producer: Producer;
  topics: Topics;
  stats: ResolveStats;
  /** Partitions of the mentions topic, and of the bridge registry's topic. */
  partitions: number;
  bridgePartitions: number;
  /** The index's erased keys (shared by every partition, rarely written). */
  erasedKeys?: (keys: readonly string[]) => Promise<Set<string>>;
  /** Reads a partition's changelog into a fresh store. */
  restore: (partition: number, store: PartitionStore) => Promise<number>;
}): ResolveStage {
  const { index, factory, producer, topics, stats, logger } = options;
  const stores = new Map<number, Promise<PartitionStore>>();
  const ready = new Map<number, PartitionStore>();

  const storeFor = (partition: number): Promise<PartitionStore> => {
    let store = stores.get(partition);
    if (!store) {
      store = (async () => {
        const started = performance.now();
        const fresh = new PartitionStore(':memory:', options.erasedKeys, partition);
        const entries = await options.restore(partition, fresh);
        stats.restores++;
        stats.restoredEntries += entries;
        stats.restoreSeconds += (performance.now() - started) / 1000;
        logger.info({ partition, entries, ...fresh.size() }, 'resolve.store.restored');
        ready.set(partition, fresh);
        return fresh;
      })();
      store.catch(() => stores.delete(partition));
      stores.set(partition, store);
    }
    return store;
  };
  const drop = (partition: number): void => {
    const store = stores.get(partition);
    stores.delete(partition);
    ready.delete(partition);
    void store?.then((s) => s.close()).catch(() => undefined);
  };

  /** One step's effects: messages ahead of the changelog, the changelog (records last), dead letters. */
  interface Effects {
    ahead: Outbox;
    changelog: ChangelogEntry[];
    records: ChangelogEntry[];
  }
  const control = (effects: Effects, to: number, message: Parameters<typeof encodeControlMessage>[0]) =>
    effects.ahead.push(topics.mentions, {
      key: `${message.kind}`,
      partition: to,
      value: encodeControlMessage(message),
    });
  const log = (effects: Effects, entries: readonly ChangelogEntry[]): void => {
    for (const e of entries) (e.key.startsWith('record:') ? effects.records : effects.changelog).push(e);
  };

  /** Sends the part holding `keys` to partition `to` and forgets it here. */
  const moveOut = (store: PartitionStore, keys: readonly string[], to: number, effects: Effects): void => {
    const p = store.partition;
    const { mentions, entries } = store.detachPart(keys, to);
    let batch: StagedMention[] = [];
    let bytes = 0;
    const flush = (): void => {
      if (batch.length > 0) control(effects, to, { kind: 'moved', from: p, mentions: batch });
      batch = [];
      bytes = 0;
    };
    for (const m of mentions) {
      const size = JSON.stringify(m).length;
      if (bytes > 0 && bytes + size > MOVED_MESSAGE_BYTES) flush();
      batch.push(m);
      bytes += size;
    }
    flush();
    // The registry forgets this partition as a holder of the part's keys.
    const registered = new Set(
      mentions.flatMap((m) => m.keys).filter((k) => nativePartition(k, options.partitions) !== p),
    );
    for (const k of registered)
      effects.ahead.push(topics.bridges, registrationMessage(k, p, false, options.bridgePartitions));
    log(effects, entries);
    if (mentions.length > 0) {
      stats.partsMovedOut++;
      logger.debug({ partition: p, to, mentions: mentions.length }, 'resolve.part.moved');
    }
  };

  /**
   * Rebuilds the people `incoming` touches, writes them to the index, applies the change to the
   * store, registers the keys new here that are not native here, and sends on any part that now
   * holds a key whose part moved away.
   */
  const resolveIncoming = async (
    store: PartitionStore,
    incoming: readonly Incoming[],
    records: readonly CommittedRecord[],
    previousProfiles: readonly string[],
    effects: Effects,
  ): Promise<void> => {
    const p = store.partition;
    const started = performance.now();
    const bySource = new Map<string, Incoming[]>();
    for (const i of incoming) bySource.set(i.sourceId, [...(bySource.get(i.sourceId) ?? []), i]);
    const stored = new Map<string, StagedMention[]>();
    for (const m of store.mentionsOfSources([...bySource.keys()]))
      stored.set(m.sourceId, [...(stored.get(m.sourceId) ?? []), m]);
    // A record's mentions here can come from several origins (its own slice, parts moved here):
    // the record is rebuilt from all of them, the replaced origins' stored mentions excepted.
    const parsed: ParsedRecord[] = [];
    const origins = new Map<string, number>();
    for (const [sourceId, list] of bySource) {
      const replaced = new Set(list.filter((i) => i.replaces).map((i) => i.origin));
      const mentions: PersonMention[] = [];
      let fetchedAt: string | undefined;
      let document: DocumentInfo | undefined;
      for (const i of list) {
        if (i.document !== undefined && i.fetchedAt !== undefined) {
          fetchedAt = i.fetchedAt;
          document = i.document;
        }
        for (const m of i.mentions)
          if (!origins.has(m.mentionId)) {
            origins.set(m.mentionId, i.origin);
            mentions.push(m);
          }
      }
      for (const s of stored.get(sourceId) ?? [])
        if (!origins.has(s.mentionId) && !replaced.has(s.origin)) {
          origins.set(s.mentionId, s.origin);
          mentions.push(s.mention);
          fetchedAt ??= s.fetchedAt;
          document ??= s.document;
        }
      if (mentions.length > 0 && fetchedAt !== undefined && document !== undefined)
        parsed.push({ sourceId, fetchedAt, document, mentions });
    }
    stats.erased += await dropErased(parsed, store);
    const sources = [...bySource.keys()];
    const resolved = await resolveBatch(parsed, new Set(sources), store, factory);
    const putIds = new Set(resolved.profiles.put.map((x) => x.id));
    const profiles = {
      put: resolved.profiles.put,
      remove: [
        ...new Set([...resolved.profiles.remove, ...previousProfiles.filter((id) => !putIds.has(id))]),
      ],
    };
    const rebuilt = performance.now();
    stats.resolveSeconds += (rebuilt - started) / 1000;
    await index.replace(profiles);
    stats.indexSeconds += (performance.now() - rebuilt) / 1000;
    stats.profilesPut += profiles.put.length;

    const written = resolved.mentions.flatMap((m) => m.keys);
    const foreign = [...new Set(written)].filter((k) => nativePartition(k, options.partitions) !== p);
    const held = store.heldKeys(foreign);
    const fresh = foreign.filter((k) => !held.has(k));
    for (const k of fresh)
      effects.ahead.push(topics.bridges, registrationMessage(k, p, true, options.bridgePartitions));
    stats.registrations += fresh.length;
    log(
      effects,
      store.commitWithChangelog(
        {
          records: [...records],
          replacedSources: sources,
          mentions: resolved.mentions,
          moved: resolved.moved,
          profiles,
          finishedInputs: [],
        },
        origins,
      ),
    );
    // A key whose part moved away: what now holds it here follows (to the smallest target first,
    // which takes every key of the part along).
    const redirected = [...store.redirectsOf(written)].sort((a, b) => a[1] - b[1]);
    for (const [key, to] of redirected)
      if (store.heldKeys([key]).size > 0) moveOut(store, [key], to, effects);
  };

  /** A run of record messages (the parse stage's): new versions of their slices at this partition. */
  const records = async (store: PartitionStore, messages: MentionMessage[], effects: Effects) => {
    const p = store.partition;
    const latest = new Map<string, MentionMessage>();
    for (const m of messages) latest.set(m.sourceId, m);
    const committed = await store.committedChecksums([...latest.keys()]);
    const incoming: Incoming[] = [];
    const done: CommittedRecord[] = [];
    for (const message of latest.values()) {
      stats.records++;
      if (committed.get(message.sourceId) === message.checksum) {
        stats.unchanged++;
        continue;
      }
      // At the record's home: partitions the old version went to and this one does not (its
      // people changed owner) have their old mentions retracted.
      if (message.partitions !== undefined && recordHome(message.sourceId, options.partitions) === p) {
        const before = store.recordSlices(message.sourceId);
        if (before !== undefined && before.checksum !== message.checksum)
          for (const q of before.partitions)
            if (q !== p && !message.partitions.includes(q))
              control(effects, q, {
                kind: 'retract',
                sourceId: message.sourceId,
                origin: q,
                checksum: before.checksum,
              });
        log(effects, [
          store.putRecordSlices(message.sourceId, {
            checksum: message.checksum,
            partitions: message.partitions,
          }),
        ]);
      }
      // Mentions of this slice's old version moved to another partition: they are retracted there.
      const movedTo = store.sliceMove(message.sourceId, p);
      if (movedTo !== undefined) {
        control(effects, movedTo, { kind: 'retract', sourceId: message.sourceId, origin: p });
        log(effects, [store.clearSliceMove(message.sourceId, p)]);
      }
      incoming.push({
        sourceId: message.sourceId,
        origin: p,
        fetchedAt: message.fetchedAt,
        document: message.document,
        mentions: message.mentions,
        replaces: true,
      });
      done.push({ sourceId: message.sourceId, checksum: message.checksum, outcome: 'parsed' });
    }
    stats.ingested += incoming.length;
    if (incoming.length > 0) await resolveIncoming(store, incoming, done, [], effects);
  };

  const controlStep = async (store: PartitionStore, message: ControlMessage, effects: Effects) => {
    const p = store.partition;
    switch (message.kind) {
      case 'move': {
        if (message.to === p) return;
        if (store.heldKeys([message.key]).size > 0) moveOut(store, [message.key], message.to, effects);
        else {
          // Nothing holds it yet: a later mention with it goes straight on.
          const entry = store.redirect(message.key, message.to);
          if (entry) log(effects, [entry]);
        }
        return;
      }
      case 'moved': {
        stats.partsMovedIn++;
        const incoming = message.mentions.map((m): Incoming => ({
          sourceId: m.sourceId,
          origin: m.origin,
          fetchedAt: m.fetchedAt,
          document: m.document,
          mentions: [m.mention],
          replaces: false,
        }));
        await resolveIncoming(
          store,
          incoming,
          [],
          [...new Set(message.mentions.map((m) => m.profileId))],
          effects,
        );
        return;
      }
      case 'erase': {
        const { keys, hashes, entries } = store.eraseProfile(message.profileId);
        if (keys.length === 0) return; // another partition holds the person
        log(effects, entries);
        stats.erasures++;
        // The people the erased mentions were connected to are rebuilt without them.
        const resolved = await resolveBatch([], new Set(), store, factory, keys);
        await index.replace({
          put: resolved.profiles.put,
          remove: resolved.profiles.remove.filter((id) => id !== message.profileId),
        });
        // The profile through the index's erasure (its deleted documents merged away on disk).
        await index.delete(message.profileId);
        log(
          effects,
          store.commitWithChangelog({
            records: [],
            replacedSources: [],
            mentions: resolved.mentions,
            moved: resolved.moved,
            profiles: resolved.profiles,
            finishedInputs: [],
          }),
        );
        for (let to = 0; to < options.partitions; to++)
          if (to !== p) control(effects, to, { kind: 'erased-keys', hashes });
        logger.info({ partition: p, profileId: message.profileId, keys: hashes.length }, 'resolve.erased');
        return;
      }
      case 'erased-keys':
        log(effects, store.keepErased(message.hashes));
        return;
      case 'retract': {
        if (message.origin === p && message.checksum !== undefined) {
          // From the record's home: only the version it retracts, not a newer one that came since.
          const now = (await store.committedChecksums([message.sourceId])).get(message.sourceId);
          if (now !== message.checksum) return;
          log(effects, [store.forgetRecord(message.sourceId)]);
        }
        const further = store.sliceMove(message.sourceId, message.origin);
        if (further !== undefined) {
          control(effects, further, message);
          log(effects, [store.clearSliceMove(message.sourceId, message.origin)]);
        }
        await resolveIncoming(
          store,
          [{ sourceId: message.sourceId, origin: message.origin, mentions: [], replaces: true }],
          [],
          [],
          effects,
        );
        return;
      }
    }
  };

  const step = async (topic: string, partition: number, messages: KafkaMessage[]): Promise<void> => {
    const store = await storeFor(partition);
    const effects: Effects = { ahead: new Outbox(), changelog: [], records: [] };
    const letters: DeadLetter[] = [];
    try {
      // Runs of records are resolved together; a control message is a step of its own, in order.
      let run: MentionMessage[] = [];
      const flush = async (): Promise<void> => {
        if (run.length > 0) await records(store, run, effects);
        run = [];
      };
      for (const m of messages) {
        if (m.value === null) continue;
        let message;
        try {
          message = decodeMentionMessage(m.value);
        } catch (error) {
          letters.push(
            deadLetterOf(
              'decode',
              { code: 'invalid-mention-message', message: (error as Error).message },
              { topic, partition, offset: m.offset },
              m.value,
            ),
          );
          continue;
        }
        if (!isControl(message)) run.push(message);
        else {
          await flush();
          await controlStep(store, message, effects);
        }
      }
      await flush();
      const started = performance.now();
      const changelog = [...effects.changelog, ...effects.records];
      const sends = [...effects.ahead.topicMessages()];
      if (changelog.length > 0)
        sends.push({
          topic: topics.changelog,
          messages: changelog.map((e) => ({ key: e.key, value: e.value, partition })),
        });
      if (letters.length > 0)
        sends.push({
          topic: topics.deadLetters,
          messages: letters.map((l) => ({ key: null, value: JSON.stringify(l) })),
        });
      await sendBounded(producer, sends);
      stats.changelogSeconds += (performance.now() - started) / 1000;
    } catch (error) {
      // The store changed and may be ahead of its changelog: the next chunk restores it from Kafka.
      if (effects.changelog.length + effects.records.length > 0) drop(partition);
      throw error;
    }
    stats.deadLettered += letters.length;
  };

  return {
    step,
    assigned(partitions) {
      for (const p of [...stores.keys()]) if (!partitions.includes(p)) drop(p);
      // Restored now rather than at the partition's first message: the member is ready when the
      // backlog arrives, and a failed restore is retried then.
      for (const p of partitions) storeFor(p).catch(() => undefined);
    },
    sizes() {
      return new Map([...ready].map(([p, s]) => [p, s.size()]));
    },
    close() {
      for (const p of [...stores.keys()]) drop(p);
    },
  };
}
