import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load.js';
import { loadIndustries } from '../../../config/industries.js';
import { parseDoc } from '../../../indexer/embedded/doc-codec.js';
import { openEmbeddedIndex } from '../../../indexer/embedded/index.js';
import { readInputs } from '../../../ingest/files/read-inputs.js';
import { lockDataDir, DataDirLockedError } from '../../../ingest/embedded/data-dir-lock.js';
import { readRejects, rejectsPath, type RejectEntry } from '../../../ingest/embedded/rejects-file.js';
import { retryRejects } from '../../../ingest/embedded/retry-rejects.js';
import { runIngest, type IngestOptions } from '../../../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../../../synthetic/generate-corpus.js';
import type { TalentProfile } from '../../../processors/model/profile.js';
import { processRecord } from '../../../processors/pipeline.js';
import { ProfileFactory } from '../../../processors/profile-factory.js';
import type { ParsedRecord } from '../../../processors/profile/build-profiles.js';
import { corpusDir, describeWithCorpus } from '../../helpers/corpus.js';

const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
const industries = loadIndustries('config/industries.yaml');

const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

function ingest(inputs: string[], dataDir: string, extra: Partial<IngestOptions> = {}) {
  return runIngest({ inputs, dataDir, config, ...extra });
}

/** Every stored profile document, by id: what a user of the index sees. */
function profilesIn(dataDir: string): Map<string, TalentProfile> {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT p.id AS id, d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid ORDER BY p.id',
      )
      .all() as Array<{
      id: string;
      doc: string;
    }>;
    return new Map(rows.map((r) => [r.id, parseDoc<TalentProfile>(r.doc)]));
  } finally {
    db.close();
  }
}

