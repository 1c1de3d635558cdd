import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiApp } from '../../api/server.js';
import type { RegionTie } from '../../api/ties/region-ties.js';
import type { QueryUnderstanding } from '../../api/understand/understood.js';
import type { SearchHit } from '../../indexer/contract.js';
import { describeWithService, uniqueName } from '../helpers/services.js';
import {
  type caller,
  cleanElasticsearchAndKafka,
  elasticsearchTestConfig,
  qs,
  serveIndexed,
  testConfig,
  type RoleKeys,
} from './api-fixture.js';
import { writeRecruitPeople } from './recruit-fixture.js';

/**
 * Recruiter features over HTTP on both backends: plain-language search (the `understood` object
 * beside the hits) and regional ties (tieRegion, outside, evidence, the facet).
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 240_000 });

interface Page {
  query: { text?: string; filters?: Record<string, unknown> };
  understood: QueryUnderstanding;
  total: number;
  hits: Array<SearchHit & { ties?: RegionTie }>;
  tieFacet?: { region: string; count: number; name: { en: string; zh: string } };
}

function recruiterSuite(name: string, config: () => typeof testConfig, cleanup: () => Promise<void>): void {
  describe(name, () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-recruit-'));
    let built: ApiApp;
    let keys: RoleKeys;
    let as: ReturnType<typeof caller>;
    const names = (page: Page): string[] => page.hits.map((h) => h.displayName).sort();

    beforeAll(async () => {
      ({ built, keys, as } = await serveIndexed(config(), join(dir, 'data'), [writeRecruitPeople(dir)]));
    });
    afterAll(async () => {
      await built?.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads a plain-language query as filters and shows what it understood', async () => {
      const page = await as(keys.recruiter)<Page>(`/api/search${qs({ q: '吉林大学毕业在上海的电池专家' })}`);
      expect(page.status).toBe(200);
      expect(page.body.understood).toMatchObject({
        applied: true,
        text: '电池',
        filters: { org: ['吉林大学'], region: ['CN-SH'] },
      });
      expect(page.body.understood.chips.map((c) => c.kind).sort()).toEqual(['region', 'school']);
      // 吉林大学 is matched in both scripts: the résumé says "Jilin University".
      expect(names(page.body)).toEqual(['Mei Zhou']);

      const en = await as(keys.recruiter)<Page>(
        `/api/search${qs({ q: 'semiconductor process engineers in Germany' })}`,
      );
      expect(en.body.understood.filters).toEqual({ industry: ['semiconductors'], country: ['DE'] });
      expect(en.body.understood.text).toBe('semiconductor process engineer');
      expect(names(en.body)).toEqual(['Anna Bergmark']);
    });

    it('leaves the query syntax and understand=false alone', async () => {
      const syntax = await as(keys.recruiter)<Page>(`/api/search${qs({ q: 'org:"FAW" battery' })}`);
      expect(syntax.body.understood.applied).toBe(false);
      expect(syntax.body.query.text).toBe('org:"FAW" battery');
      const off = await as(keys.recruiter)<Page>(`/api/search${qs({ q: '上海', understand: 'false' })}`);
      expect(off.body.understood).toMatchObject({ applied: false, filters: {} });
      expect(off.body.query.text).toBe('上海');
    });

    it('finds people outside the region with ties to it, each tie with its evidence and score', async () => {
      const page = await as(keys.recruiter)<Page>(
        `/api/search${qs({ tieRegion: 'CN-JL', outside: 'true', facets: 'tier' })}`,
      );
      expect(page.status).toBe(200);
      expect(names(page.body)).toEqual(['Jun Wangshu', 'Mei Zhou']);
      const zhou = page.body.hits.find((h) => h.displayName === 'Mei Zhou');
      expect(zhou?.ties?.summary).toMatch(
        /studied at Jilin University \(Bachelor, Materials Science\) 2004–2008/,
      );
      expect(zhou?.ties?.score).toBeGreaterThan(0);
      const wang = page.body.hits.find((h) => h.displayName === 'Jun Wangshu');
      expect(wang?.ties?.evidence[0]).toMatchObject({ kind: 'worked', via: 'FAW Group' });
      expect(page.body.tieFacet).toMatchObject({ region: 'CN-JL', count: 2 });

      const all = await as(keys.recruiter)<Page>(`/api/search${qs({ tieRegion: 'CN-JL' })}`);
      expect(names(all.body)).toEqual(['Jun Wangshu', 'Mei Zhou', 'Tao Sunqi']);
      const bad = await as(keys.recruiter)<{ message: string }>(`/api/search${qs({ tieRegion: 'ZZ-QQ' })}`);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/tieRegion "ZZ-QQ"/);
    });

    it('finds similar people with what they share', async () => {
      const found = await as(keys.recruiter)<Page>(`/api/search${qs({ tieRegion: 'CN-JL' })}`);
      const sun = found.body.hits.find((h) => h.displayName === 'Tao Sunqi') as SearchHit;
      const like = await as(keys.analyst)<{
        similar: Array<{
          displayName: string;
          similarity: number;
          shared: { employers: string[] };
          explanation: string;
        }>;
      }>(`/api/talents/${sun.id}/similar`);
      expect(like.status).toBe(200);
      const wang = like.body.similar.find((s) => s.displayName === 'Jun Wangshu');
      expect(wang?.shared.employers).toEqual(['FAW Group']);
      expect(wang?.explanation).toMatch(/employers FAW Group/);
      expect(like.body.similar.map((s) => s.displayName)).not.toContain('Tao Sunqi');
      expect((await as(keys.recruiter)('/api/talents/tp-nobody/similar')).status).toBe(404);
    });

    it('reads a tie and "outside" from plain language', async () => {
      const page = await as(keys.recruiter)<Page>(`/api/search${qs({ q: '在外的吉林籍人才' })}`);
      expect(page.body.understood).toMatchObject({
        text: '',
        filters: { tieRegion: 'CN-JL', outside: true },
      });
      expect(names(page.body)).toEqual(['Jun Wangshu', 'Mei Zhou']);
      const en = await as(keys.recruiter)<Page>(
        `/api/search${qs({ q: 'engineers with ties to Changchun' })}`,
      );
      expect(en.body.understood).toMatchObject({ text: 'engineer', filters: { tieRegion: 'CN-JL' } });
      expect(names(en.body)).toEqual(['Jun Wangshu', 'Mei Zhou', 'Tao Sunqi']);
    });

    it('keeps talent pools: members, stages, tags, notes, CSV, audit; an erased person leaves every pool', async () => {
      const recruiter = as(keys.recruiter);
      const found = await recruiter<Page>(`/api/search${qs({ tieRegion: 'CN-JL', outside: 'true' })}`);
      const zhou = found.body.hits.find((h) => h.displayName === 'Mei Zhou') as SearchHit;
      const wang = found.body.hits.find((h) => h.displayName === 'Jun Wangshu') as SearchHit;

      const made = await recruiter<{ id: string; stages: string[] }>('/api/pools', {
        method: 'POST',
        payload: { name: '吉林回流 2026' },
      });
      expect(made.status).toBe(201);
      expect(made.body.stages).toEqual(['sourced', 'contacted', 'interested', 'visiting', 'signed']);
      const pool = `/api/pools/${made.body.id}`;
      const other = await recruiter<{ id: string }>('/api/pools', {
        method: 'POST',
        payload: { name: 'Shared', shared: true, stages: ['long list', 'short list'] },
      });

      const add = (id: string, extra: Record<string, unknown> = {}) =>
        recruiter<{ added: boolean; member: { stage: string } }>(`${pool}/members`, {
          method: 'POST',
          payload: { profileId: id, ...extra },
        });
      expect((await add(zhou.id, { tags: ['battery'], note: '=call in March' })).status).toBe(201);
      expect((await add(wang.id)).body.member.stage).toBe('sourced');
      expect((await add(wang.id)).body.added).toBe(false);
      expect((await add('tp-nobody')).status).toBe(404);
      expect((await add(zhou.id, { stage: 'hired' })).status).toBe(400);
      await recruiter(`/api/pools/${other.body.id}/members`, {
        method: 'POST',
        payload: { profileId: zhou.id },
      });

      const moved = await recruiter<{ stage: string; tags: string[] }>(`${pool}/members/${zhou.id}`, {
        method: 'PATCH',
        payload: { stage: 'contacted', tags: ['battery', 'returnee'] },
      });
      expect(moved.body).toMatchObject({ stage: 'contacted', tags: ['battery', 'returnee'] });
      const badStage = await recruiter<{ message: string }>(`${pool}/members/${zhou.id}`, {
        method: 'PATCH',
        payload: { stage: 'hired' },
      });
      expect(badStage.status).toBe(400);
      expect(badStage.body.message).toMatch(/use one of sourced, contacted/);
      const noted = await recruiter<{ author: string }>(`${pool}/members/${zhou.id}/notes`, {
        method: 'POST',
        payload: { text: 'Visited the Changchun lab' },
      });
      expect(noted.body.author).toBe('test-recruiter');

      const list = await recruiter<{
        pools: Array<{ id: string; members: number; byStage: Record<string, number> }>;
      }>('/api/pools');
      expect(list.body.pools.find((p) => p.id === made.body.id)).toMatchObject({
        members: 2,
        byStage: { sourced: 1, contacted: 1 },
      });
      const detail = await recruiter<{ members: Array<{ displayName: string; notes: unknown[] }> }>(pool);
      expect(detail.body.members.map((m) => m.displayName).sort()).toEqual(['Jun Wangshu', 'Mei Zhou']);

      const csv = await recruiter<string>(`${pool}/export.csv`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body).toContain('Mei Zhou');
      expect(csv.body).toContain('test-recruiter: =call in March');

      // Another key sees neither the private pool nor may it change the shared one's settings.
      const admin = as(keys.admin);
      expect((await admin(pool)).status).toBe(404);
      expect((await admin(`/api/pools/${other.body.id}`)).status).toBe(200);
      expect(
        (await admin(`/api/pools/${other.body.id}`, { method: 'PATCH', payload: { name: 'mine' } })).status,
      ).toBe(403);
      expect((await as(keys.analyst)('/api/pools')).status).toBe(403);

      const audit = await recruiter<{ entries: Array<{ action: string; profileId?: string }> }>(
        `${pool}/audit`,
      );
      expect(audit.body.entries.map((e) => e.action).reverse()).toEqual([
        'pool.create',
        'member.add',
        'member.note',
        'member.add',
        'member.stage',
        'member.tags',
        'member.note',
        'pool.export',
      ]);

      const erased = await admin<{ erased: boolean }>(`/api/talents/${zhou.id}?reason=request`, {
        method: 'DELETE',
      });
      expect(erased.body.erased).toBe(true);
      const after = await recruiter<{ members: Array<{ profileId: string }> }>(pool);
      expect(after.body.members.map((m) => m.profileId)).toEqual([wang.id]);
      const shared = await recruiter<{ members: unknown[] }>(`/api/pools/${other.body.id}`);
      expect(shared.body.members).toEqual([]);
      const trail = await recruiter<{
        entries: Array<{ action: string; profileId?: string; detail: unknown }>;
      }>(`${pool}/audit`);
      expect(trail.body.entries[0]).toMatchObject({ action: 'member.erased' });
      expect(JSON.stringify(trail.body)).not.toContain(zhou.id);
      expect(JSON.stringify(trail.body)).not.toContain('battery');
      const { readFileSync } = await import('node:fs');
      const file = readFileSync(join(dir, 'data', 'pools.db'));
      expect(file.includes(Buffer.from(zhou.id))).toBe(false);
      expect(file.includes(Buffer.from('Visited the Changchun lab'))).toBe(false);
    });
  });
}

recruiterSuite(
  'recruiter search on the embedded index',
  () => testConfig,
  async () => {},
);

describeWithService('elasticsearch', 'recruiter search on Elasticsearch', () => {
  const prefix = uniqueName('tb-recruit');
  recruiterSuite(
    'on Elasticsearch',
    () => elasticsearchTestConfig(prefix),
    () => cleanElasticsearchAndKafka(prefix),
  );
});
