import { randomUUID } from 'node:crypto';
import { CompressionTypes, type Kafka } from 'kafkajs';
import type { Config } from '../../config/load.js';
import { decodeEnvelope } from '../../lib/envelope.js';
import type { Logger } from '../../lib/logger.js';
import { createKafka, ensureTopics, idempotentProducer } from './client.js';
import { parseDeadLetter, type DeadLetter } from './dead-letter.js';

/**
 * Reads a topic from its beginning to the end it has now, with a throw-away consumer group
 * (deleted afterwards), so listing never moves the workers' offsets.
 */
async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
): Promise<Array<{ key: string | null; value: Buffer | null }>> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `talent-brain-reader-${randomUUID()}`;
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(
      ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]),
    );
    const out: Array<{ key: string | null; value: Buffer | null }> = [];
    if (remaining.size === 0) return out;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((done, fail) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined) return;
            out.push({ key: message.key?.toString('utf8') ?? null, value: message.value });
            if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) done();
          },
        })
        .catch(fail);
    });
    await consumer.disconnect();
    return out;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

export async function listDeadLetters(options: {
  config: Readonly<Config>;
  logger: Logger;
}): Promise<DeadLetter[]> {
  const kafka = createKafka(options.config, options.logger, 'talent-brain-dlq');
  const topics = await ensureTopics(kafka, options.config);
  const messages = await readTopicToEnd(kafka, topics.deadLetters);
  return messages.map((m) => parseDeadLetter(m.value)).filter((d): d is DeadLetter => d !== undefined);
}

/**
 * Sends dead letters back to the raw topic of their record (after a parser or mapping fix). Only
 * letters holding a decodable envelope can be replayed; the others are counted as skipped. The
 * dead-letter topic itself is left as it is: it is the record of what happened.
 */
export async function replayDeadLetters(options: {
  config: Readonly<Config>;
  logger: Logger;
  stages?: string[];
  reasons?: string[];
}): Promise<{ replayed: number; skipped: number }> {
  const kafka = createKafka(options.config, options.logger, 'talent-brain-dlq');
  const topics = await ensureTopics(kafka, options.config);
  const letters = (await readTopicToEnd(kafka, topics.deadLetters))
    .map((m) => parseDeadLetter(m.value))
    .filter((d): d is DeadLetter => d !== undefined)
    .filter((d) => !options.stages?.length || options.stages.includes(d.stage))
    .filter((d) => !options.reasons?.length || options.reasons.includes(d.reason.code));
  const producer = idempotentProducer(kafka);
  await producer.connect();
  let replayed = 0;
  let skipped = 0;
  try {
    for (const letter of letters) {
      const value = Buffer.from(letter.valueBase64, 'base64');
      let envelope;
      try {
        envelope = decodeEnvelope(value);
      } catch {
        skipped++;
        continue;
      }
      await producer.send({
        topic: topics.raw[envelope.sourceKind],
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages: [{ key: envelope.id, value }],
      });
      replayed++;
    }
  } finally {
    await producer.disconnect();
  }
  return { replayed, skipped };
}