function tableCount(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function rejectsOf(dataDir: string): Promise<RejectEntry[]> {
  const out: RejectEntry[] = [];
  for await (const e of readRejects(rejectsPath(dataDir))) out.push(e);
  return out;
}

/** The profiles of all records built at once, the way `parse --merge` would: the reference for any batching. */
async function referenceProfiles(inputs: string[]): Promise<Map<string, TalentProfile>> {
  const records: ParsedRecord[] = [];
  for await (const item of readInputs(inputs, { maxDocumentBytes: 64 << 20, fetchedAtFromFile: true })) {
    if (item.kind === 'rejected') continue;
    const outcome = processRecord(item.envelope, { maxDocumentBytes: 64 << 20 });
    if (outcome.status !== 'parsed') continue;
    records.push({
      sourceId: item.envelope.id,
      fetchedAt: item.envelope.fetchedAt,
      document: outcome.document,
      mentions: outcome.mentions,
    });
  }
  records.sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
  for (const r of records) r.mentions.sort((a, b) => (a.mentionId < b.mentionId ? -1 : 1));
  const profiles = ProfileFactory.fromConfig(config).profiles(records);
  return new Map(profiles.map((p) => [p.id, p]));
}

describe('embedded ingest', () => {
  const corpus = tempDir('tb-ingest-corpus-');
  const synthetic = generateCorpus({ count: 120, seed: 7, outDir: corpus, industries });

  it('gives the same index whatever the batch size, equal to building all records at once', async () => {
    const one = tempDir('tb-ingest-');
    const many = tempDir('tb-ingest-');
    const small = await ingest([corpus], one, { batchRecords: 1 });
    const large = await ingest([corpus], many, { batchRecords: 10_000 });
    expect(small.records).toBe(synthetic.documents);
    expect(small.rejected).toBe(0);
    expect(large.profiles).toBe(small.profiles);
    // People appear in several sources, so batches of one must merge across batches.
    expect(small.merged).toBeGreaterThan(0);
    expect(small.merged).toBe(large.merged);
    const a = profilesIn(one);
    const b = profilesIn(many);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a).toEqual(b);
    const reference = await referenceProfiles([corpus]);
    expect(new Set(a.keys())).toEqual(new Set(reference.keys()));
    for (const [id, p] of reference) expect(a.get(id)).toEqual(p);
  });

  it('a rerun finds everything committed: no new work, nothing duplicated', async () => {
    const dataDir = tempDir('tb-ingest-');
    const first = await ingest([corpus], dataDir);
    const before = profilesIn(dataDir);
    const again = await ingest([corpus], dataDir);
    expect(again.records).toBe(0);
    expect(again.inputsSkipped).toBeGreaterThan(0);
    const rescan = await ingest([corpus], dataDir, { rescan: true });
    expect(rescan.records).toBe(first.records);
    expect(rescan.unchanged).toBe(first.records);
    expect(rescan.ingested).toBe(0);
    expect(profilesIn(dataDir)).toEqual(before);
    expect(tableCount(dataDir, 'SELECT count(*) AS n FROM ingest_records')).toBe(first.records);
    expect(tableCount(dataDir, 'SELECT count(*) AS n FROM mentions')).toBe(first.mentions);
  });

  it('a changed document replaces what its earlier version said', async () => {
    const dir = tempDir('tb-ingest-docs-');
    const dataDir = tempDir('tb-ingest-');
    const file = join(dir, 'made-up.resume.json');
    const resume = (position: string) =>
      JSON.stringify({
        basics: { name: 'Qiao Anning', email: 'anning.qiao@example.org', label: position },
        work: [{ name: 'Made-up Photonics Ltd', position, startDate: '2020-01' }],
        skills: [{ name: 'Optical design' }],
      });
    writeFileSync(file, resume('Optical Engineer'));
    await ingest([dir], dataDir);
    const [before] = profilesIn(dataDir).values();
    expect(before?.titles).toEqual(['Optical Engineer']);
    writeFileSync(file, resume('Chief Optical Scientist'));
    const changed = await ingest([dir], dataDir);
    expect(changed.changed).toBe(1);
    const profiles = [...profilesIn(dataDir).values()];
    expect(profiles).toHaveLength(1);
    expect(profiles[0]?.titles).toEqual(['Chief Optical Scientist']);
    expect(profiles[0]?.evidence).toHaveLength(1);
  });

  it('erasure removes the mentions too, and a later record with the same key does not bring the person back', async () => {
    const dir = tempDir('tb-ingest-docs-');
    const dataDir = tempDir('tb-ingest-');
    const person = (file: string, position: string) =>
      writeFileSync(
        join(dir, file),
        JSON.stringify({
          basics: { name: 'Ke Yuhang', email: 'yuhang.ke@example.org' },
          work: [{ name: 'Made-up Rail Equipment Co', position, startDate: '2019-03' }],
        }),
      );
    person('a.json', 'Traction Engineer');
    await ingest([dir], dataDir);
    const [id] = profilesIn(dataDir).keys();
    const index = await openEmbeddedIndex({ dataDir });
    expect(await index.delete(id as string)).toBe(true);
    await index.close();
    person('b.json', 'Bogie Designer');
    const summary = await ingest([dir], dataDir);
    expect(summary.erased).toBe(1);
    expect([...profilesIn(dataDir).values()]).toEqual([]);
    const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
    // Neither the old mention nor the new one is kept; the erasure list holds hashes only.
    expect(db.prepare('SELECT count(*) AS n FROM mentions').get()).toEqual({ n: 0 });
    const kept = db.prepare('SELECT key_hash FROM erasures').all() as Array<{ key_hash: string }>;
    db.close();
    expect(kept.length).toBeGreaterThan(0);
    for (const { key_hash } of kept) expect(key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects go to rejects.jsonl once each, with reason, source, origin and the original bytes', async () => {
    const dir = tempDir('tb-ingest-mixed-');
    const dataDir = tempDir('tb-ingest-');
    const broken =
      '<?xml version="1.0"?>\n<us-patent-grant><us-bibliographic-data-grant><publication-reference>';
    writeFileSync(join(dir, 'broken.xml'), broken);
    writeFileSync(join(dir, 'notes.bin'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    writeFileSync(join(dir, 'empty.json'), '');
    mkdirSync(join(dir, 'good'));
    writeFileSync(
      join(dir, 'good', 'r.json'),
      JSON.stringify({
        basics: { name: 'Fang Lirong' },
        work: [{ name: 'Made-up Biotech', position: 'Scientist' }],
      }),
    );
    const summary = await ingest([dir], dataDir);
    expect(summary.ingested).toBe(1);
    expect(summary.rejected).toBe(3);
    const entries = await rejectsOf(dataDir);
    expect(entries.map((e) => e.reason.code).sort()).toEqual([
      'empty-input',
      'malformed-xml',
      'unknown-format',
    ]);
    const xml = entries.find((e) => e.reason.code === 'malformed-xml') as RejectEntry;
    expect(Buffer.from(xml.bodyBase64, 'base64').toString('utf8')).toBe(broken);
    expect(xml.origin.file).toBe(join(dir, 'broken.xml'));
    expect(xml.sourceKind).toBe('patent');
    expect(xml.checksum).toMatch(/^sha256:/);
    const bin = entries.find((e) => e.reason.code === 'unknown-format') as RejectEntry;
    expect(Buffer.from(bin.bodyBase64, 'base64')).toEqual(Buffer.from([0x00, 0x01, 0x02, 0xff]));

    // A crash mid-append leaves a partial line: it is cut, and a replay adds no duplicates.
    appendFileSync(rejectsPath(dataDir), '{"id":"patent:0123');
    await ingest([dir], dataDir, { rescan: true, reprocess: true });
    const after = await rejectsOf(dataDir);
    expect(after.map((e) => e.id).sort()).toEqual(entries.map((e) => e.id).sort());
    expect(readFileSync(rejectsPath(dataDir), 'utf8').endsWith('}\n')).toBe(true);
  });

  it('retry runs rejected records again; those that pass are indexed and leave the file', async () => {
    const dir = tempDir('tb-ingest-retry-');
    const dataDir = tempDir('tb-ingest-');
    const body = JSON.stringify({
      basics: { name: 'Tang Ruoxi', summary: 'x'.repeat(3000) },
      work: [{ name: 'Made-up Satellite Works', position: 'Payload Engineer' }],
    });
    writeFileSync(join(dir, 'big.json'), body);
    writeFileSync(join(dir, 'bad.json'), '{"basics": {"name": "Unclosed"');
    const strict = loadConfig({
      env: { TALENT_REFERENCE_DATE: '2026-01-01', TALENT_MAX_DOCUMENT_BYTES: '1000' },
    });
    const first = await runIngest({ inputs: [dir], dataDir, config: strict });
    expect(first.rejected).toBe(2);
    expect((await rejectsOf(dataDir)).map((e) => e.reason.code).sort()).toEqual([
      'malformed-json',
      'too-large',
    ]);
    // The limit was the problem, not the document: with the default limit it goes through.
    const retry = await retryRejects({ dataDir, config });
    expect(retry.retried).toBe(2);
    expect(retry.recovered).toBe(1);
    expect(retry.remaining).toBe(1);
    expect((await rejectsOf(dataDir)).map((e) => e.reason.code)).toEqual(['malformed-json']);
    expect([...profilesIn(dataDir).values()].map((p) => p.displayName)).toEqual(['Tang Ruoxi']);
  });

  it('one ingest at a time per data directory: the second refuses naming the first, or waits', async () => {
    const dataDir = tempDir('tb-ingest-');
    const lock = await lockDataDir(dataDir);
    await expect(ingest([corpus], dataDir)).rejects.toThrow(DataDirLockedError);
    await expect(ingest([corpus], dataDir)).rejects.toThrow(new RegExp(`pid ${process.pid}`));
    const waiting = ingest([corpus], dataDir, { waitForLockMs: 30_000 });
    setTimeout(() => lock.release(), 300);
    expect((await waiting).records).toBe(synthetic.documents);
  });

  it('a lock left by a killed process is taken over', async () => {
    const dataDir = tempDir('tb-ingest-');
    // A pid far above any pid_max in use: no such process.
    writeFileSync(
      join(dataDir, 'ingest.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 17,
        host: (await import('node:os')).hostname(),
        startedAt: 'x',
        command: 'x',
      }),
    );
    const summary = await ingest([corpus], dataDir);
    expect(summary.records).toBe(synthetic.documents);
  });

  it('stops cleanly on abort after committing, and the rerun finishes the job', async () => {
    const dataDir = tempDir('tb-ingest-');
    const stop = new AbortController();
    const partial = await ingest([corpus], dataDir, {
      batchRecords: 20,
      signal: stop.signal,
      onCommit: () => stop.abort(),
    });
    expect(partial.stopped).toBe(true);
    expect(partial.records).toBeLessThan(synthetic.documents);
    const rest = await ingest([corpus], dataDir);
    expect(rest.stopped).toBe(false);
    const reference = tempDir('tb-ingest-');
    await ingest([corpus], reference);
    expect(profilesIn(dataDir)).toEqual(profilesIn(reference));
  });
});

describeWithCorpus('embedded ingest of the real corpus', () => {
  it('indexes the corpus once; batches of one give the same profiles', async () => {
    const a = tempDir('tb-ingest-');
    const b = tempDir('tb-ingest-');
    const summary = await ingest([corpusDir], a);
    expect(summary.ingested).toBeGreaterThan(90);
    expect(summary.rejected).toBeGreaterThan(0); // the corpus holds malformed and foreign documents on purpose
    await ingest([corpusDir], b, { batchRecords: 1 });
    expect(profilesIn(a)).toEqual(profilesIn(b));
    const rejected = await rejectsOf(a);
    expect(rejected).toHaveLength(summary.rejected);
    expect(new Set(rejected.map((e) => e.id)).size).toBe(rejected.length);
    // Elon Musk files Form 4s for several issuers under one CIK: one profile.
    const musk = [...profilesIn(a).values()].filter((p) => p.identifiers.secCiks.includes('1494730'));
    expect(musk).toHaveLength(1);
    expect(musk[0]?.evidence.length).toBeGreaterThan(1);
  });
});
