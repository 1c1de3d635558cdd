import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Kafka } from 'kafkajs';
import { parseDoc } from '../../indexer/embedded/doc-codec.js';
import type { TalentProfile } from '../../processors/model/profile.js';

/** Helpers of the Kafka suites: waiting for a group to catch up, cleaning up, reading the reference index. */

export /** Polls until the group has committed every offset of the topics (no fixed sleeps). */
async function drained(kafka: Kafka, groupId: string, topics: string[], timeoutMs = 120_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let behind = 0n;
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const end of ends) {
          const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          const position = BigInt(at === '-1' ? end.low : at);
          behind += BigInt(end.high) - position;
        }
      }
      if (behind === 0n) return;
      if (Date.now() > deadline) throw new Error(`group ${groupId} still ${behind} messages behind`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the topics a test created (all start with its unique prefix). */
export async function cleanTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  await admin.deleteTopics({ topics: mine }).catch(() => undefined);
  await admin.disconnect();
}

/** Profile ids of an embedded index, sorted. */
export function profileIds(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM profiles ORDER BY id').all() as Array<{ id: string }>).map(
      (r) => r.id,
    );
  } finally {
    db.close();
  }
}

export /** Profiles as documents (key order aside): what a reader of the index sees. */
function profileDocs(dataDir: string): Array<{ id: string; doc: TalentProfile }> {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    return (
      db
        .prepare(
          'SELECT p.id AS id, d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid ORDER BY p.id',
        )
        .all() as Array<{ id: string; doc: Buffer }>
    ).map((r) => ({ id: r.id, doc: parseDoc<TalentProfile>(r.doc) }));
  } finally {
    db.close();
  }
}
