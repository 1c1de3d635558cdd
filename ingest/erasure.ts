import type { Config } from '../config/load.js';
import type { Backend } from '../indexer/open-backend.js';
import type { Logger } from '../lib/logger.js';
import { deadLetterMarks, forgetDeadLetters } from './embedded/forget-rejects.js';
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
  /**
   * Dead letters of the data directory (`rejects.jsonl`) dropped because they hold the person;
   * `pending` when an ingest held the data directory and they were not reached.
   */
  deadLetters: number | 'pending';
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
  options: {
    logger: Logger;
    config?: Readonly<Config>;
    /** The data directory whose dead letters (`rejects.jsonl`) the erasure reaches. */
    dataDir?: string;
    /** The caller holds the data directory's write lock (else the dead letters are rewritten under it). */
    dataDirLocked?: boolean;
  },
): Promise<ErasureResult> {
  // Read first: what identifies the person in documents that could not be parsed.
  const profile = await backend.index.get(request.id);
  const erased = await backend.index.delete(request.id);
  let deadLetters: number | 'pending' = 0;
  if (erased && profile !== undefined && options.dataDir !== undefined)
    deadLetters =
      (await forgetDeadLetters(options.dataDir, deadLetterMarks(profile), {
        locked: options.dataDirLocked ?? false,
      })) ?? 'pending';
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
    { id: request.id, actor: request.actor, reason: request.reason, erased, tombstone, deadLetters },
    'profile.erased',
  );
  return { erased, tombstone, deadLetters };
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
