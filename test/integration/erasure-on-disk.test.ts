import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';
import type { ApiApp } from '../../api/server.js';
import {
  cleanElasticsearchAndKafka,
  serveIndexed,
  type caller,
  elasticsearchTestConfig,
  testConfig,
  type RoleKeys,
} from './api-fixture.js';

/**
 * Erasure that lasts on disk. A made-up person is ingested (two résumés, merged on their e-mail,
 * and a broken third document holding the e-mail that goes to the dead letters), read through
 * the API, then erased by an admin: afterwards no file of the data directory — the index and its
 * WAL, the dead letters (decoded), the API state and audit log — holds their e-mail, phone or
 * name. On Elasticsearch, the segments are rid of the deleted documents (no `docs.deleted` left).
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

const EMAIL = 'ada.erasewell@example.net';
const PHONE = '+86 139 8765 4321';
const NAME = 'Ada Erasewell';
/** Forms of the person's data as files may hold them: as written, folded, digits only. */
const NEEDLES = [EMAIL, 'erasewell', '139 8765 4321', '13987654321', '8765'];

function writeDocuments(dir: string): string {
  const out = join(dir, 'docs');
  mkdirSync(out, { recursive: true });
  const resume = (org: string, position: string) =>
    JSON.stringify({
      basics: {
        name: NAME,
        label: position,
        email: EMAIL,
        phone: PHONE,
        summary: `Laser engineer. Phone ${PHONE}.`,
      },
      work: [{ name: org, position, startDate: '2015-01' }],
      skills: [{ name: 'Lasers' }],
    });
  writeFileSync(join(out, 'doc-1.resume.json'), resume('Example Lasers Ltd.', 'Laser engineer'));
  writeFileSync(join(out, 'doc-2.resume.json'), resume('Another Example Optics', 'Optical engineer'));
  // Broken JSON: a dead letter that holds the person's e-mail.
  writeFileSync(join(out, 'doc-3.resume.json'), `{"basics": {"name": "${NAME}", "email": "${EMAIL}"`);
  // Someone else, broken too: their dead letter stays.
  writeFileSync(
    join(out, 'doc-4.resume.json'),
    `{"basics": {"name": "Bo Keepwell", "email": "bo@example.org"`,
  );
  // Someone else, indexed: stays.
  writeFileSync(
    join(out, 'doc-5.resume.json'),
    JSON.stringify({
      basics: { name: 'Cy Staywell', email: 'cy.staywell@example.org', label: 'Laser engineer' },
    }),
  );
  return out;
}

/** Every file under `dir`, with the dead letters' original bytes decoded next to their lines. */
function filesOf(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      out.push(...filesOf(file));
      continue;
    }
    let text = readFileSync(file).toString('latin1');
    if (name.endsWith('.jsonl'))
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const body = (JSON.parse(line) as { bodyBase64?: string }).bodyBase64;
        if (body !== undefined) text += `\n${Buffer.from(body, 'base64').toString('latin1')}`;
      }
    out.push({ file, text: text.toLowerCase() });
  }
  return out;
}

const holding = (dir: string, needle: string): string[] =>
  filesOf(dir)
    .filter((f) => f.text.includes(needle.toLowerCase()))
    .map((f) => f.file);

function erasureSuite(
  name: string,
  configOf: () => ReturnType<typeof elasticsearchTestConfig>,
  cleanup: () => Promise<void>,
  afterErasure?: (prefix: string) => Promise<void>,
) {
  const dir = mkdtempSync(join(tmpdir(), `tb-erase-${name}-`));
  const dataDir = join(dir, 'data');
  let built: ApiApp;
  let keys: RoleKeys;
  let as: ReturnType<typeof caller>;
  let id: string;

  beforeAll(async () => {
    ({ built, keys, as } = await serveIndexed(configOf(), dataDir, [writeDocuments(dir)]));
    const found = await built.context.index.search({ text: 'erasewell' });
    id = found.hits[0]?.id as string;
  });

  afterAll(async () => {
    await built?.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('erases the person, and no file of the data directory holds their e-mail, phone or name', async () => {
    expect(id).toBeDefined();
    const read = await as(keys.recruiter)<{ profile: { emails: string[] } }>(`/api/talents/${id}`);
    expect(read.body.profile.emails).toEqual([EMAIL]);
    if (configOf().index.backend === 'embedded') {
      // The scan can see them before: in the index or its WAL, and in the dead letters.
      expect(holding(dataDir, EMAIL).length).toBeGreaterThan(0);
      expect(holding(dataDir, EMAIL).some((f) => f.endsWith('rejects.jsonl'))).toBe(true);
    }

    const erased = await as(keys.admin)<{ erased: boolean }>(
      `/api/talents/${id}?reason=${encodeURIComponent(`asked by ${EMAIL}`)}`,
      { method: 'DELETE' },
    );
    expect(erased.body.erased).toBe(true);

    for (const needle of NEEDLES) expect(holding(dataDir, needle), needle).toEqual([]);
    // Others are untouched: the other dead letter and the other profile.
    expect((await built.context.index.search({ text: 'staywell' })).total).toBe(1);
    if (configOf().index.backend === 'embedded')
      expect(holding(dataDir, 'keepwell').some((f) => f.endsWith('rejects.jsonl'))).toBe(true);

    // Still none once the service has closed its files.
    await built.close();
    for (const needle of NEEDLES) expect(holding(dataDir, needle), needle).toEqual([]);
    await afterErasure?.(configOf().elasticsearch.prefix);
  });
}

describe('erasure on disk, embedded index', () => {
  erasureSuite(
    'embedded',
    () => testConfig,
    async () => {},
  );
});

describeWithService('elasticsearch', 'erasure on disk, Elasticsearch', () => {
  const prefix = uniqueName('tb-erase');
  const client = new Client({ node: elasticsearchUrl });
  erasureSuite(
    'elasticsearch',
    () => elasticsearchTestConfig(prefix),
    async () => {
      await cleanElasticsearchAndKafka(prefix);
      await client.close();
    },
    async () => {
      // The deleted profile and mentions are merged out of their segments, not only marked.
      for (const alias of [`${prefix}-profiles`, `${prefix}-mentions`]) {
        const stats = await client.indices.stats({ index: alias, metric: 'docs' });
        expect(stats._all.primaries?.docs?.deleted, alias).toBe(0);
      }
      const profiles = await client.search({ index: `${prefix}-profiles`, q: 'erasewell' });
      expect(profiles.hits.hits).toEqual([]);
    },
  );
});
