import type { KafkaMessage, Producer } from 'kafkajs';
import type { Config } from '../../../config/load.js';
import type { PersonMention } from '../../../processors/model/mention.js';
import { processRecord } from '../../../processors/pipeline.js';
import { storedMentionKeys } from '../../../processors/resolve/index.js';
import { decodeRawMessage } from '../foreign-message.js';
import { deadLetterOf, envelopeDeadLetter, type DeadLetter } from '../dead-letter.js';
import type { Topics } from '../topics.js';
import { encodeControlMessage, encodeMentionMessage } from './mention-message.js';
import { ownerPartition, ownershipOf, recordHome } from './ownership.js';
import { sendBounded } from './send-bounded.js';

export interface ParseStats {
  records: number;
  mentions: number;
  deadLettered: number;
  /** Time in the step: decode, parse, normalize, and producing its messages. */
  seconds: number;
}

/**
 * The stateless stage: raw envelopes → decode → parse → normalize → mentions, produced to the
 * mentions topic keyed by their owner (ownership.ts), so each person's resolution happens in one
 * partition of the resolve stage. Rejects go to the dead-letter topic. The step keeps nothing
 * between chunks: any number of members scale it, and a replayed chunk produces the same messages
 * again, which the resolve stage skips as unchanged records.
 */
export function parseStep(options: {
  config: Readonly<Config>;
  producer: Producer;
  topics: Topics;
  stats: ParseStats;
  /** Partitions of the mentions topic. */
  partitions: number;
}): (topic: string, partition: number, messages: KafkaMessage[]) => Promise<void> {
  const { producer, topics, stats } = options;
  const limits = { maxDocumentBytes: options.config.processors.maxDocumentBytes };
  return async (topic, partition, messages) => {
    const started = performance.now();
    const out: Array<{ key: string; partition: number; value: Buffer }> = [];
    const letters: DeadLetter[] = [];
    if (topic === topics.erasure) {
      // Key = the profile id (the value is a tombstone): only the partition holding the person
      // knows them, so every partition is told, in its order with the records.
      for (const m of messages) {
        const profileId = m.key?.toString('utf8');
        if (!profileId) continue;
        for (let at = 0; at < options.partitions; at++)
          out.push({
            key: 'erase',
            partition: at,
            value: encodeControlMessage({ kind: 'erase', profileId }),
          });
      }
      await sendBounded(producer, [{ topic: topics.mentions, messages: out }]);
      stats.seconds += (performance.now() - started) / 1000;
      return;
    }
    for (const m of messages) {
      stats.records++;
      if (m.value === null) continue;
      const source = {
        topic,
        partition,
        offset: m.offset,
        ...(m.key ? { key: m.key.toString('utf8') } : {}),
      };
      let envelope;
      try {
        envelope = decodeRawMessage({ ...m, value: m.value, topic, partition }, topics.raw);
      } catch (error) {
        letters.push(
          deadLetterOf(
            'decode',
            { code: 'invalid-envelope', message: (error as Error).message },
            source,
            m.value,
          ),
        );
        continue;
      }
      const outcome = processRecord(envelope, limits);
      if (outcome.status === 'rejected') {
        letters.push(envelopeDeadLetter('parse', outcome.error.toJSON(), source, envelope));
        continue;
      }
      if (outcome.status !== 'parsed') continue;
      // One message per partition the record's people are owned in (not per owner): the resolve
      // stage knows a record by its id and checksum, once per partition. Its home hears of it too.
      const byPartition = new Map<number, { owner: string; mentions: PersonMention[] }>();
      for (const mention of outcome.mentions) {
        const { owner } = ownershipOf(storedMentionKeys(mention), envelope.id);
        const at = ownerPartition(owner, options.partitions);
        const part = byPartition.get(at) ?? { owner, mentions: [] };
        part.mentions.push(mention);
        byPartition.set(at, part);
      }
      const home = recordHome(envelope.id, options.partitions);
      if (!byPartition.has(home)) byPartition.set(home, { owner: `source:${envelope.id}`, mentions: [] });
      const partitions = [...byPartition.keys()].sort((a, b) => a - b);
      for (const [at, { owner, mentions }] of byPartition) {
        stats.mentions += mentions.length;
        out.push({
          key: owner,
          partition: at,
          value: encodeMentionMessage({
            sourceId: envelope.id,
            checksum: envelope.checksum,
            fetchedAt: envelope.fetchedAt,
            document: outcome.document,
            mentions,
            partitions,
          }),
        });
      }
    }
    const sends = [];
    if (out.length > 0) sends.push({ topic: topics.mentions, messages: out });
    if (letters.length > 0)
      sends.push({
        topic: topics.deadLetters,
        messages: letters.map((l) => ({ key: l.recordId ?? null, value: JSON.stringify(l) })),
      });
    await sendBounded(producer, sends);
    stats.deadLettered += letters.length;
    stats.seconds += (performance.now() - started) / 1000;
  };
}
