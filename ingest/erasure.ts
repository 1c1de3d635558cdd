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
 * On the distributed path (the Elasticsearch backend) a tombstone keyed by the id also goes to the
 * erasure topic, so every worker and any other consumer of the topics learns of it.
 */
export async function eraseProfile(
  backend: Backend,
  request: ErasureRequest,
  options: { logger: Logger; config?: Readonly<Config> },
): Promise<ErasureResult> {
  const erased = await backend.index.delete(request.id);
  let tombstone = false;
  if (backend.name === 'elasticsearch' && options.config) {
    const kafka = createKafka(options.config, options.logger, 'talent-brain-erasure');
    const topics = await ensureTopics(kafka, options.config);
    const producer = idempotentProducer(kafka);
    await producer.connect();
    try {
      await producer.send({ topic: topics.erasure, acks: -1, messages: [{ key: request.id, value: null }] });
      tombstone = true;
    } finally {
      await producer.disconnect();
    }
  }
  options.logger.info(
    { id: request.id, actor: request.actor, reason: request.reason, erased, tombstone },
    'profile.erased',
  );
  return { erased, tombstone };
}
