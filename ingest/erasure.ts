import type { Config } from '../config/load.js';
import type { Backend } from '../indexer/open-backend.js';
import type { Logger } from '../lib/logger.js';
import { createKafka, ensureTopics, idempotentProducer } from './kafka/client.js';

export interface ErasureRequest {
  /** Profile id to erase. */
  id: string;
  /** Who asked (an API key's name, a CLI user): logged with the erasure. */
  actor: string;
  reason?: string;
}

export interface ErasureResult {
  /** The profile existed and is gone from the index, with its stored mentions. */
  erased: boolean;
  /** A tombstone for the id went to the erasure topic (the distributed path). */
  tombstone: boolean;
}

/**
 * Erases a person: the profile and every stored mention it was built from leave the index, and
 * the person's merge keys are kept (hashed) so later records about them are dropped — re-ingesting
 * the same documents, or new ones sharing an identifier, does not bring them back.
 *
 * When the `kafka.sendErasures` setting says so (by default on the distributed path, the
 * Elasticsearch backend) a tombstone keyed by the id also goes to the erasure topic, so every
 * worker and any other consumer of the topics learns of it.
 */
export async function eraseProfile(
  backend: Backend,
  request: ErasureRequest,
  options: { logger: Logger; config?: Readonly<Config> },
): Promise<ErasureResult> {
  const erased = await backend.index.delete(request.id);
  let tombstone = false;
  if (options.config && sendsErasuresToKafka(options.config)) {
    // The index is erased already; the tombstone tells the other consumers. Kafka being down must
    // not turn a done erasure into an error: it is logged, and the result says it was not sent.
    try {
      await sendTombstone(options.config, options.logger, request.id);
      tombstone = true;
    } catch (error) {
      options.logger.warn(
        { id: request.id, err: (error as Error).message },
        'profile.erased: the tombstone could not be sent to the erasure topic',
      );
    }
  }
  options.logger.info(
    { id: request.id, actor: request.actor, reason: request.reason, erased, tombstone },
    'profile.erased',
  );
  return { erased, tombstone };
}

/** The `kafka.sendErasures` setting: `auto` sends them when the index is Elasticsearch. */
export function sendsErasuresToKafka(config: Readonly<Config>): boolean {
  const setting = config.kafka.sendErasures;
  return setting === 'always' || (setting === 'auto' && config.index.backend === 'elasticsearch');
}

async function sendTombstone(config: Readonly<Config>, logger: Logger, id: string): Promise<void> {
  const kafka = createKafka(config, logger, 'talent-brain-erasure');
  const topics = await ensureTopics(kafka, config);
  const producer = idempotentProducer(kafka);
  await producer.connect();
  try {
    await producer.send({ topic: topics.erasure, acks: -1, messages: [{ key: id, value: null }] });
  } finally {
    await producer.disconnect();
  }
}
