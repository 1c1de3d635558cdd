import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load.js';
import { loadIndustries } from '../../../config/industries.js';
import { parseDoc } from '../../../indexer/embedded/doc-codec.js';
import { openBackend } from '../../../indexer/open-backend.js';
import { runIngest } from '../../../ingest/embedded/run-ingest.js';
import { rescoreAll } from '../../../ingest/rescore.js';
import { generateCorpus } from '../../../synthetic/generate-corpus.js';
import type { TalentProfile } from '../../../processors/model/profile.js';
import { ProfileFactory } from '../../../processors/profile-factory.js';

function profiles(dataDir: string): Map<string, TalentProfile> {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT p.id AS id, d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid ORDER BY p.id',
      )
      .all() as Array<{ id: string; doc: Buffer }>;
    return new Map(rows.map((r) => [r.id, parseDoc<TalentProfile>(r.doc)]));
  } finally {
    db.close();
  }
}

describe('rescore', () => {
  it('after a scoring change, gives the profiles a fresh ingest with the new config gives', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'tb-rescore-corpus-'));
    generateCorpus({
      count: 150,
      seed: 9,
      outDir: corpus,
      industries: loadIndustries('config/industries.yaml'),
    });
    const before = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
    // The office decides patent classes say less: 4 points per patent in the industry's classes.
    const weights = join(mkdtempSync(join(tmpdir(), 'tb-rescore-cfg-')), 'scoring.yaml');
    writeFileSync(
      weights,
      readFileSync('config/scoring.yaml', 'utf8').replace(
        /classPointsPerPatent: \d+/,
        'classPointsPerPatent: 4',
      ),
    );
    const after = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01', TALENT_SCORING_FILE: weights } });

    const dataDir = mkdtempSync(join(tmpdir(), 'tb-rescore-'));
    await runIngest({ inputs: [corpus], dataDir, config: before });
    const old = profiles(dataDir);
    const backend = await openBackend(after, { dataDir, backend: 'embedded' });
    const summary = await rescoreAll({
      index: backend.index,
      state: backend.state,
      factory: ProfileFactory.fromConfig(after),
    });
    await backend.close();

    const fresh = mkdtempSync(join(tmpdir(), 'tb-rescore-fresh-'));
    await runIngest({ inputs: [corpus], dataDir: fresh, config: after });
    const want = profiles(fresh);
    const got = profiles(dataDir);
    expect(got).toEqual(want);
    // The change mattered: some scores moved.
    expect(
      [...got].filter(([id, p]) => p.priorityScore !== old.get(id)?.priorityScore).length,
    ).toBeGreaterThan(0);
    expect(summary.profiles).toBe(want.size);
  });
});
