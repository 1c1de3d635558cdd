import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../config/load.js';
import type { SearchResult } from '../../indexer/contract.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { describeWithService, uniqueName } from '../helpers/services.js';
import type { ApiApp } from '../../api/server.js';
import {
  cleanElasticsearchAndKafka,
  serveIndexed,
  type caller,
  elasticsearchTestConfig,
  qs,
  testConfig,
  type RoleKeys,
} from './api-fixture.js';

/**
 * What an analyst must never get, whatever field a person typed their contact details into:
 * made-up résumés put an e-mail in the headline, a skill and the summary, a phone in a job title,
 * a street address in the summary, and two of them share an e-mail (a merge). On both backends:
 * profile, resolution view, search hits, facets, the searchable text (no search oracle), and the
 * audit of every read. Then bad input: control characters and overlong path parameters.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 240_000 });

const EMAIL = 'ada.leakwell@example.net';
const OTHER_EMAIL = 'sw.contact#example.cn';
/** Strings of the made-up people's contact details that must not reach an analyst. */
const SECRETS = [
  'ada.leakwell',
  'leakwell@',
  'leakwell(AT)',
  '138-1234-5678',
  '0431-85176000',
  '85176000',
  '13912345678',
  'sw.contact',
  '湖大路3888号',
  '南三街6号',
];

function writeMadeUpDocuments(dir: string): string {
  const out = join(dir, 'docs');
  mkdirSync(out, { recursive: true });
  const resume = (basics: object, work: object[], skills: object[]) => ({
    basics: { location: { city: 'Changchun', region: 'Jilin', countryCode: 'CN' }, ...basics },
    work,
    skills,
  });
  writeFileSync(
    join(out, 'ada-1.resume.json'),
    JSON.stringify(
      resume(
        {
          name: 'Ada Leakwell',
          label: `Principal optical engineer · ${EMAIL}`,
          email: EMAIL,
          summary: `Optical engineer for laser ranging. Reach me at ${EMAIL} or 邮箱：ada.leakwell(AT)example(DOT)net; home 吉林省长春市示例湖大路3888号.`,
        },
        [
          {
            name: 'Example Optics Co., Ltd.',
            position: 'Lead engineer +86 138-1234-5678',
            startDate: '2016-07',
            summary: 'Laser ranging optics. 电话：0431-85176000',
          },
        ],
        [
          { name: 'Optical design', keywords: ['lens design', 'lasers'] },
          { name: EMAIL },
          { name: '电话：0431-85176000' },
        ],
      ),
    ),
  );
  writeFileSync(
    join(out, 'ada-2.resume.json'),
    JSON.stringify(
      resume(
        { name: 'Ada Leakwell', label: 'Optical engineer', email: EMAIL },
        [
          {
            name: 'Another Example Photonics',
            position: 'Optical engineer',
            startDate: '2012-07',
            endDate: '2016-06',
          },
        ],
        [{ name: 'Laser optics' }],
      ),
    ),
  );
  writeFileSync(
    join(out, 'wang-shili.resume.json'),
    JSON.stringify(
      resume(
        {
          name: '王示例',
          label: `高级工程师 手机：13912345678`,
          summary: `光学工程师，邮箱：${OTHER_EMAIL}，地址：北京市海淀区示例南三街6号。`,
        },
        [{ name: '示例光电科技有限公司', position: '高级工程师 13912345678', startDate: '2015-03' }],
        [{ name: '光学设计' }],
      ),
    ),
  );
  return out;
}

interface TalentBody {
  profile: TalentProfile;
  access: { contacts: 'shown' | 'masked'; hidden: string[] };
}
interface AuditBody {
  entries: Array<{ actor: string; role: string; action: string; target: string; outcome: string }>;
}
type Json = Record<string, unknown>;

