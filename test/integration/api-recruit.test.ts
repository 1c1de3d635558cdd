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
