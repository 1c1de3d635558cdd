import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidCursorError,
  type SearchQuery,
  type SupplyCell,
  type TalentIndex,
} from '../../indexer/contract.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { fixtureProfiles, profileBySource } from './fixtures.js';

/**
 * The behaviour every index backend must show. A backend's test file calls
 * `runIndexContract('name', () => openIt())`; the factory returns a new, empty index each call.
 */
export function runIndexContract(name: string, factory: () => Promise<TalentIndex>): void {
  describe(`index contract: ${name}`, () => {
    const profiles = fixtureProfiles();
    const src = (sourceId: string): TalentProfile => profileBySource(profiles, sourceId);
    let index: TalentIndex;

    const ids = async (query: SearchQuery): Promise<string[]> =>
      (await index.search({ limit: 200, ...query })).hits.map((h) => h.id).sort();
    const of = (...sources: string[]): string[] => sources.map((s) => src(s).id).sort();

    beforeAll(async () => {
      index = await factory();
      await index.upsert(profiles);
    });
    afterAll(async () => {
      await index.close();
    });

    describe('writes', () => {
      it('upsert is idempotent by id: twice gives the same count', async () => {
        const fresh = await factory();
        try {
          expect(await fresh.upsert(profiles)).toEqual({ inserted: profiles.length, updated: 0 });
          expect(await fresh.upsert(profiles)).toEqual({ inserted: 0, updated: profiles.length });
          const stats = await fresh.stats();
          expect(stats.profiles).toBe(profiles.length);
          expect(stats.evidence).toBe(profiles.reduce((n, p) => n + p.evidence.length, 0));
        } finally {
          await fresh.close();
        }
      });

      it('merges an existing id: union of evidence, scalar fields from the newer profile', async () => {
        const fresh = await factory();
        try {
          const older = src('fx:wang');
          await fresh.upsert([older]);
          const first = older.evidence[0] as TalentProfile['evidence'][number];
          const newer: TalentProfile = {
            ...structuredClone(older),
            reason: 'newer reason',
            priorityScore: 80,
            lastSeen: '2026-03-01T00:00:00.000Z',
            evidence: [{ ...first, sourceId: 'fx:wang-2', mentionId: 'fx:wang-2#0' }],
          };
          expect(await fresh.upsert([newer])).toEqual({ inserted: 0, updated: 1 });
          const merged = await fresh.get(older.id);
          expect(merged?.reason).toBe('newer reason');
          expect(merged?.priorityScore).toBe(80);
          expect(merged?.lastSeen).toBe('2026-03-01T00:00:00.000Z');
          expect(merged?.firstSeen).toBe(older.firstSeen);
          expect(merged?.evidence.map((e) => e.sourceId).sort()).toEqual(['fx:wang', 'fx:wang-2']);
          // The same evidence again does not duplicate it.
          await fresh.upsert([newer]);
          expect((await fresh.get(older.id))?.evidence).toHaveLength(2);
          expect((await fresh.stats()).evidence).toBe(2);
        } finally {
          await fresh.close();
        }
      });

      it('merges repeated ids within one batch', async () => {
        const fresh = await factory();
        try {
          const a = src('fx:chen');
          const again = { ...structuredClone(a), reason: 'second copy' };
          expect(await fresh.upsert([a, again])).toEqual({ inserted: 1, updated: 1 });
          expect((await fresh.get(a.id))?.reason).toBe('second copy');
          expect((await fresh.stats()).profiles).toBe(1);
        } finally {
          await fresh.close();
        }
      });

      it('delete erases the profile and its evidence', async () => {
        const fresh = await factory();
        try {
          await fresh.upsert(profiles);
          const victim = src('fx:grace');
          expect(await fresh.delete(victim.id)).toBe(true);
          expect(await fresh.get(victim.id)).toBeUndefined();
          expect((await fresh.search({ text: 'Grace' })).total).toBe(0);
          expect((await fresh.search({ filters: { skills: ['machine learning'] } })).total).toBe(0);
          const stats = await fresh.stats();
          expect(stats.profiles).toBe(profiles.length - 1);
          expect(stats.evidence).toBe(
            profiles.reduce((n, p) => n + p.evidence.length, 0) - victim.evidence.length,
          );
          expect(await fresh.delete(victim.id)).toBe(false);
        } finally {
          await fresh.close();
        }
      });

      it('replace overwrites without merging and removes ids in the same write', async () => {
        const fresh = await factory();
        try {
          await fresh.upsert(profiles);
          const kept = src('fx:wang');
          const gone = src('fx:chen');
          const rebuilt: TalentProfile = {
            ...structuredClone(kept),
            titles: ['总工程师'],
            evidence: kept.evidence.slice(0, 1),
          };
          await fresh.replace({ put: [rebuilt], remove: [gone.id, 'tp-never-existed'] });
          expect(await fresh.get(kept.id)).toEqual(rebuilt);
          expect(await fresh.get(gone.id)).toBeUndefined();
          expect((await fresh.search({ text: 'title:总工程师' })).hits.map((h) => h.id)).toEqual([kept.id]);
          const stats = await fresh.stats();
          expect(stats.profiles).toBe(profiles.length - 1);
          const evidence = profiles.reduce((n, p) => n + p.evidence.length, 0);
          expect(stats.evidence).toBe(evidence - gone.evidence.length - (kept.evidence.length - 1));
          const bySource = Object.values(stats.evidenceBySource).reduce((n, c) => n + c, 0);
          expect(bySource).toBe(stats.evidence);
          expect(stats.sizeBytes).toBeGreaterThan(0);
        } finally {
          await fresh.close();
        }
      });

      it('get returns the stored document, undefined for an unknown id', async () => {
        expect(await index.get(src('fx:ada').id)).toEqual(src('fx:ada'));
        expect(await index.get('tp-none')).toBeUndefined();
      });
    });

    describe('supply (talent gap analysis)', () => {
      type Dim = 'tier' | 'region' | 'country';
      // Expected counts computed from the profiles themselves, the way the contract defines them:
      // distinct profiles per cell; a profile's places are its locations naming one of the asked
      // fields, or a single `unknown` place when none does.
      const expected = (from: readonly TalentProfile[], minScore: number, by: Dim[]): Map<string, number> => {
        const region = (l: TalentProfile['locations'][number]) => l.regionCode ?? l.region;
        const counts = new Map<string, Set<string>>();
        for (const p of from)
          for (const [industry, score] of Object.entries(p.scores)) {
            if (!(score > 0 && score >= minScore)) continue;
            const named = p.locations.filter(
              (l) =>
                (by.includes('region') && region(l) !== undefined) ||
                (by.includes('country') && l.country !== undefined),
            );
            for (const place of named.length > 0 ? named : [undefined]) {
              const key = [
                industry,
                by.includes('tier') ? p.tier : '',
                by.includes('region') ? ((place && region(place)) ?? 'unknown') : '',
                by.includes('country') ? (place?.country ?? 'unknown') : '',
              ].join('|');
              counts.set(key, (counts.get(key) ?? new Set<string>()).add(p.id));
            }
          }
        return new Map([...counts].map(([k, v]) => [k, v.size]));
      };
      const got = (cells: SupplyCell[]): Map<string, number> =>
        new Map(
          cells.map((c) => [[c.industry, c.tier ?? '', c.region ?? '', c.country ?? ''].join('|'), c.count]),
        );

      it('counts distinct profiles per industry at or above the minimum score', async () => {
        for (const minScore of [0, 30, 60, 101]) {
          expect(got(await index.supply({ minScore, by: [] }))).toEqual(expected(profiles, minScore, []));
        }
        // The fixtures put people in several industries and leave others empty: the test can fail.
        expect(expected(profiles, 30, []).size).toBeGreaterThan(2);
      });

      it('breaks supply down by tier, region and country', async () => {
        const all: Dim[][] = [
          ['tier'],
          ['region'],
          ['country'],
          ['tier', 'region'],
          ['tier', 'region', 'country'],
        ];
        for (const by of all)
          expect(got(await index.supply({ minScore: 20, by })), by.join(',')).toEqual(
            expected(profiles, 20, by),
          );
        // The dimension order asked for does not matter.
        expect(got(await index.supply({ minScore: 20, by: ['region', 'tier'] }))).toEqual(
          expected(profiles, 20, ['tier', 'region']),
        );
        expect([...expected(profiles, 0, ['region']).keys()]).toContain('optoelectronics||CN-JL|');
      });

      it('counts a person once per region, and under unknown when no location names one', async () => {
        const fresh = await factory();
        try {
          const base = src('fx:wang');
          const jilin = base.locations[0] as TalentProfile['locations'][number];
          const made = (id: string, locations: TalentProfile['locations']): TalentProfile => ({
            ...structuredClone(base),
            id,
            locations,
          });
          const people = [
            // Two cities of Jilin, one of Beijing, a bare country: once in CN-JL, once in CN-BJ.
            made('tp-supply-two-regions', [
              jilin,
              { ...jilin, city: 'Jilin City', cityZh: '吉林市', label: 'Jilin City' },
              { country: 'CN', regionCode: 'CN-BJ', region: 'Beijing', label: 'Beijing, CN' },
              // Naming no region: not a reason to count this person under unknown too.
              { country: 'CN', label: 'CN' },
            ]),
            // A country only: region unknown, country CN.
            made('tp-supply-country-only', [{ country: 'CN', label: 'CN' }]),
            made('tp-supply-nowhere', []),
          ];
          await fresh.upsert(people);
          for (const by of [['region'], ['country'], ['region', 'country']] as Dim[][])
            expect(got(await fresh.supply({ minScore: 0, by })), by.join(',')).toEqual(
              expected(people, 0, by),
            );
          const byRegion = got(await fresh.supply({ minScore: 0, by: ['region'] }));
          expect(byRegion.get('optoelectronics||CN-JL|')).toBe(1);
          expect(byRegion.get('optoelectronics||CN-BJ|')).toBe(1);
          expect(byRegion.get('optoelectronics||unknown|')).toBe(2);
        } finally {
          await fresh.close();
        }
      });

      it('honours filters', async () => {
        const cn = await index.supply({ minScore: 0, by: [], filters: { countries: ['CN'] } });
        const all = await index.supply({ minScore: 0, by: [] });
        const total = (cells: SupplyCell[]) => cells.reduce((n, c) => n + c.count, 0);
        expect(total(cn)).toBeGreaterThan(0);
        expect(total(cn)).toBeLessThan(total(all));
        const inChina = profiles.filter((p) => p.locations.some((l) => l.country === 'CN'));
        expect(got(cn)).toEqual(expected(inChina, 0, []));
        const jilin = await index.supply({ minScore: 40, by: ['tier'], filters: { regions: ['CN-JL'] } });
        const inJilin = profiles.filter((p) => p.locations.some((l) => l.regionCode === 'CN-JL'));
        expect(got(jilin)).toEqual(expected(inJilin, 40, ['tier']));
      });
    });

    describe('full text', () => {
      it('finds English words in summaries, skills, titles and patents', async () => {
        expect(await ids({ text: 'laser' })).toEqual(of('fx:wang', 'fx:chen'));
        expect(await ids({ text: 'transistor' })).toEqual(of('fx:ada'));
        expect(await ids({ text: 'GRACE' })).toEqual(of('fx:grace'));
      });

      it('finds Chinese terms of two to five characters', async () => {
        expect(await ids({ text: '光电' })).toEqual(of('fx:wang'));
        expect(await ids({ text: '长春光机所' })).toEqual(of('fx:wang'));
        expect(await ids({ text: '汽车' })).toEqual(of('fx:li'));
        expect(await ids({ text: '激光' })).toEqual(of('fx:wang', 'fx:chen'));
        expect(await ids({ text: '陈伟' })).toEqual(of('fx:chen'));
        expect(await ids({ text: '动力电池' })).toEqual(of('fx:li'));
      });

      it('matches "phrases" as a whole', async () => {
        expect(await ids({ text: '"fiber laser"' })).toEqual(of('fx:chen'));
        expect(await ids({ text: '"laser fiber"' })).toEqual([]);
      });

      it('combines terms with AND, OR, NOT, - and parentheses', async () => {
        expect(await ids({ text: 'laser AND fiber' })).toEqual(of('fx:chen'));
        expect(await ids({ text: 'laser fiber' })).toEqual(of('fx:chen'));
        expect(await ids({ text: 'transistor OR 汽车' })).toEqual(of('fx:ada', 'fx:li'));
        expect(await ids({ text: 'laser NOT fiber' })).toEqual(of('fx:wang'));
        expect(await ids({ text: 'laser -fiber' })).toEqual(of('fx:wang'));
        expect(await ids({ text: '(transistor OR photonics) AND Austin' })).toEqual(of('fx:ada'));
      });

      it('restricts fielded terms to name, title, org and skill', async () => {
        expect(await ids({ text: 'name:grace' })).toEqual(of('fx:grace'));
        expect(await ids({ text: 'title:professor' })).toEqual(of('fx:grace'));
        expect(await ids({ text: 'name:professor' })).toEqual([]);
        expect(await ids({ text: 'org:"Acme Motors"' })).toEqual(of('fx:bob'));
        expect(await ids({ text: 'skill:welding' })).toHaveLength(12);
        expect(await ids({ text: 'title:研究员' })).toEqual(of('fx:wang'));
      });

      it('never throws on hostile query text', async () => {
        const hostile = [
          '"',
          '""',
          '"unbalanced quote',
          '(',
          '((',
          ')',
          '())(',
          'AND',
          'OR OR',
          'NOT',
          'NOT NOT laser',
          '*',
          '^',
          ':',
          'title:',
          'title:"',
          'NEAR(laser fiber, 2)',
          'laser*',
          '^laser',
          'a:b:c',
          '{name}:x',
          'col:laser',
          '\\',
          "'; DROP TABLE profiles; --",
          '-',
          '--',
          '- -laser',
          '&& ||',
          '\u0000',
          '光电"',
          '长春(',
          '🙂',
          `${'('.repeat(2000)}laser${')'.repeat(10)}`,
          'x '.repeat(3000),
          'laser OR',
        ];
        for (const text of hostile) {
          const result = await index.search({ text, facets: ['tier'] });
          expect(result.total, text.slice(0, 40)).toBeGreaterThanOrEqual(0);
        }
        expect((await index.stats()).profiles).toBe(profiles.length);
        const odd = await index.search({ limit: Number.NaN, sort: 'bogus' as SearchQuery['sort'] });
        expect(odd.hits.length).toBeGreaterThan(0);
      });
    });

    describe('filters', () => {
      it('filters by industry, tier, country and minimum score', async () => {
        expect(await ids({ filters: { industries: ['semiconductors'] } })).toEqual(of('fx:ada'));
        expect(await ids({ filters: { tiers: ['B'] } })).toEqual(of('fx:wang', 'fx:grace', 'fx:bob'));
        expect(await ids({ filters: { countries: ['CN'] } })).toEqual(of('fx:wang', 'fx:li', 'fx:chen'));
        expect(await ids({ filters: { minScore: 60 } })).toEqual(of('fx:wang', 'fx:li', 'fx:ada'));
        expect(await ids({ filters: { industries: ['optoelectronics'], minScore: 50 } })).toEqual(
          of('fx:wang'),
        );
      });

      it('filters regions by code or name and cities in either script', async () => {
        const jilin = of('fx:wang', 'fx:li', 'fx:chen');
        expect(await ids({ filters: { regions: ['CN-JL'] } })).toEqual(jilin);
        expect(await ids({ filters: { regions: ['吉林'] } })).toEqual(jilin);
        expect(await ids({ filters: { regions: ['Texas'] } })).toEqual(of('fx:ada'));
        expect(await ids({ filters: { cities: ['长春'] } })).toEqual(jilin);
        expect(await ids({ filters: { cities: ['Changchun'] } })).toEqual(jilin);
      });

      it('filters by skill (label, Chinese label) and by last seen', async () => {
        expect(await ids({ filters: { skills: ['machine learning'] } })).toEqual(of('fx:grace'));
        expect(await ids({ filters: { skills: ['激光'] } })).toEqual(of('fx:wang', 'fx:chen'));
        expect(await ids({ filters: { seenSince: '2026-01-15' } })).toEqual(of('fx:grace'));
      });

      it('combines text and filters', async () => {
        expect(await ids({ text: 'laser', filters: { tiers: ['C'] } })).toEqual(of('fx:chen'));
      });

      it('filters by title and organisation terms, patents, and regions left out', async () => {
        expect(await ids({ filters: { titles: ['高级', 'director'] } })).toEqual(of('fx:li', 'fx:chen'));
        expect(await ids({ filters: { organizations: ['光机所', '第一汽车'] } })).toEqual(of('fx:li'));
        expect(await ids({ filters: { organizations: ['长春光学精密', 'Jilin Photonics'] } })).toEqual(
          of('fx:wang', 'fx:chen'),
        );
        expect(await ids({ filters: { organizations: ['  '] } })).toEqual([]);
        expect(await ids({ filters: { hasPatents: true } })).toEqual(of('fx:ada'));
        expect(await ids({ filters: { hasPatents: false, countries: ['US'] } })).toEqual(
          of('fx:grace', 'fx:bob'),
        );
        expect(await ids({ filters: { countries: ['CN'], excludeRegions: ['CN-JL'] } })).toEqual([]);
        expect(await ids({ filters: { tiers: ['B'], excludeRegions: ['吉林'] } })).toEqual(
          of('fx:grace', 'fx:bob'),
        );
      });
    });

    describe('facets and sorting', () => {
      it('counts facets over every match', async () => {
        const result = await index.search({
          limit: 1,
          facets: ['tier', 'country', 'city', 'region', 'industry', 'skill'],
        });
        const count = (values: string[], v: string) => values.filter((x) => x === v).length;
        const tiers = profiles.map((p) => p.tier);
        for (const bucket of result.facets.tier ?? []) expect(bucket.count).toBe(count(tiers, bucket.value));
        expect(result.facets.tier?.reduce((n, b) => n + b.count, 0)).toBe(profiles.length);
        expect(result.facets.country).toEqual([
          { value: 'CN', count: 3 },
          { value: 'US', count: 3 },
        ]);
        expect(result.facets.city?.find((b) => b.value === 'Changchun')?.count).toBe(3);
        expect(result.facets.region?.find((b) => b.value === 'CN-JL')?.count).toBe(3);
        expect(result.facets.industry?.find((b) => b.value === 'optoelectronics')?.count).toBe(2);
        expect(result.facets.skill?.find((b) => b.value === 'Welding')?.count).toBe(12);
        const agg = await index.aggregate({ filters: { countries: ['CN'] } }, ['tier', 'industry']);
        expect(agg.tier).toEqual([
          { value: 'C', count: 2 },
          { value: 'B', count: 1 },
        ]);
        expect(agg.industry?.find((b) => b.value === 'automotive')?.count).toBe(1);
        const withText = await index.aggregate({ text: 'laser' }, ['country', 'tier']);
        expect(withText.country).toEqual([{ value: 'CN', count: 2 }]);
        expect(withText.tier).toEqual([
          { value: 'B', count: 1 },
          { value: 'C', count: 1 },
        ]);
      });

      it('counts every place for a map on request, by industry and tier, most profiles first', async () => {
        // The default is the top 50 values; a map asks for them all (and at least one).
        const one = await index.aggregate({}, ['country'], { limit: 1 });
        expect(one.country).toEqual([{ value: 'CN', count: 3 }]);
        expect((await index.aggregate({}, ['country'], { limit: 0 })).country).toHaveLength(1);
        const regionOf = (l: TalentProfile['locations'][number]) => l.regionCode ?? l.region;
        for (const [industry, tiers] of [
          ['optoelectronics', undefined],
          ['automotive', ['A', 'B', 'C']],
        ] as const) {
          const filters = { industries: [industry], minScore: 1, ...(tiers ? { tiers: [...tiers] } : {}) };
          const counts = await index.aggregate({ filters }, ['region', 'city'], { limit: 1000 });
          const passing = profiles.filter(
            (p) =>
              (p.scores[industry] ?? 0) >= 1 && (!tiers || (tiers as readonly string[]).includes(p.tier)),
          );
          const expected = new Map<string, number>();
          for (const p of passing)
            for (const r of new Set(p.locations.map(regionOf).filter((r) => r !== undefined)))
              expected.set(r, (expected.get(r) ?? 0) + 1);
          expect(new Map((counts.region ?? []).map((b) => [b.value, b.count]))).toEqual(expected);
          const sorted = [...(counts.region ?? [])].sort(
            (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
          );
          expect(counts.region).toEqual(sorted);
        }
      });

      it('sorts by an industry score and by priority', async () => {
        const bySemis = await index.search({ sort: 'score:automotive', limit: 3 });
        expect(bySemis.hits.map((h) => h.id)).toEqual([
          src('fx:li').id,
          src('fx:bob').id,
          expect.any(String),
        ]);
        expect(bySemis.hits[0]?.score).toBe(src('fx:li').scores.automotive);
        const byPriority = await index.search({ sort: 'priority', limit: 200 });
        const scores = byPriority.hits.map((h) => h.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        expect(byPriority.hits[0]?.id).toBe(src('fx:wang').id);
        expect(byPriority.hits[0]?.affiliation).toBe('研究员, 中国科学院长春光学精密机械与物理研究所');
      });

      it('pages with a cursor: complete, no duplicates, for every sort', async () => {
        const queries: SearchQuery[] = [
          { sort: 'priority' },
          { sort: 'score:optoelectronics' },
          { text: 'filler OR laser', sort: 'relevance' },
          { filters: { countries: ['US'] }, sort: 'priority' },
        ];
        for (const q of queries) {
          const seen: string[] = [];
          let cursor: string | undefined;
          let total = -1;
          for (let page = 0; page < 50; page++) {
            const result = await index.search({ ...q, limit: 4, ...(cursor ? { cursor } : {}) });
            total = result.total;
            seen.push(...result.hits.map((h) => h.id));
            if (!result.nextCursor) break;
            cursor = result.nextCursor;
          }
          expect(new Set(seen).size, JSON.stringify(q)).toBe(seen.length);
          expect(seen.length, JSON.stringify(q)).toBe(total);
          const all = await index.search({ ...q, limit: 200 });
          expect(seen).toEqual(all.hits.map((h) => h.id));
        }
      });

      it('refuses a cursor it did not issue', async () => {
        await expect(index.search({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
        const page = await index.search({ sort: 'priority', limit: 2 });
        await expect(
          index.search({ sort: 'score:film', cursor: page.nextCursor as string }),
        ).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('a cursor from another query is refused', async () => {
        const page = await index.search({ sort: 'priority', limit: 2 });
        expect(page.nextCursor).toBeDefined();
        const cursor = page.nextCursor as string;
        // Same sort, other text or filters: the cursor's position means nothing in that result.
        await expect(index.search({ sort: 'priority', text: 'laser', cursor })).rejects.toThrow(
          /another query/,
        );
        await expect(
          index.search({ sort: 'priority', filters: { countries: ['US'] }, cursor }),
        ).rejects.toBeInstanceOf(InvalidCursorError);
        // The same query, another page size: still its own cursor.
        expect((await index.search({ sort: 'priority', limit: 3, cursor })).hits.length).toBeGreaterThan(0);
      });
    });
  });
}