function privacySuite(backend: string, configOf: () => Readonly<Config>, cleanup: () => Promise<void>): void {
  const dir = mkdtempSync(join(tmpdir(), `tb-privacy-${backend}-`));
  const dataDir = join(dir, 'data');
  let built: ApiApp;
  let keys: RoleKeys;
  let as: ReturnType<typeof caller>;
  let ada: TalentProfile;
  let wang: TalentProfile;

  beforeAll(async () => {
    ({ built, keys, as } = await serveIndexed(configOf(), dataDir, [writeMadeUpDocuments(dir)]));
    const all = await built.context.index.search({ limit: 50 });
    const profiles = await Promise.all(all.hits.map((h) => built.context.index.get(h.id)));
    ada = profiles.find((p) => p?.displayName === 'Ada Leakwell') as TalentProfile;
    wang = profiles.find((p) => p?.emails.length === 0 && p?.displayName.includes('王')) as TalentProfile;
  });

  afterAll(async () => {
    await built?.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectNoSecret = (what: string, body: unknown): void => {
    const text = JSON.stringify(body);
    for (const secret of SECRETS) expect(text, `${what} shows ${secret}`).not.toContain(secret);
  };

  it('the made-up people are indexed, the two résumés sharing an e-mail as one merged profile', () => {
    expect(ada).toBeDefined();
    expect(wang).toBeDefined();
    expect(ada.emails).toEqual([EMAIL]);
    expect(ada.merges?.length).toBeGreaterThan(0);
  });

  it('merge reasons never carry the e-mail itself, for any role', async () => {
    for (const role of ['recruiter', 'analyst', 'admin'] as const) {
      const answer = await as(keys[role])<TalentBody>(`/api/talents/${ada.id}`);
      const merges = answer.body.profile.merges ?? [];
      expect(merges.map((m) => m.summary)).toContain('same e-mail address');
      expect(JSON.stringify(merges)).not.toContain(EMAIL);
    }
  });

  it('an analyst reading a profile sees no contact detail in any field', async () => {
    for (const p of [ada, wang]) {
      const answer = await as(keys.analyst)<TalentBody>(`/api/talents/${p.id}`);
      expect(answer.status).toBe(200);
      expect(answer.body.access.contacts).toBe('masked');
      expectNoSecret(`profile ${p.displayName}`, answer.body);
      // What is not a contact detail stays: the employer, the skill, the city.
      expect(JSON.stringify(answer.body)).toContain(p === ada ? 'Example Optics' : '示例光电科技有限公司');
    }
    const recruiter = await as(keys.recruiter)<TalentBody>(`/api/talents/${ada.id}`);
    expect(recruiter.body.profile.emails).toEqual([EMAIL]);
  });

  it('the resolution view is masked for analysts and audited for every role', async () => {
    const audited = async (role: keyof RoleKeys) =>
      (
        await as(keys.admin)<AuditBody>(
          `/api/audit${qs({ target: ada.id, action: 'profile.read-resolution' })}`,
        )
      ).body.entries.filter((e) => e.role === role).length;
    for (const role of ['analyst', 'recruiter', 'admin'] as const) {
      const before = await audited(role);
      const answer = await as(keys[role])<Json>(`/api/talents/${ada.id}/resolution`);
      expect(answer.status).toBe(200);
      if (role === 'analyst') expectNoSecret('resolution view', answer.body);
      expect(await audited(role)).toBe(before + 1);
    }
  });

  it('masked profile reads by analysts are audited too', async () => {
    const count = async () =>
      (await as(keys.admin)<AuditBody>(`/api/audit${qs({ target: wang.id, action: 'profile.read' })}`)).body
        .entries.length;
    const before = await count();
    await as(keys.analyst)<TalentBody>(`/api/talents/${wang.id}`);
    expect(await count()).toBe(before + 1);
  });

  it('search hits and facets show an analyst no contact detail', async () => {
    for (const q of ['Leakwell', 'optical', '王示例', '工程师']) {
      const answer = await as(keys.analyst)<SearchResult>(
        `/api/search${qs({ q, facets: 'skill', limit: 50 })}`,
      );
      expect(answer.status).toBe(200);
      expectNoSecret(`search ${q}`, answer.body);
    }
    const hits = await as(keys.analyst)<SearchResult>(`/api/search${qs({ q: 'Leakwell' })}`);
    expect(hits.body.hits.map((h) => h.id)).toContain(ada.id);
    const facets = await as(keys.analyst)<{ facets: SearchResult['facets'] }>('/api/facets?facets=skill');
    expect(facets.status).toBe(200);
    expectNoSecret('facets', facets.body);
    expect(facets.body.facets.skill?.map((b) => b.value)).toContain('Optics');
  });

  it('the searchable text holds no contact detail: no search oracle', async () => {
    for (const q of [
      'leakwell@example',
      EMAIL,
      'ada.leakwell',
      '13912345678',
      '85176000',
      '1234-5678',
      'sw.contact',
    ]) {
      for (const role of ['analyst', 'recruiter'] as const) {
        const answer = await as(keys[role])<SearchResult>(`/api/search${qs({ q })}`);
        expect(answer.status, q).toBe(200);
        expect(answer.body.total, `${role} q=${q}`).toBe(0);
      }
    }
    const bySkill = await as(keys.analyst)<SearchResult>(`/api/search${qs({ skill: EMAIL })}`);
    expect(bySkill.body.total).toBe(0);
  });

  it('a control character in any parameter or body is a 400 in the error shape, never a 500', async () => {
    const requests: Array<[string, string, object?]> = [
      ['GET', '/api/search?q=a%00b'],
      ['GET', '/api/search?q=engineer&skill=a%01b'],
      ['GET', '/api/facets?q=a%00b'],
      ['GET', '/api/facets?facets=skill&city=a%00b'],
      ['GET', '/api/gaps?industry=a%00b'],
      ['GET', `/api/talents/${ada.id}%00`],
      ['GET', `/api/talents/${ada.id}%00/resolution`],
      ['GET', '/api/audit?target=a%00b'],
      ['DELETE', `/api/talents/${ada.id}?reason=a%00b`],
      ['POST', '/api/saved-searches', { name: 'nul', query: { q: 'a\u0000b' } }],
      ['POST', '/api/saved-searches', { name: 'a\u0000b', query: { q: 'optics' } }],
    ];
    for (const [method, url, payload] of requests) {
      const answer = await as(keys.admin)<Json>(url, {
        method: method as 'GET',
        ...(payload !== undefined ? { payload } : {}),
      });
      expect(answer.status, `${method} ${url}`).toBe(400);
      expect(answer.body, `${method} ${url}`).toMatchObject({
        error: 'bad-request',
        message: expect.stringContaining('control character'),
        requestId: expect.any(String),
      });
    }
    // The erasure refused above did nothing.
    expect(await built.context.index.get(ada.id)).toBeDefined();
    // A query that reaches the index another way (a saved search stored before, the CLI) has its
    // control characters read as spaces.
    expect((await built.context.index.search({ text: 'optical\u0000engineer' })).total).toBeGreaterThan(0);
  });

  it('an overlong path parameter gets the error shape, without echoing the URL', async () => {
    const long = 'x'.repeat(300);
    for (const key of [undefined, keys.analyst]) {
      const answer = await as(key)<Json>(`/api/talents/${long}`);
      expect(answer.status).toBe(414);
      expect(answer.body).toMatchObject({ error: 'uri-too-long', requestId: expect.any(String) });
      expect(JSON.stringify(answer.body)).not.toContain('xxxxxxxxxx');
    }
  });
}

describe('privacy and input hardening on the embedded index', () => {
  privacySuite(
    'embedded',
    () => testConfig,
    async () => {},
  );
});

describeWithService('elasticsearch', 'privacy and input hardening on Elasticsearch', () => {
  const prefix = uniqueName('tb-privacy');
  privacySuite(
    'elasticsearch',
    () => elasticsearchTestConfig(prefix),
    async () => {
      await cleanElasticsearchAndKafka(prefix);
    },
  );
});
