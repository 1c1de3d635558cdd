import { expect, it } from 'vitest';
import type { Config } from '../../config/load.js';
import type { Backend } from '../../indexer/open-backend.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { eraseProfile } from '../../ingest/erasure.js';
import { commitBatch } from '../../ingest/commit-batch.js';
import { createLogger } from '../../lib/logger.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { envelopeOf } from '../helpers/corpus.js';
import { collectDeadLetters } from '../helpers/dead-letters.js';

const logger = createLogger({ level: 'warn' });

/** A made-up JSON Resume; `version` changes the bytes (a new version of the same document). */
function resume(email: string, version: number): string {
  return JSON.stringify({
    basics: { name: 'Marta Quellwood', email, label: `Motor control engineer (v${version})` },
    work: [{ name: 'Vantor Drives', position: 'Motor control engineer', startDate: '2019-03-01' }],
  });
}

/** Ingests envelopes the way the file ingest, the crawl sink and the workers do: one commitBatch. */
async function ingest(backend: Backend, config: Readonly<Config>, envelopes: RecordEnvelope[]) {
  return commitBatch(
    envelopes.map((envelope) => ({ envelope })),
    {
      state: backend.state,
      factory: ProfileFactory.fromConfig(config),
      limits: { maxDocumentBytes: 1 << 20 },
      deadLetters: collectDeadLetters(),
    },
  );
}

const doc = (body: string, file: string): RecordEnvelope =>
  envelopeOf(body, 'json-resume', `/fixtures/${file}`);

/**
 * Erasure on one backend: the person leaves the index, and neither a new version of the same
 * document, nor another document with the same identifier, brings them back; other people stay.
 */
export function runErasureContract(
  name: string,
  setup: () => { config: Readonly<Config>; open: () => Promise<Backend> },
): void {
  it(`${name}: an erased person stays erased when their documents come again`, async () => {
    const { config, open } = setup();
    const backend = await open();
    try {
      await ingest(backend, config, [
        doc(resume('marta@vantor.example', 1), 'marta.json'),
        doc(
          JSON.stringify({
            basics: { name: 'Ilse Brandvold', email: 'ilse@vantor.example' },
            work: [{ name: 'Vantor Drives', position: 'Battery engineer', startDate: '2020-01-01' }],
          }),
          'ilse.json',
        ),
      ]);
      const found = await backend.index.search({ text: 'name:"Marta Quellwood"' });
      expect(found.total).toBe(1);
      const id = found.hits[0]?.id as string;
      const result = await eraseProfile(backend, { id, actor: 'test' }, { logger });
      expect(result.erased).toBe(true);
      expect(await backend.index.get(id)).toBeUndefined();
      expect((await eraseProfile(backend, { id, actor: 'test' }, { logger })).erased).toBe(false);

      // The same file changed (a new version), and another file with the same email.
      const again = await ingest(backend, config, [
        doc(resume('marta@vantor.example', 2), 'marta.json'),
        doc(resume('MARTA@vantor.example', 3), 'marta-again.json'),
      ]);
      expect(again.counts.erased).toBe(2);
      expect(again.profilesWritten).toBe(0);
      expect((await backend.index.search({ text: 'Quellwood' })).total).toBe(0);
      expect((await backend.index.search({ text: 'name:"Ilse Brandvold"' })).total).toBe(1);
      const unrelated = await ingest(backend, config, [
        doc(
          JSON.stringify({
            basics: { name: 'Marta Quellwood', email: 'mq@elsewhere.example' },
            work: [{ name: 'Hollis Optics' }],
          }),
          'namesake.json',
        ),
      ]);
      // Another person of the same name elsewhere shares no key with the erased one.
      expect(unrelated.counts.erased).toBe(0);
      expect((await backend.index.search({ text: 'name:"Marta Quellwood"' })).total).toBe(1);
    } finally {
      await backend.close();
    }
  }, 60_000);
}
