import { Client } from '@elastic/elasticsearch';
import type { Config } from '../../config/load.js';
import { openBackend } from '../../indexer/open-backend.js';
import { listDeadLetters } from '../../ingest/kafka/dlq-tools.js';
import type { DeadLetter } from '../../ingest/kafka/dead-letter.js';
import type { Logger } from '../../lib/logger.js';
import type { TalentProfile } from '../../processors/model/profile.js';

/**
 * What a reader of an Elasticsearch index sees once the writers are done: the equality tests of the
 * distributed path compare whole index content with this, never a count. Call it after the group's
 * lag is 0 and the workers have stopped; it refreshes every index of the prefix first, so a
 * difference it shows is a lost or stale write, not a write not yet searchable.
 */
export async function settledProfiles(
  config: Readonly<Config>,
): Promise<Array<{ id: string; doc: TalentProfile }>> {
  const prefix = config.elasticsearch.prefix;
  const client = new Client({ nodes: config.elasticsearch.url.split(',') });
  const ids: string[] = [];
  try {
    await client.indices.refresh({ index: `${prefix}-*` });
    let after: Array<string | number> | undefined;
    for (;;) {
      const page = await client.search<unknown>({
        index: `${prefix}-profiles`,
        query: { match_all: {} },
        sort: [{ id: 'asc' }],
        size: 1000,
        _source: false,
        ...(after ? { search_after: after } : {}),
      });
      for (const hit of page.hits.hits) ids.push(hit._id as string);
      const last = page.hits.hits[page.hits.hits.length - 1];
      if (page.hits.hits.length < 1000 || !last?.sort) break;
      after = last.sort as Array<string | number>;
    }
  } finally {
    await client.close();
  }
  const reader = await openBackend(config, { dataDir: '' });
  try {
    const out: Array<{ id: string; doc: TalentProfile }> = [];
    for (const id of ids.sort()) {
      const doc = await reader.index.get(id);
      if (doc) out.push({ id, doc });
    }
    return out;
  } finally {
    await reader.close();
  }
}

/**
 * The dead letters of a run, one per source message: a chunk replayed after a rebalance or a
 * crash produces its dead letters again (at-least-once to the dead-letter topic), so counting a
 * worker's statistics, or the topic's messages, would count those twice.
 */
export async function distinctDeadLetters(options: {
  config: Readonly<Config>;
  logger: Logger;
}): Promise<DeadLetter[]> {
  const seen = new Map<string, DeadLetter>();
  for (const letter of await listDeadLetters(options)) {
    const s = letter.source;
    seen.set(`${s.topic}:${s.partition}:${s.offset}:${s.file}:${letter.recordId}`, letter);
  }
  return [...seen.values()];
}
