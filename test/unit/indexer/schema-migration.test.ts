import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openEmbeddedIndex, SCHEMA_VERSION } from '../../../indexer/embedded/index.js';
import { MIGRATIONS } from '../../../indexer/embedded/schema.js';
import { searchColumns } from '../../../indexer/embedded/search-text.js';
import { fixtureProfiles } from '../../contract/fixtures.js';

describe('embedded index schema migrations', () => {
  it('brings a version-1 file to the current version, keeping its profiles and back-filling evidence kinds', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-migrate-'));
    const file = join(dataDir, 'talent.db');
    const profiles = fixtureProfiles();
    // A file as version 1 wrote it: its tables, its rows (evidence without a source kind).
    const v1 = new Database(file);
    v1.exec((MIGRATIONS[0] as { sql: string }).sql);
    v1.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', '1')").run();
    for (const p of profiles) {
      const { rid } = v1
        .prepare(
          'INSERT INTO profiles (id, display_name, tier, priority, last_seen, evidence_count, doc) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING rid',
        )
        .get(
          p.id,
          p.displayName,
          p.tier,
          p.priorityScore,
          p.lastSeen,
          p.evidence.length,
          JSON.stringify(p),
        ) as {
        rid: number;
      };
      for (const e of p.evidence)
        v1.prepare('INSERT INTO evidence (rid, source_id, mention_id) VALUES (?, ?, ?)').run(
          rid,
          e.sourceId,
          e.mentionId,
        );
    }
    v1.close();

    const index = await openEmbeddedIndex({ dataDir });
    const stats = await index.stats();
    expect(stats.schemaVersion).toBe(SCHEMA_VERSION);
    expect(stats.profiles).toBe(profiles.length);
    const expected: Record<string, number> = {};
    for (const p of profiles)
      for (const e of p.evidence) expected[e.sourceKind] = (expected[e.sourceKind] ?? 0) + 1;
    expect(stats.evidenceBySource).toEqual(expected);
    expect((await index.get(profiles[0]?.id as string))?.displayName).toBe(profiles[0]?.displayName);
    // Two-character terms are answered from fts_short, which the migration filled.
    const withTerm = profiles
      .filter((p) => JSON.stringify(searchColumns(p)).includes('光电'))
      .map((p) => p.id);
    expect(withTerm.length).toBeGreaterThan(0);
    expect((await index.search({ text: '光电', limit: 200 })).hits.map((h) => h.id).sort()).toEqual(
      withTerm.sort(),
    );
    await index.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(SCHEMA_VERSION),
    });
    raw.close();
  });
});
