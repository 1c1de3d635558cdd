import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildApp, type ApiApp } from '../../api/server.js';
import type { SearchHit } from '../../indexer/contract.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { Kafka, logLevel } from 'kafkajs';
import { cleanTopics } from '../helpers/kafka.js';
import { describeWithService, elasticsearchUrl, kafkaBrokers, uniqueName } from '../helpers/services.js';
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
 * The same documents in the embedded index and in Elasticsearch, the same service in front of
 * each: every answer of the API must be the same, whichever backend `index.backend` names. The
 * service's own state (keys, saved searches, audit) lives in the data directory on both.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

describeWithService(
  'elasticsearch',
  'query service: the same answers on Elasticsearch as on the embedded index',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-api-es-'));
    const prefix = uniqueName('tb-api');
    const esConfig = elasticsearchTestConfig(prefix);
    let embedded: ApiApp;
    let es: ApiApp;
    let keys: { embedded: RoleKeys; es: RoleKeys };
    let onEmbedded: ReturnType<ReturnType<typeof caller>>;
    let onEs: ReturnType<ReturnType<typeof caller>>;

    beforeAll(async () => {
      const inputs = [generatedCorpus(dir, 150, 11), join(root, 'examples')];
      await ingestInto(join(dir, 'embedded'), inputs);
      await ingestIntoBackend(esConfig, join(dir, 'es'), inputs);
      keys = { embedded: issueKeys(join(dir, 'embedded')), es: issueKeys(join(dir, 'es')) };
      embedded = await buildApp({ config: testConfig, dataDir: join(dir, 'embedded'), logger: quietLogger });
      es = await buildApp({ config: esConfig, dataDir: join(dir, 'es'), logger: quietLogger });
      onEmbedded = caller(embedded.app)(keys.embedded.admin);
      onEs = caller(es.app)(keys.es.admin);
    });

    const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    afterAll(async () => {
      await cleanTopics(kafka, prefix);
      await es?.close();
      await embedded?.close();
      await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
      rmSync(dir, { recursive: true, force: true });
    });

    interface Page {
      total: number;
      hits: SearchHit[];
      facets: Record<string, unknown>;
      nextCursor?: string;
    }

    it('serves from Elasticsearch, ready', async () => {
      expect(es.context.backend.name).toBe('elasticsearch');
      const health = await onEs<{ backend: string; ready: boolean; profiles: number }>('/health');
      expect(health.body).toMatchObject({ backend: 'elasticsearch', ready: true });
      expect(health.body.profiles).toBe((await onEmbedded<{ profiles: number }>('/health')).body.profiles);
      expect(health.body.profiles).toBeGreaterThan(100);
    });

    it('answers searches alike: totals, facets, the matching profiles, and the order of sorted ones', async () => {
      const searches: Array<Record<string, string | string[]>> = [
        { q: '半导体' },
        { q: '工程师' },
        { q: 'engineer' },
        { q: 'semiconductor OR battery' },
        { q: 'professor -engineer' },
        { q: '"chief executive"' },
        { q: 'org:university' },
        { q: '电子', tier: ['A', 'B', 'C'] },
        { region: ['CN-JL'] },
        { industry: ['automotive', 'optoelectronics'], minScore: '30' },
        { q: 'engineer', country: ['US'] },
      ];
      let answered = 0;
      for (const params of searches) {
        const url = `/api/search${qs({ ...params, limit: 200, facets: 'all' })}`;
        const [a, b] = [await onEmbedded<Page>(url), await onEs<Page>(url)];
        expect([a.status, b.status], url).toEqual([200, 200]);
        expect(b.body.total, url).toBe(a.body.total);
        expect(b.body.facets, url).toEqual(a.body.facets);
        expect(b.body.hits.map((h) => h.id).sort(), url).toEqual(a.body.hits.map((h) => h.id).sort());
        if (a.body.total > 0) answered++;
      }
      expect(answered).toBeGreaterThanOrEqual(searches.length - 1);
      // Ranked by a score, the order is the same (ties aside: compare the scores).
      for (const sort of ['priority', 'score:semiconductors', 'score:automotive']) {
        const url = `/api/search${qs({ sort, limit: 50 })}`;
        const [a, b] = [await onEmbedded<Page>(url), await onEs<Page>(url)];
        expect(
          b.body.hits.map((h) => h.score),
          sort,
        ).toEqual(a.body.hits.map((h) => h.score));
      }
    });

    it('pages through the same matches with each backend’s cursors', async () => {
      const collect = async (send: typeof onEs) => {
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await send<Page>(
            `/api/search${qs({ q: 'engineer', sort: 'priority', limit: 25, cursor })}`,
          );
          expect(page.status).toBe(200);
          ids.push(...page.body.hits.map((h) => h.id));
          cursor = page.body.nextCursor;
        } while (cursor !== undefined);
        return ids;
      };
      const [a, b] = [await collect(onEmbedded), await collect(onEs)];
      expect(new Set(b).size).toBe(b.length);
      expect([...b].sort()).toEqual([...a].sort());
    });

    it('returns the same profiles, gaps, facets and industries', async () => {
      const some = (await onEmbedded<Page>('/api/search?sort=priority&limit=15')).body.hits;
      for (const hit of some) {
        const [a, b] = [await onEmbedded(`/api/talents/${hit.id}`), await onEs(`/api/talents/${hit.id}`)];
        expect(b.status).toBe(200);
        expect(b.body, hit.id).toEqual(a.body);
      }
      for (const url of [
        '/api/gaps',
        '/api/gaps?scope=all&by=industry,tier,region',
        '/api/gaps?scope=all&by=industry&since=2026-01-01',
        '/api/facets?q=engineer',
        '/api/industries',
      ]) {
        const [a, b] = [await onEmbedded(url), await onEs(url)];
        expect(b.status, url).toBe(200);
        expect(b.body, url).toEqual(a.body);
      }
    });

    it('erases on Elasticsearch too, with the audit entry in the data directory', async () => {
      const target = (await onEs<Page>('/api/search?q=engineer&limit=1')).body.hits[0] as SearchHit;
      const erased = await onEs<{ erased: boolean }>(`/api/talents/${target.id}`, { method: 'DELETE' });
      expect(erased.body.erased).toBe(true);
      expect((await onEs(`/api/talents/${target.id}`)).status).toBe(404);
      const audit = await onEs<{ entries: Array<{ action: string; outcome: string }> }>(
        `/api/audit?target=${target.id}`,
      );
      expect(audit.body.entries[0]).toMatchObject({ action: 'profile.erase', outcome: 'erased' });
      // The distributed path: a tombstone keyed by the id on the erasure topic, for the workers.
      const admin = kafka.admin();
      await admin.connect();
      try {
        // The erasure made the topic a moment ago: until its leader is known everywhere the broker
        // may answer "not the leader" (retriable), so the count is read until it can be.
        const messages = async (): Promise<number | string> => {
          try {
            const offsets = await admin.fetchTopicOffsets(`${prefix}.erasure`);
            return offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
          } catch (error) {
            return (error as Error).message;
          }
        };
        await expect.poll(messages, { timeout: 15_000, interval: 250 }).toBe(1);
      } finally {
        await admin.disconnect();
      }
    });
  },
);
