import { CompressionTypes, type Producer } from 'kafkajs';
import type { RecordEnvelope } from '../../lib/envelope.js';
import type { DeadLetterSink } from '../commit-batch.js';
import { envelopeDeadLetter, type DeadLetter } from './dead-letter.js';

/** Produces dead letters to the dead-letter topic. */
export interface DeadLetterTopic {
  /** Resolves once every replica has the letters (acks from all), so a commit may name them. */
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/**
 * The dead-letter topic behind `producer` (an idempotent one: a retried send adds no copy).
 * `onSent` counts what was sent, for the caller's metrics.
 */
export function deadLetterTopic(
  producer: Producer,
  topic: string,
  onSent?: (letters: number) => void,
): DeadLetterTopic {
  return {
    async send(letters) {
      if (letters.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages: letters.map((l) => ({ key: l.recordId ?? null, value: JSON.stringify(l) })),
      });
      onSent?.(letters.length);
    },
  };
}

/**
 * The Kafka worker's dead-letter sink for one chunk of messages: a record the processors rejected
 * goes to the topic as a `parse` dead letter naming the message it came from (`sourceOf`), so
 * `talent-brain dlq replay` can send it back there.
 */
export function kafkaDeadLetterSink(
  topic: DeadLetterTopic,
  sourceOf: (envelope: RecordEnvelope) => DeadLetter['source'],
): DeadLetterSink {
  return {
    put: (rejected) =>
      topic.send(
        rejected.map((r) => envelopeDeadLetter('parse', r.error.toJSON(), sourceOf(r.envelope), r.envelope)),
      ),
  };
}
