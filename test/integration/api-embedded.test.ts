import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ResolutionExplanation } from '../../ingest/explain-resolution.js';
import { MASK } from '../../api/access/mask-contacts.js';
import { buildApp, type ApiApp } from '../../api/server.js';
import type { SearchHit, SearchQuery, SearchResult, TalentIndex } from '../../indexer/contract.js';
import type { Backend } from '../../indexer/open-backend.js';
import { openBackend } from '../../indexer/open-backend.js';
import { lockDataDir } from '../../ingest/embedded/data-dir-lock.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { corpusDir, describeWithCorpus } from '../helpers/corpus.js';
import {
  caller,
  generatedCorpus,
  ingestInto,
  issueKeys,
  qs,
  quietLogger,
  root,
  testConfig,
  type RoleKeys,
} from './api-fixture.js';

/**
 * The query service on an embedded index built by the real ingest from a generated corpus and the
 * bundled examples, driven with `app.inject`: roles and keys, masking, the audit log, erasure, bad
 * parameters, saved searches, gaps, health and metrics, overload and rate limits.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

type Json = Record<string, unknown>;
interface SearchBody extends SearchResult {
  query: SearchQuery;
}
interface TalentBody {
  profile: TalentProfile;
  access: { contacts: 'shown' | 'masked'; hidden: string[] };
  sources: Array<{ sourceId: string; title: string; uri?: string }>;
}
interface AuditBody {
  entries: Array<{
    seq: number;
    actor: string;
    role: string;
    action: string;
    target: string;
    outcome: string;
  }>;
}

describe('query service on the embedded index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-api-'));
  const dataDir = join(dir, 'data');
  let built: ApiApp;
  let keys: RoleKeys;
  let as: ReturnType<typeof caller>;
  /** A profile with an e-mail (a JSON résumé) and one with a birth date (a Chinese biography). */
  let withEmail: TalentProfile;
  let withBirthDate: TalentProfile;

  beforeAll(async () => {
    await ingestInto(dataDir, [generatedCorpus(dir, 200), join(root, 'examples')]);
    keys = issueKeys(dataDir);
    built = await buildApp({ config: testConfig, dataDir, logger: quietLogger });
    as = caller(built.app);
    const all = await built.context.index.search({ sort: 'priority', limit: 200 });
    const profiles = await Promise.all(all.hits.map((h) => built.context.index.get(h.id)));
    withEmail = profiles.find((p) => p && p.emails.length > 0) as TalentProfile;
    withBirthDate = profiles.find((p) => p && p.birthDate !== undefined) as TalentProfile;
  });

  afterAll(async () => {
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('keys and roles', () => {
    it('401 without a key or with an unknown one, naming how to send it', async () => {
      const none = await as(undefined)<Json>('/api/search?q=engineer');
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({
        error: 'unauthorized',
        message: expect.stringContaining('Authorization: Bearer'),
      });
      expect(none.headers['www-authenticate']).toContain('Bearer');
      const wrong = await as('tb_not-a-key')<Json>('/api/search?q=engineer');
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toMatch(/not valid/);
      const header = await built.app.inject({ url: '/api/me', headers: { 'x-api-key': keys.analyst } });
      expect(header.json()).toMatchObject({ name: 'test-analyst', role: 'analyst' });
    });

    it('403 for a role without the capability; 200 for the roles that have it', async () => {
      const matrix: Array<[string, string, keyof RoleKeys, number]> = [
        ['GET', '/api/gaps', 'recruiter', 403],
        ['GET', '/api/gaps', 'analyst', 200],
        ['GET', '/api/gaps', 'admin', 200],
        ['GET', '/api/saved-searches', 'analyst', 403],
        ['GET', '/api/saved-searches', 'recruiter', 200],
        ['GET', '/api/audit', 'recruiter', 403],
        ['GET', '/api/audit', 'analyst', 403],
        ['GET', '/api/audit', 'admin', 200],
        ['DELETE', `/api/talents/${withEmail.id}`, 'recruiter', 403],
        ['DELETE', `/api/talents/${withEmail.id}`, 'analyst', 403],
        ['GET', '/api/search?q=engineer', 'analyst', 200],
        ['GET', '/api/facets', 'recruiter', 200],
        ['GET', '/api/industries', 'analyst', 200],
      ];
      for (const [method, url, role, status] of matrix) {
        const answer = await as(keys[role])<Json>(url, { method: method as 'GET' | 'DELETE' });
        expect(answer.status, `${role} ${method} ${url}`).toBe(status);
        if (status === 403) expect(answer.body.message).toMatch(new RegExp(`role "${role}"`));
      }
      // The refused erasures did nothing.
      expect(await built.context.index.get(withEmail.id)).toBeDefined();
    });

    it('public routes need no key: health, metrics, the route list, the UI', async () => {
      const health = await as(undefined)<Json>('/health');
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', backend: 'embedded', ready: true } });
      expect(health.body.profiles).toBeGreaterThan(100);
      const routes = await as(undefined)<{ routes: Array<{ method: string; url: string; access: string }> }>(
        '/api',
      );
      expect(routes.body.routes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ method: 'GET', url: '/api/search', access: 'search' }),
          expect.objectContaining({ method: 'DELETE', url: '/api/talents/:id', access: 'erase' }),
        ]),
      );
      const ui = await built.app.inject({ url: '/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toContain('text/html');
      expect(ui.headers['content-security-policy']).toContain("default-src 'self'");
      const script = await built.app.inject({ url: '/ui/app.js' });
      expect(script.headers['content-type']).toContain('javascript');
      const again = await built.app.inject({
        url: '/ui/app.js',
        headers: { 'if-none-match': String(script.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
      // One module per page, under pages/, with the same headers.
      const page = await built.app.inject({ url: '/ui/pages/search.js' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('javascript');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['cache-control']).toBe('no-cache');
      expect((await built.app.inject({ url: '/ui/..%2Fserver.ts' })).statusCode).toBe(400);
      expect((await built.app.inject({ url: '/ui/pages/..%2F..%2Fserver.ts' })).statusCode).toBe(400);
      expect((await built.app.inject({ url: '/ui/types.d.ts' })).statusCode).toBe(400);
      expect((await built.app.inject({ url: '/ui/missing.js' })).statusCode).toBe(404);
    });
  });

  describe('search', () => {
    it('finds Chinese and English text, with top industries and a reason per hit', async () => {
      for (const q of ['工程师', 'engineer', '"chief executive" OR professor']) {
        const answer = await as(keys.recruiter)<SearchBody>(
          `/api/search${qs({ q, facets: 'industry,tier' })}`,
        );
        expect(answer.status, q).toBe(200);
        expect(answer.body.total, q).toBeGreaterThan(0);
        expect(answer.body.query.text).toBe(q);
        for (const hit of answer.body.hits) {
          expect(hit.reason).not.toBe('');
          expect(hit.topIndustries.length).toBeLessThanOrEqual(3);
        }
        expect(Object.keys(answer.body.facets)).toEqual(['industry', 'tier']);
        // Same answer as the index itself.
        const direct = await built.context.index.search({ text: q, limit: 20, facets: ['industry', 'tier'] });
        expect(answer.body.hits).toEqual(direct.hits);
        expect(answer.body.total).toBe(direct.total);
      }
    });

    it('applies filters (comma lists or repeated), sorts by an industry score, pages with cursors', async () => {
      const a = await as(keys.analyst)<SearchBody>('/api/search?tier=A,B,C&facets=tier');
      const b = await as(keys.analyst)<SearchBody>('/api/search?tier=A&tier=B&tier=C&facets=tier');
      expect(a.body).toEqual(b.body);
      expect(a.body.facets.tier?.every((bucket) => ['A', 'B', 'C'].includes(bucket.value))).toBe(true);

      const sorted = await as(keys.analyst)<SearchBody>('/api/search?industry=automotive&limit=5');
      expect(sorted.body.query.sort).toBe('score:automotive');
      const scores = sorted.body.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));

      const seen = new Set<string>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await as(keys.analyst)<SearchBody>(
          `/api/search${qs({ q: 'engineer', limit: 7, cursor })}`,
        );
        expect(page.status).toBe(200);
        for (const hit of page.body.hits) seen.add(hit.id);
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor !== undefined && pages < 100);
      const total = (await as(keys.analyst)<SearchBody>('/api/search?q=engineer')).body.total;
      expect(seen.size).toBe(total);
      expect(pages).toBe(Math.ceil(total / 7));
    });

    it('400 with a message naming the parameter for every bad value', async () => {
      const cases: Array<[string, RegExp]> = [
        [
          '/api/search?tier=A,Z',
          /query parameter "tier" must be equal to one of the allowed values: A, B, C, D, E \(got "Z"\)/,
        ],
        ['/api/search?minScore=300', /"minScore" must be <= 100 \(got 300\)/],
        ['/api/search?minScore=lots', /"minScore" must be number/],
        ['/api/search?limit=0', /"limit" must be >= 1/],
        ['/api/search?limit=201', /"limit" must be <= 200/],
        ['/api/search?industry=chips', /unknown industry "chips" in industry/],
        ['/api/search?sort=newest', /sort must be relevance, priority or score:<industry>/],
        ['/api/search?sort=score:chips', /unknown industry "chips" in sort/],
        ['/api/search?seenSince=2025-13-01', /seenSince "2025-13-01" is not a date/],
        ['/api/search?seenSince=yesterday', /"seenSince" must match pattern/],
        ['/api/search?country=Atlantis', /country "Atlantis" is not a country/],
        ['/api/search?cursor=garbage', /cursor: .*only continues the search that returned it/],
        ['/api/search?indstry=automotive', /unknown query parameter "indstry"/],
        ['/api/search?facets=colour', /"facets" must be equal to one of the allowed values/],
        ['/api/gaps?by=industry,colour', /"by" must be equal to one of the allowed values/],
        ['/api/gaps?since=2025-02-30', /since "2025-02-30" is not a date/],
        ['/api/gaps?scope=world', /"scope" must be equal to one of the allowed values: local, all/],
      ];
      for (const [url, message] of cases) {
        const answer = await as(keys.admin)<Json>(url);
        expect(answer.status, url).toBe(400);
        expect(answer.body.error, url).toBe('bad-request');
        expect(answer.body.message, url).toMatch(message);
        expect(answer.body.requestId, url).toEqual(expect.any(String));
      }
      const json = await as(keys.recruiter)<Json>('/api/saved-searches', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(json.status).toBe(400);
      expect(json.body.error).toBe('bad-request');
      const missing = await as(keys.recruiter)<Json>('/api/saved-searches', {
        method: 'POST',
        payload: { query: {} },
      });
      expect(missing.body.message).toMatch(/missing field "name"/);
    });

    it('facets and industries (bilingual names, profiles per industry)', async () => {
      const facets = await as(keys.analyst)<{ facets: Record<string, unknown[]> }>(
        '/api/facets?q=engineer&facets=tier,region',
      );
      expect(Object.keys(facets.body.facets)).toEqual(['tier', 'region']);
      const industries = await as(keys.analyst)<{
        industries: Array<{ id: string; name: { en: string; zh: string }; profiles: number }>;
      }>('/api/industries');
      expect(industries.body.industries.map((i) => i.id)).toContain('semiconductors');
      expect(industries.body.industries.find((i) => i.id === 'optoelectronics')?.name.zh).toBe('光电信息');
      expect(industries.body.industries.reduce((n, i) => n + i.profiles, 0)).toBeGreaterThan(0);
    });
  });

  describe('profiles, masking and the audit log', () => {
    it('recruiters see contact details, and each such read is audited', async () => {
      const before = (await as(keys.admin)<AuditBody>(`/api/audit?target=${withEmail.id}`)).body.entries
        .length;
      const answer = await as(keys.recruiter)<TalentBody>(`/api/talents/${withEmail.id}`);
      expect(answer.status).toBe(200);
      expect(answer.body.access).toEqual({ contacts: 'shown', hidden: [] });
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.body.profile).toEqual(await built.context.index.get(withEmail.id));
      expect(answer.body.sources.length).toBe(new Set(withEmail.evidence.map((e) => e.sourceId)).size);
      const audit = (await as(keys.admin)<AuditBody>(`/api/audit?target=${withEmail.id}`)).body.entries;
      expect(audit.length).toBe(before + 1);
      expect(audit[0]).toMatchObject({
        actor: 'test-recruiter',
        role: 'recruiter',
        action: 'profile.read-contacts',
        target: withEmail.id,
        outcome: 'ok',
      });
    });

    it('analysts get the profile with contacts masked (also inside evidence), audited as a masked read', async () => {
      const entries = async () =>
        (await as(keys.admin)<AuditBody>(`/api/audit?target=${withBirthDate.id}`)).body.entries.length;
      const before = await entries();
      for (const p of [withEmail, withBirthDate]) {
        const answer = await as(keys.analyst)<TalentBody>(`/api/talents/${p.id}`);
        expect(answer.status).toBe(200);
        expect(answer.body.access.contacts).toBe('masked');
        const text = JSON.stringify(answer.body);
        for (const email of p.emails) expect(text).not.toContain(email);
        for (const phone of p.phones) expect(text).not.toContain(phone);
        expect(answer.body.profile.birthDate).toBeUndefined();
        // Everything else is there: the score explanation and the evidence's provenance.
        expect(answer.body.profile.explanation).toEqual(p.explanation);
        expect(answer.body.profile.evidence.map((e) => e.sourceId)).toEqual(
          p.evidence.map((e) => e.sourceId),
        );
      }
      const masked = (await as(keys.analyst)<TalentBody>(`/api/talents/${withBirthDate.id}`)).body;
      expect(masked.access.hidden).toContain('birthDate');
      expect(JSON.stringify(masked.profile.evidence)).toContain(MASK);
      // Two reads of this profile above: each is in the log, as masked.
      expect(await entries()).toBe(before + 2);
    });

    it('404 for an unknown id', async () => {
      const answer = await as(keys.recruiter)<Json>('/api/talents/tp-000000000000000000000000');
      expect(answer).toMatchObject({ status: 404, body: { error: 'not-found' } });
    });
  });

  describe('erasure', () => {
    it('admin erases a person: gone from profiles and searches, saved searches forget them, audited', async () => {
      const target = withBirthDate;
      const saved = await as(keys.admin)<{ id: string }>('/api/saved-searches', {
        method: 'POST',
        payload: { name: 'everyone', query: {} },
      });
      expect(saved.status).toBe(201);

      const erased = await as(keys.admin)<Json>(
        `/api/talents/${target.id}?reason=${encodeURIComponent('asked by the person')}`,
        {
          method: 'DELETE',
        },
      );
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ id: target.id, erased: true, auditSeq: expect.any(Number) });
      expect((await as(keys.recruiter)<Json>(`/api/talents/${target.id}`)).status).toBe(404);
      const found = await as(keys.recruiter)<SearchBody>(
        `/api/search${qs({ q: target.displayName, limit: 200 })}`,
      );
      expect(found.body.hits.map((h: SearchHit) => h.id)).not.toContain(target.id);

      const again = await as(keys.admin)<Json>(`/api/talents/${target.id}`, { method: 'DELETE' });
      expect(again.status).toBe(404);
      expect(again.body.message).toMatch(/audit log/);

      const audit = (await as(keys.admin)<AuditBody>(`/api/audit?target=${target.id}&action=profile.erase`))
        .body.entries;
      expect(audit.map((e) => [e.actor, e.action, e.outcome])).toEqual([
        ['test-admin', 'profile.erase', 'not-found'],
        ['test-admin', 'profile.erase', 'erased'],
      ]);
      expect(built.context.store.unseenMatches(saved.body.id, [target.id])).toEqual([target.id]);
    });

    it('waits for the other writer of the data directory: while an ingest holds it, 503 and nothing erased', async () => {
      const [target] = (await built.context.index.search({ sort: 'priority', limit: 1 })).hits;
      expect(target).toBeDefined();
      const url = `/api/talents/${target?.id}`;
      const ingest = await lockDataDir(dataDir, { command: 'ingest' });
      try {
        const refused = await as(keys.admin)<Json>(url, { method: 'DELETE' });
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('30');
        expect(refused.body.message).toMatch(/being written by another process/);
      } finally {
        ingest.release();
      }
      expect((await as(keys.recruiter)<Json>(url)).status).toBe(200);
      const audit = (await as(keys.admin)<AuditBody>(`/api/audit?target=${target?.id}&action=profile.erase`))
        .body.entries;
      expect(audit.map((e) => e.outcome)).toEqual(['failed']);
    });
  });

  describe('saved searches', () => {
    it('create, list, preview and run: new matches since the last run; owners only', async () => {
      const created = await as(keys.recruiter)<Json & { id: string; lastTotal: number }>(
        '/api/saved-searches',
        {
          method: 'POST',
          payload: {
            name: '光电 engineers',
            query: { q: 'engineer', industry: ['optoelectronics'], minScore: 10 },
          },
        },
      );
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`/api/saved-searches/${created.body.id}`);
      expect(created.body.lastTotal).toBeGreaterThan(0);
      const list = await as(keys.recruiter)<{ savedSearches: Array<{ id: string }> }>('/api/saved-searches');
      expect(list.body.savedSearches.map((s) => s.id)).toContain(created.body.id);
      // Another key neither lists nor reads it.
      expect(
        (
          await as(keys.admin)<{ savedSearches: Array<{ id: string }> }>('/api/saved-searches')
        ).body.savedSearches.map((s) => s.id),
      ).not.toContain(created.body.id);
      expect((await as(keys.admin)<Json>(`/api/saved-searches/${created.body.id}`)).status).toBe(404);

      const preview = await as(keys.recruiter)<{ newCount: number; total: number }>(
        `/api/saved-searches/${created.body.id}`,
      );
      expect(preview.body).toMatchObject({ newCount: 0, total: created.body.lastTotal });

      // A search made before some matches existed sees them as new: here, the baseline is
      // replaced by nothing, as if the search had been saved on an empty index.
      const narrow = await as(keys.recruiter)<{ id: string }>('/api/saved-searches', {
        method: 'POST',
        payload: { name: 'nobody', query: { q: 'engineer', industry: ['optoelectronics'], minScore: 100 } },
      });
      const row = built.context.store.savedSearch(narrow.body.id);
      expect(row?.lastTotal).toBe(0);
      built.context.store.deleteSavedSearch(narrow.body.id);
      built.context.store.createSavedSearch(
        {
          id: narrow.body.id,
          owner: 'test-recruiter',
          name: 'widened',
          query: { q: 'engineer', industry: ['optoelectronics'], minScore: 10 },
        },
        { at: '2026-01-01T00:00:00.000Z', total: 0, matchIds: [] },
      );
      const run = await as(keys.recruiter)<{
        newCount: number;
        newMatches: SearchHit[];
        previousRunAt: string;
      }>(`/api/saved-searches/${narrow.body.id}/run`, { method: 'POST' });
      expect(run.status).toBe(200);
      expect(run.body.newCount).toBe(created.body.lastTotal);
      expect(run.body.newMatches.length).toBe(Math.min(50, created.body.lastTotal));
      expect(run.body.previousRunAt).toBe('2026-01-01T00:00:00.000Z');
      const rerun = await as(keys.recruiter)<{ newCount: number }>(
        `/api/saved-searches/${narrow.body.id}/run`,
        { method: 'POST' },
      );
      expect(rerun.body.newCount).toBe(0);

      expect(
        (await as(keys.recruiter)<Json>(`/api/saved-searches/${created.body.id}`, { method: 'DELETE' }))
          .status,
      ).toBe(204);
      expect((await as(keys.recruiter)<Json>(`/api/saved-searches/${created.body.id}`)).status).toBe(404);
      expect((await as(keys.recruiter)<Json>('/api/saved-searches/not-an-id')).status).toBe(400);
      const bad = await as(keys.recruiter)<Json>('/api/saved-searches', {
        method: 'POST',
        payload: { name: 'x', query: { industry: ['chips'] } },
      });
      expect(bad).toMatchObject({
        status: 400,
        body: { message: expect.stringMatching(/unknown industry "chips"/) },
      });
    });
  });

  describe('gaps', () => {
    it('supply vs demand per industry × tier, largest gap first; trend since a date', async () => {
      const report = await as(keys.analyst)<{
        by: string[];
        rows: Array<{
          industry: string;
          tier?: string;
          demand: number;
          supply: number;
          supplyLow: number;
          supplyHigh: number;
          gap: number;
          trend?: { seenSince: number; establishedBefore: number };
        }>;
        totals: { demand: number; supply: number; supplyLow: number; supplyHigh: number; gap: number };
        uncertainty: { duplicateShare: number; hiddenShare: number };
      }>('/api/gaps?scope=all&since=2000-01-01');
      expect(report.status).toBe(200);
      expect(report.body.by).toEqual(['industry', 'tier']);
      const planned = report.body.rows.filter((r) => r.demand > 0);
      expect(planned.map((r) => r.gap)).toEqual([...planned.map((r) => r.gap)].sort((a, b) => b - a));
      expect(report.body.totals.demand).toBe(planned.reduce((n, r) => n + r.demand, 0));
      expect(report.body.rows.reduce((n, r) => n + r.supply, 0)).toBeGreaterThan(0);
      // Each supply figure with the interval of people it stands for (config/resolution-quality.yaml).
      const { duplicateShare, hiddenShare } = report.body.uncertainty;
      expect(duplicateShare).toBeGreaterThan(0);
      for (const r of [...report.body.rows, report.body.totals]) {
        expect(r.supplyLow).toBe(
          Math.max(Math.min(r.supply, 1), Math.round(r.supply * (1 - duplicateShare))),
        );
        expect(r.supplyHigh).toBe(Math.round(r.supply * (1 + hiddenShare)));
      }
      // Every profile was seen after 2000: all of the supply is recent.
      for (const r of report.body.rows)
        expect(r.trend).toEqual({ seenSince: r.supply, establishedBefore: 0 });
      const future = await as(keys.analyst)<{
        rows: Array<{ supply: number; trend: { seenSince: number; establishedBefore: number } }>;
      }>('/api/gaps?scope=all&since=2999-01-01');
      for (const r of future.body.rows)
        expect(r.trend).toEqual({ seenSince: 0, establishedBefore: r.supply });
      const regions = await as(keys.admin)<{ by: string[]; rows: Array<{ region?: string }> }>(
        '/api/gaps?by=industry,region&scope=local',
      );
      expect(regions.body.by).toEqual(['industry', 'region']);
      for (const r of regions.body.rows) expect(r.region).toBe('CN-JL');
    });
  });

  describe('metrics', () => {
    it('counts requests per route and status, refusals, contact reads and the index size', async () => {
      const text = (await built.app.inject({ url: '/metrics' })).body;
      expect(text).toMatch(
        /talent_brain_api_requests_total\{method="GET",route="\/api\/search",status="200",service="api"\} \d+/,
      );
      expect(text).toMatch(
        /talent_brain_api_request_duration_seconds_bucket\{le="0\.1",service="api",method="GET",route="\/api\/search",status="200"\}/,
      );
      expect(text).toMatch(/talent_brain_api_refused_total\{reason="unauthorized",service="api"\} [1-9]/);
      expect(text).toMatch(/talent_brain_api_refused_total\{reason="forbidden",service="api"\} [1-9]/);
      expect(text).toMatch(/talent_brain_api_contact_reads_total\{service="api"\} [1-9]/);
      expect(text).toMatch(/talent_brain_api_erasures_total\{outcome="erased",service="api"\} 1/);
      expect(text).toMatch(/talent_brain_index_profiles\{service="api"\} [1-9]\d+/);
      expect(text).toMatch(/talent_brain_index_size_bytes\{service="api"\} [1-9]\d+/);
      // The embedded index's reads run on reader threads (api.readerThreads auto: at least one).
      expect(text).toMatch(/talent_brain_api_reader_threads\{service="api"\} [1-9]/);
      expect(text).toMatch(/talent_brain_api_reader_queue\{service="api"\} 0/);
      // Route patterns, never raw URLs (ids would make one series per profile).
      expect(text).not.toContain('route="/api/talents/tp-');
    });
  });

  describe('overload and rate limits', () => {
    /** The embedded backend, with searches held until `release()`: requests stay in flight. */
    function gatedBackend(backend: Backend): { backend: Backend; release(): void; waiting(): number } {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let waiting = 0;
      const index: TalentIndex = Object.create(backend.index) as TalentIndex;
      index.search = async (query) => {
        waiting++;
        await gate;
        return backend.index.search(query);
      };
      return { backend: { ...backend, index }, release: () => open(), waiting: () => waiting };
    }

    it('answers 503 at once past api.maxInFlight instead of queueing; health still answers', async () => {
      const backend = await openBackend(testConfig, { dataDir });
      const gated = gatedBackend(backend);
      const app = await buildApp({
        config: testConfig,
        dataDir,
        logger: quietLogger,
        backend: gated.backend,
        limits: { maxInFlight: 2 },
      });
      try {
        const send = caller(app.app)(keys.recruiter);
        const held = [
          send<SearchBody>('/api/search?q=engineer'),
          send<SearchBody>('/api/search?q=professor'),
        ];
        await expect.poll(() => gated.waiting()).toBe(2);
        const refused = await send<Json>('/api/search?q=laser');
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('1');
        expect(refused.body).toMatchObject({ error: 'overloaded' });
        expect((await send<Json>('/health')).status).toBe(200);
        gated.release();
        expect((await Promise.all(held)).map((a) => a.status)).toEqual([200, 200]);
        expect((await send<Json>('/api/search?q=laser')).status).toBe(200);
      } finally {
        gated.release();
        await app.close();
        await backend.close();
      }
    });

    it('answers 429 with Retry-After once a key has spent its burst; other keys are not affected', async () => {
      const app = await buildApp({
        config: testConfig,
        dataDir,
        logger: quietLogger,
        limits: { rateBurst: 3, rateLimit: 0.01 },
      });
      try {
        const recruiter = caller(app.app)(keys.recruiter);
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await recruiter<Json>('/api/search?q=engineer')).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const refused = await recruiter<Json>('/api/search?q=engineer');
        expect(refused.body).toMatchObject({ error: 'rate-limited' });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect((await caller(app.app)(keys.analyst)<Json>('/api/search?q=engineer')).status).toBe(200);
      } finally {
        await app.close();
      }
    });

    it('a failure inside the service is a 500 that leaks nothing', async () => {
      const backend = await openBackend(testConfig, { dataDir });
      const index: TalentIndex = Object.create(backend.index) as TalentIndex;
      index.search = async () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path/talent.db');
      };
      const app = await buildApp({
        config: testConfig,
        dataDir,
        logger: quietLogger,
        backend: { ...backend, index },
      });
      try {
        const answer = await caller(app.app)(keys.recruiter)<Json>('/api/search?q=x');
        expect(answer.status).toBe(500);
        expect(answer.body).toEqual({
          error: 'internal',
          message: expect.stringMatching(
            /^the service failed to answer; the server log has the details under request id /,
          ),
          requestId: expect.any(String),
        });
        expect(JSON.stringify(answer.body)).not.toMatch(/SQLITE|secret|talent\.db/);
      } finally {
        await app.close();
        await backend.close();
      }
    });
  });
});

