import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexSchemaError, openEmbeddedIndex, SCHEMA_VERSION } from '../../../indexer/embedded/index.js';
import { runIndexContract } from '../../contract/index-contract.js';
import { fixtureProfiles } from '../../contract/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'talent-index-'));
let n = 0;
const freshDir = (): string => join(root, `db${n++}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

runIndexContract('embedded SQLite', () => openEmbeddedIndex({ dataDir: freshDir() }));

describe('embedded index file', () => {
  it('runs in WAL mode and keeps its data when reopened', async () => {
    const dataDir = freshDir();
    const profiles = fixtureProfiles();
    const first = await openEmbeddedIndex({ dataDir });
    expect(first.journalMode()).toBe('wal');
    await first.upsert(profiles);
    await first.close();
    const again = await openEmbeddedIndex({ dataDir });
    try {
      expect((await again.stats()).profiles).toBe(profiles.length);
      expect((await again.search({ text: '长春光机所' })).total).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('refuses a file written by a newer schema, naming the file and both versions', async () => {
    const dataDir = freshDir();
    await (await openEmbeddedIndex({ dataDir })).close();
    const file = join(dataDir, 'talent.db');
    const raw = new Database(file);
    raw.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    raw.close();
    const opening = openEmbeddedIndex({ dataDir });
    await expect(opening).rejects.toBeInstanceOf(IndexSchemaError);
    await expect(opening).rejects.toThrow(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*version ${SCHEMA_VERSION + 1}.*up to ${SCHEMA_VERSION}`,
      ),
    );
  });

  it('names the file when it is not an index at all', async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, 'talent.db'),
      'this is not a database, just some text long enough to fill a header……',
    );
    await expect(openEmbeddedIndex({ dataDir })).rejects.toThrow(/cannot open the index file .*talent\.db/);
  });

  it('erasure leaves no row of the profile behind', async () => {
    const dataDir = freshDir();
    const profiles = fixtureProfiles();
    const index = await openEmbeddedIndex({ dataDir });
    await index.upsert(profiles);
    const victim = profiles[0]?.id as string;
    await index.delete(victim);
    await index.close();
    const raw = new Database(join(dataDir, 'talent.db'), { readonly: true });
    const orphans = (table: string) =>
      (
        raw
          .prepare(`SELECT count(*) AS n FROM ${table} WHERE rid NOT IN (SELECT rid FROM profiles)`)
          .get() as {
          n: number;
        }
      ).n;
    try {
      for (const table of ['scores', 'locations', 'skills', 'evidence'])
        expect(orphans(table), table).toBe(0);
      expect((raw.prepare('SELECT count(*) AS n FROM fts').get() as { n: number }).n).toBe(
        profiles.length - 1,
      );
      expect(raw.prepare('SELECT count(*) AS n FROM evidence').get()).toEqual({
        n: profiles.reduce((n, p) => n + p.evidence.length, 0) - 1,
      });
    } finally {
      raw.close();
    }
  });

  it('records the schema version in the meta table', async () => {
    const dataDir = freshDir();
    await (await openEmbeddedIndex({ dataDir })).close();
    const raw = new Database(join(dataDir, 'talent.db'), { readonly: true });
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(SCHEMA_VERSION),
    });
    raw.close();
  });
});
