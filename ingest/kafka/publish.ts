import { CompressionTypes, type Message } from 'kafkajs';
import type { Config } from '../../config/load.js';
import { encodeEnvelope, type FormatName } from '../../lib/envelope.js';
import type { Logger } from '../../lib/logger.js';
import { readInputs } from '../files/read-inputs.js';
import { createKafka, ensureTopics, idempotentProducer } from './client.js';
import { envelopeDeadLetter } from './dead-letter.js';

export interface PublishOptions {
  inputs: readonly string[];
  config: Readonly<Config>;
  logger: Logger;
  format?: FormatName;
  encoding?: string;
  /** Messages per produce request (default 500), also flushed at 1 MiB. */
  batchMessages?: number;
  onProgress?: (p: { records: number; bytesRead: number }) => void;
}

export interface PublishSummary {
  records: number;
  bytesRead: number;
  byTopic: Record<string, number>;
  /** Inputs that could not become records (unreadable, unknown format…), sent to the dead-letter topic. */
  deadLettered: number;
  seconds: number;
}

const FLUSH_BYTES = 1024 * 1024;

/**
 * Reads files into envelopes and produces them to the raw topic of their source kind: key = the
 * envelope's stable id (so a record's versions stay in one partition, in order), value = the
 * versioned envelope JSON. The producer is idempotent (no duplicates from its own retries) and
 * compresses with gzip.
 */
export async function publishInputs(options: PublishOptions): Promise<PublishSummary> {
  const started = Date.now();
  const kafka = createKafka(options.config, options.logger, 'talent-brain-publish');
  const topics = await ensureTopics(kafka, options.config);
  const producer = idempotentProducer(kafka);
  await producer.connect();
  const summary: PublishSummary = { records: 0, bytesRead: 0, byTopic: {}, deadLettered: 0, seconds: 0 };
  const pending = new Map<string, Message[]>();
  let pendingBytes = 0;
  let pendingCount = 0;
  const limit = options.batchMessages ?? 500;
  const flush = async (): Promise<void> => {
    if (pendingCount === 0) return;
    const topicMessages = [...pending].map(([topic, messages]) => ({ topic, messages }));
    pending.clear();
    pendingBytes = 0;
    pendingCount = 0;
    await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.GZIP });
  };
  const add = async (topic: string, message: Message, bytes: number): Promise<void> => {
    const list = pending.get(topic) ?? [];
    list.push(message);
    pending.set(topic, list);
    pendingBytes += bytes;
    pendingCount++;
    summary.byTopic[topic] = (summary.byTopic[topic] ?? 0) + 1;
    if (pendingCount >= limit || pendingBytes >= FLUSH_BYTES) await flush();
  };
  try {
    for await (const item of readInputs(options.inputs, {
      maxDocumentBytes: options.config.processors.maxDocumentBytes,
      archives: options.config.archives,
      fetchedAtFromFile: true,
      ...(options.format ? { format: options.format } : {}),
      ...(options.encoding ? { encoding: options.encoding } : {}),
    })) {
      summary.records++;
      summary.bytesRead += item.bytesRead;
      options.onProgress?.({ records: summary.records, bytesRead: summary.bytesRead });
      if (item.kind === 'rejected') {
        const letter = envelopeDeadLetter(
          'read',
          item.error.toJSON(),
          { ...(item.envelope.origin.file ? { file: item.envelope.origin.file } : {}) },
          item.envelope,
        );
        const value = Buffer.from(JSON.stringify(letter));
        await add(topics.deadLetters, { key: item.envelope.id, value }, value.length);
        summary.deadLettered++;
        continue;
      }
      const value = encodeEnvelope(item.envelope);
      await add(
        topics.raw[item.envelope.sourceKind],
        {
          key: item.envelope.id,
          value,
          headers: { 'content-type': 'application/vnd.talent-brain.envelope+json;v=1' },
        },
        value.length,
      );
    }
    await flush();
  } finally {
    await producer.disconnect();
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