describeWithCorpus('query service on the real corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-api-corpus-'));
  const dataDir = join(dir, 'data');
  let built: ApiApp;
  let keys: RoleKeys;
  let as: ReturnType<typeof caller>;

  beforeAll(async () => {
    await ingestInto(dataDir, [corpusDir]);
    keys = issueKeys(dataDir);
    built = await buildApp({ config: testConfig, dataDir, logger: quietLogger });
    as = caller(built.app);
  });
  afterAll(async () => {
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds people of the real documents in both languages, with links to their sources', async () => {
    const zh = await as(keys.recruiter)<SearchBody>('/api/search?q=高级工程师&limit=50');
    expect(zh.body.total).toBeGreaterThan(0);
    const en = await as(keys.recruiter)<SearchBody>('/api/search?q=semiconductor&sort=score:semiconductors');
    expect(en.body.total).toBeGreaterThan(0);

    const inventors = await as(keys.recruiter)<SearchBody>('/api/search?q=org:university&limit=200');
    expect(inventors.status).toBe(200);
    // A patent's profile links to the patent.
    const patents = await built.context.index.search({
      text: 'nvidia OR semiconductor OR laser',
      limit: 200,
    });
    let linked = 0;
    for (const hit of patents.hits) {
      const answer = await as(keys.analyst)<TalentBody>(`/api/talents/${hit.id}`);
      expect(answer.status).toBe(200);
      expect(
        answer.body.profile.explanation.industries.length + answer.body.profile.explanation.notes.length,
      ).toBeGreaterThan(0);
      linked += answer.body.sources.filter((s) => s.uri?.startsWith('https://')).length;
    }
    expect(linked).toBeGreaterThan(0);
  });

  it('explains why a real person is one profile: merges, a fresh re-resolution, near misses', async () => {
    // Reid Hoffman files Forms 3/4 under one SEC CIK: his filings merge on it.
    const [hoffman] = (await built.context.index.search({ text: 'name:"Reid Hoffman"' })).hits;
    expect(hoffman).toBeDefined();
    const answer = await as(keys.analyst)<ResolutionExplanation>(`/api/talents/${hoffman?.id}/resolution`);
    expect(answer.status).toBe(200);
    const x = answer.body;
    expect(x.mentions.length).toBeGreaterThan(1);
    expect(x.merges.length).toBe(x.mentions.length - 1);
    expect(x.merges.every((m) => m.kind === 'strong' && /^same SEC CIK \d+$/.test(m.summary))).toBe(true);
    expect(x.check.sameAsStored).toBe(true);
    expect((await as(undefined)(`/api/talents/${hoffman?.id}/resolution`)).status).toBe(401);
    expect((await as(keys.analyst)('/api/talents/tp-unknown/resolution')).status).toBe(404);
  });

  it('never shows an analyst a contact detail of the real documents', async () => {
    let checked = 0;
    let cursor: string | undefined;
    do {
      const page = await built.context.index.search({
        sort: 'priority',
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const hit of page.hits) {
        const stored = (await built.context.index.get(hit.id)) as TalentProfile;
        const secrets = [...stored.emails, ...stored.phones, ...(stored.birthDate ? [stored.birthDate] : [])];
        const addressFacts = stored.evidence
          .flatMap((e) => e.facts)
          .filter((f) => /address/i.test(f.path) && f.snippet);
        if (secrets.length === 0 && addressFacts.length === 0) continue;
        const text = JSON.stringify((await as(keys.analyst)<TalentBody>(`/api/talents/${hit.id}`)).body);
        for (const secret of secrets) expect(text, hit.id).not.toContain(secret);
        for (const fact of addressFacts) expect(text, hit.id).not.toContain(fact.snippet);
        // Nor finds them by searching for one: the searchable text holds no contact detail (asked
        // of the index, which every role's search reads, to stay within the key's rate).
        for (const email of stored.emails) {
          const found = await built.context.index.search({ text: email, limit: 200 });
          expect(
            found.hits.map((h) => h.id),
            hit.id,
          ).not.toContain(hit.id);
        }
        checked++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(checked).toBeGreaterThan(0);
  });
});
