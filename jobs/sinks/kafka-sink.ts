import { CompressionTypes, type Message } from 'kafkajs';
import type { Config } from '../../config/load.js';
import { createKafka, ensureTopics, idempotentProducer } from '../../ingest/kafka/client.js';
import { encodeEnvelope, type RecordEnvelope } from '../../lib/envelope.js';
import type { Logger } from '../../lib/logger.js';
import { Batcher, type RecordSink } from './sink.js';

export interface KafkaSinkOptions {
  config: Readonly<Config>;
  logger: Logger;
  /** Messages per produce request at most (default 200); batches grow with the load, see Batcher. */
  batchRecords?: number;
}

/** The content type header `talent-brain publish` puts on envelope messages. */
const ENVELOPE_CONTENT_TYPE = 'application/vnd.talent-brain.envelope+json;v=1';

/**
 * Produces crawled pages to the raw topic of their source kind, exactly as `talent-brain publish`
 * does with files: key = the record's stable id (derived from its URL, so a page's versions stay
 * in one partition, in order), value = the versioned envelope JSON, idempotent producer, acks from
 * all in-sync replicas, gzip. The Kafka workers take it from there.
 */
export async function openKafkaSink(options: KafkaSinkOptions): Promise<RecordSink> {
  const kafka = createKafka(options.config, options.logger, 'talent-brain-crawl');
  const topics = await ensureTopics(kafka, options.config);
  const producer = idempotentProducer(kafka);
  await producer.connect();
  const batcher = new Batcher<RecordEnvelope>(
    async (envelopes) => {
      const byTopic = new Map<string, Message[]>();
      for (const envelope of envelopes) {
        const topic = topics.raw[envelope.sourceKind];
        const list = byTopic.get(topic) ?? [];
        list.push({
          key: envelope.id,
          value: encodeEnvelope(envelope),
          headers: { 'content-type': ENVELOPE_CONTENT_TYPE },
        });
        byTopic.set(topic, list);
      }
      await producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        acks: -1,
        compression: CompressionTypes.GZIP,
      });
    },
    { maxItems: options.batchRecords ?? 200, maxBytes: 1024 * 1024 },
  );
  let closing: Promise<void> | undefined;
  return {
    name: 'kafka',
    write: (envelope) => batcher.add(envelope, envelope.body.length),
    close: () =>
      (closing ??= (async () => {
        try {
          await batcher.close();
        } finally {
          await producer.disconnect();
        }
      })()),
  };
}
