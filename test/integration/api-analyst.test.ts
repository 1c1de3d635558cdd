import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type ApiApp } from '../../api/server.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { Kafka, logLevel } from 'kafkajs';
import { strictMode } from '../helpers/corpus.js';
import { cleanTopics } from '../helpers/kafka.js';
import { elasticsearchUrl, kafkaBrokers, serviceReachable, uniqueName } from '../helpers/services.js';
import {
  caller,
  elasticsearchTestConfig,
  generatedCorpus,
  ingestInto,
  ingestIntoBackend,
  issueKeys,
  qs,
  quietLogger,
  root,
  testConfig,
  type RoleKeys,
} from './api-fixture.js';

/**
 * The analysts' routes (talent map, and what follows it) on both backends: the same documents in
 * the embedded index and in Elasticsearch (own index prefix), the same answers from each, and
 * answers that agree with the index's search totals.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

interface MapAnswer {
  level: string;
  filter: Record<string, unknown>;
  total: number;
  places: Array<{
    code: string;
    name?: { en: string; zh?: string };
    count: number;
    supplyLow: number;
    supplyHigh: number;
  }>;
}

// Without Elasticsearch its half is skipped, unless TALENT_STRICT asks for every backend.
const withEs = serviceReachable.elasticsearch || strictMode;

const TECHNOLOGY_IDS = [
  'euv-light-source',
  'sic-power-devices',
  'satellite-laser-communication',
  'high-speed-bogies',
  'mrna-delivery',
  'automotive-chips',
  'lidar',
];

interface TechnologiesAnswer {
  region: string;
  technologies: Array<{
    id: string;
    industry: string;
    keywords: { en: string[]; zh: string[] };
    counts: {
      total: number;
      tierA: { inside: number; outside: number };
      tierB: { inside: number; outside: number };
    };
  }>;
}

interface TechnologyAnswer {
  counts: { total: number };
  experts: Array<{
    id: string;
    evidenceScore: number;
    patents: Array<{ classes: string[]; keywords: string[] }>;
    works: unknown[];
    filings: unknown[];
    mentions: string[];
  }>;
}

describe('analysts’ routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-api-analyst-'));
  const prefix = uniqueName('tb-analyst');
  const esConfig = elasticsearchTestConfig(prefix);
  const apps: Array<{ name: string; app: ApiApp; keys: RoleKeys }> = [];
  const as = (which: number, role: keyof RoleKeys) => {
    const a = apps[which];
    if (!a) throw new Error(`no app ${which}`);
    return caller(a.app.app)(a.keys[role]);
  };

  beforeAll(async () => {
    const inputs = [generatedCorpus(dir, 200, 5), join(root, 'examples')];
    await ingestInto(join(dir, 'embedded'), inputs);
    const embedded = await buildApp({
      config: testConfig,
      dataDir: join(dir, 'embedded'),
      logger: quietLogger,
    });
    apps.push({ name: 'embedded', app: embedded, keys: issueKeys(join(dir, 'embedded')) });
    if (withEs) {
      await ingestIntoBackend(esConfig, join(dir, 'es'), inputs);
      const es = await buildApp({ config: esConfig, dataDir: join(dir, 'es'), logger: quietLogger });
      apps.push({ name: 'elasticsearch', app: es, keys: issueKeys(join(dir, 'es')) });
    }
  });

  afterAll(async () => {
    for (const a of apps) await a.app.close();
    if (withEs) {
      const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
      await cleanTopics(kafka, prefix);
      await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
    }
    rmSync(dir, { recursive: true, force: true });
  });

  describe('GET /api/map', () => {
    it('counts supply per country, per province of China, per city of Jilin, with the filter echoed', async () => {
      const countries = await as(0, 'analyst')<MapAnswer>('/api/map?level=country');
      expect(countries.status).toBe(200);
      expect(countries.body.filter).toEqual({ minScore: 40 });
      const codes = countries.body.places.map((p) => p.code);
      expect(codes).toContain('CN');
      expect(codes).toContain('US');
      for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);

      const provinces = await as(
        0,
        'analyst',
      )<MapAnswer>(`/api/map${qs({ level: 'province', industry: 'optoelectronics', tier: 'A,B,C' })}`);
      expect(provinces.body.filter).toEqual({
        industry: 'optoelectronics',
        tier: ['A', 'B', 'C'],
        minScore: 40,
        country: 'CN',
        region: 'CN-JL',
      });
      const jilin = provinces.body.places.find((p) => p.code === 'CN-JL');
      expect(jilin?.name).toEqual({ en: 'Jilin', zh: '吉林' });
      for (const p of provinces.body.places) expect(p.code).toMatch(/^CN-[A-Z]{2}$/);

      // Each count is the index's own: the search with the same filter and the place's region.
      for (const p of provinces.body.places.slice(0, 5)) {
        const search = await as(
          0,
          'admin',
        )<{ total: number }>(
          `/api/search${qs({ industry: 'optoelectronics', tier: 'A,B,C', minScore: 40, region: p.code, limit: 1 })}`,
        );
        expect(search.body.total, p.code).toBe(p.count);
        expect(p.supplyLow).toBeLessThanOrEqual(p.count);
        expect(p.supplyHigh).toBeGreaterThanOrEqual(p.count);
      }

      const cities = await as(0, 'analyst')<MapAnswer>('/api/map?level=city&region=CN-JL&minScore=10');
      expect(cities.body.filter).toEqual({ minScore: 10, region: 'CN-JL' });
      const changchun = cities.body.places.find((p) => p.code === 'Changchun');
      expect(changchun?.name).toEqual({ en: 'Changchun', zh: '长春' });
      // No city the gazetteer puts outside Jilin, though people located in Jilin live elsewhere too.
      for (const p of cities.body.places) expect(['Shanghai', 'Beijing', 'Boston']).not.toContain(p.code);
    });

    it('refuses what it cannot answer, and recruiters', async () => {
      expect((await as(0, 'analyst')('/api/map?level=planet')).status).toBe(400);
      const industry = await as(0, 'analyst')<{ message: string }>('/api/map?industry=alchemy');
      expect(industry.status).toBe(400);
      expect(industry.body.message).toMatch(/industry "alchemy" is not configured/);
      expect((await as(0, 'analyst')('/api/map?region=Jilin&level=city')).status).toBe(400);
      expect((await as(0, 'recruiter')('/api/map')).status).toBe(403);
    });

    it('serves the world outlines keyed by ISO code', async () => {
      const world = await as(
        0,
        'analyst',
      )<{ countries: Array<{ code?: string; d: string }> }>('/api/map/world');
      expect(world.status).toBe(200);
      const codes = new Set(world.body.countries.map((c) => c.code));
      for (const c of ['CN', 'US', 'DE', 'JP', 'BR', 'TR', 'CD']) expect(codes.has(c), c).toBe(true);
      expect(world.body.countries.find((c) => c.code === 'CN')?.d).toMatch(/^M[\d.,]+L/);
    });

    it.skipIf(!withEs)('technology lists answer alike on Elasticsearch', async () => {
      for (const url of [
        '/api/technologies',
        '/api/technologies?region=US-CA',
        ...TECHNOLOGY_IDS.map((id) => `/api/technologies/${id}`),
      ]) {
        const [a, b] = [await as(0, 'analyst')(url), await as(1, 'analyst')(url)];
        expect([a.status, b.status], url).toEqual([200, 200]);
        expect(b.body, url).toEqual(a.body);
      }
    });
  });

  describe('GET /api/technologies', () => {
    it('lists the configured technologies with tier A/B counts inside and outside the region', async () => {
      const list = await as(0, 'recruiter')<TechnologiesAnswer>('/api/technologies');
      expect(list.status).toBe(200);
      expect(list.body.region).toBe('CN-JL');
      expect(list.body.technologies.map((t) => t.id)).toEqual(TECHNOLOGY_IDS);
      for (const t of list.body.technologies) {
        const { tierA, tierB, total } = t.counts;
        expect(tierA.inside + tierA.outside + tierB.inside + tierB.outside).toBeLessThanOrEqual(total);
        // Inside counts are the index's: the same query, filtered by tier and region.
        const q = { industry: t.industry, minScore: 1, tier: 'A', region: 'CN-JL', limit: 1 };
        const search = await as(
          0,
          'admin',
        )<{ total: number; query: { text?: string } }>(
          `/api/search${qs({
            ...q,
            q: t.keywords.en
              .concat(t.keywords.zh)
              .map((k) => `"${k}"`)
              .join(' OR '),
          })}`,
        );
        expect(search.body.total, t.id).toBe(tierA.inside);
      }
      expect(list.body.technologies.some((t) => t.counts.total > 0)).toBe(true);
    });

    it('ranks a technology’s experts by the evidence that links them', async () => {
      let withExperts = 0;
      for (const id of TECHNOLOGY_IDS) {
        const answer = await as(0, 'analyst')<TechnologyAnswer>(`/api/technologies/${id}?limit=20`);
        expect(answer.status).toBe(200);
        const experts = answer.body.experts;
        expect(experts.length).toBeLessThanOrEqual(Math.min(20, answer.body.counts.total));
        const scores = experts.map((e) => e.evidenceScore);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        for (const e of experts) {
          expect(e.evidenceScore).toBeGreaterThan(0);
          expect(
            e.patents.length + e.works.length + e.filings.length + e.mentions.length,
            e.id,
          ).toBeGreaterThan(0);
          for (const p of e.patents) expect(p.classes.length + p.keywords.length).toBeGreaterThan(0);
        }
        if (experts.length > 0) withExperts++;
      }
      expect(withExperts).toBeGreaterThan(0);
      const missing = await as(0, 'analyst')<{ message: string }>('/api/technologies/warp-drive');
      expect(missing.status).toBe(404);
      expect(missing.body.message).toMatch(/no technology "warp-drive"/);
    });
  });

  describe('GET /api/gaps/trend', () => {
    interface TrendAnswer {
      dates: string[];
      series: Array<{
        industry: string;
        current: number;
        points: Array<{ date: string; established: number; supplyLow: number; supplyHigh: number }>;
      }>;
    }

    it('gives supply per industry month by month: established by each date, up to today’s', async () => {
      const until = new Date().toISOString().slice(0, 10);
      const trend = await as(
        0,
        'analyst',
      )<TrendAnswer>(`/api/gaps/trend?months=6&until=${until}&minScore=10`);
      expect(trend.status).toBe(200);
      expect(trend.body.dates).toHaveLength(6);
      expect(trend.body.dates.at(-1)).toBe(`${until.slice(0, 7)}-01`);
      expect(trend.body.series.length).toBeGreaterThan(0);
      const last = trend.body.dates.at(-1) as string;
      const gaps = await as(
        0,
        'analyst',
      )<{ rows: Array<{ industry: string; supply: number; trend: { establishedBefore: number } }> }>(
        `/api/gaps?by=industry&scope=local&minScore=10&since=${last}`,
      );
      for (const s of trend.body.series) {
        const values = s.points.map((p) => p.established);
        expect(values, s.industry).toEqual([...values].sort((a, b) => a - b));
        expect(values.at(-1) ?? 0).toBeLessThanOrEqual(s.current);
        for (const p of s.points)
          expect(p.supplyLow <= p.established && p.established <= p.supplyHigh).toBe(true);
        // The same figure as the gap report's "established before" for the same date and region.
        const row = gaps.body.rows.find((r) => r.industry === s.industry);
        expect(s.points.at(-1)?.established, s.industry).toBe(row?.trend.establishedBefore ?? 0);
        expect(s.current, s.industry).toBe(row?.supply ?? 0);
      }
      // Far ahead every profile's evidence predates the dates: the whole supply is established.
      const ahead = await as(
        0,
        'analyst',
      )<TrendAnswer>('/api/gaps/trend?months=2&until=2999-06-30&minScore=10');
      for (const s of ahead.body.series) for (const p of s.points) expect(p.established).toBe(s.current);
      const filtered = await as(
        0,
        'analyst',
      )<TrendAnswer>('/api/gaps/trend?industry=automotive,rail&minScore=10');
      expect(filtered.body.series.every((s) => ['automotive', 'rail'].includes(s.industry))).toBe(true);
      expect((await as(0, 'analyst')('/api/gaps/trend?until=2026-02-30')).status).toBe(400);
      expect((await as(0, 'recruiter')('/api/gaps/trend')).status).toBe(403);
    });

    it.skipIf(!withEs)('answers alike on Elasticsearch', async () => {
      for (const url of [
        '/api/gaps/trend?months=4&until=2026-12-31&minScore=10',
        '/api/gaps/trend?until=2999-01-01&tier=A,B,C&months=3',
      ]) {
        const [a, b] = [await as(0, 'analyst')(url), await as(1, 'analyst')(url)];
        expect([a.status, b.status], url).toEqual([200, 200]);
        expect(b.body, url).toEqual(a.body);
      }
    });
  });

  describe('GET /api/map on both backends', () => {
    it.skipIf(!withEs)('answers alike on Elasticsearch', async () => {
      for (const url of [
        '/api/map?level=country',
        '/api/map?level=country&industry=automotive&tier=A,B',
        '/api/map?level=province&minScore=10',
        '/api/map?level=province&country=US&minScore=10',
        '/api/map?level=city&region=CN-JL&minScore=10',
      ]) {
        const [a, b] = [await as(0, 'analyst')<MapAnswer>(url), await as(1, 'analyst')<MapAnswer>(url)];
        expect([a.status, b.status], url).toEqual([200, 200]);
        expect(b.body, url).toEqual(a.body);
      }
    });
  });
});
