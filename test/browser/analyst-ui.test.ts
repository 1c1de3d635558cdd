import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.js';
import { artifacts, describeWithBrowser, launchChromium, STEP_MS } from '../helpers/browser.js';
import {
  generatedCorpus,
  ingestInto,
  issueKeys,
  qs,
  quietLogger,
  root,
  testConfig,
  type RoleKeys,
} from '../integration/api-fixture.js';

/**
 * The analysts' views in a real browser (the system's Chromium, driven by playwright-core): the
 * talent map drilled down from the world to China's tile grid to Jilin's cities, each count on
 * screen equal to the API's. Screenshots go to test/artifacts/.
 */

interface MapAnswer {
  filter: { region?: string };
  places: Array<{ code: string; count: number; supplyLow: number; supplyHigh: number }>;
}

describeWithBrowser('analysts’ views in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-ui-analyst-'));
  const dataDir = join(dir, 'data');
  let server: RunningServer;
  let browser: Browser;
  let keys: RoleKeys;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await ingestInto(dataDir, [generatedCorpus(dir, 300), join(root, 'examples')]);
    keys = issueKeys(dataDir);
    server = await startServer({
      config: testConfig,
      dataDir,
      port: 0,
      host: '127.0.0.1',
      logger: quietLogger,
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const apiGet = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${keys.analyst}` },
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  async function signIn(key: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    // Nothing may come from another origin (no CDN): every request goes to the service.
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('blob:'))
        problems.push(`request to ${request.url()}`);
    });
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('登录');
    await page.fill('#api-key', key);
    await page.press('#api-key', 'Enter');
    await page.waitForSelector('section.results[data-for]');
    if ((await page.textContent('#lang-switch')) === 'English') await page.click('#lang-switch');
    return { page, problems };
  }

  it('draws the world, drills down to China’s provinces and Jilin’s cities, counts as the API’s', async () => {
    const { page, problems } = await signIn(keys.analyst);
    await page.click('a.nav-link[href="#/map"]');
    await page.waitForSelector('svg.world-map path.country');
    expect(await page.textContent('h1')).toBe('Talent map');
    expect(await page.locator('svg.world-map path.country').count()).toBeGreaterThan(150);
    const world = await apiGet<MapAnswer>('/api/map?level=country');
    for (const place of world.places.slice(0, 5)) {
      const row = page.locator(`table.map-places tr[data-code="${place.code}"] td`);
      expect(await row.nth(1).textContent(), place.code).toBe(place.count.toLocaleString('en-US'));
    }
    expect(await page.locator('svg.world-map path.country.has-data[data-code="CN"]').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'ui-map-world.png'), fullPage: true });

    await page.click('svg.world-map path.country[data-code="CN"]');
    await page.waitForSelector('svg.tile-map g.tile');
    expect(await page.locator('svg.tile-map g.tile').count()).toBe(34);
    const provinces = await apiGet<MapAnswer>('/api/map?level=province&country=CN');
    expect(provinces.filter.region).toBe('CN-JL');
    // The tile of the filter's region is highlighted; every tile shows the API's count.
    expect(await page.locator('svg.tile-map g.tile.selected').getAttribute('data-code')).toBe('CN-JL');
    const shown = await page
      .locator('svg.tile-map g.tile')
      .evaluateAll((tiles) =>
        tiles.map((t) => [t.getAttribute('data-code') ?? '', Number(t.getAttribute('data-count'))] as const),
      );
    const api = new Map(provinces.places.map((p) => [p.code, p.count]));
    for (const [code, count] of shown) expect(count, code).toBe(api.get(code) ?? 0);
    expect(api.get('CN-JL') ?? 0).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'ui-map-china-tiles.png'), fullPage: true });

    // An industry × tier filter, then a click on Jilin's tile: its cities.
    await page.selectOption('#m-industry', 'optoelectronics');
    await page.click('form.controls button[type=submit]');
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash),
      )
      .toContain('industry=optoelectronics');
    await page.waitForSelector('svg.tile-map g.tile.selected');
    const filtered = await apiGet<MapAnswer>(
      `/api/map${qs({ level: 'province', country: 'CN', industry: 'optoelectronics' })}`,
    );
    await expect
      .poll(() => page.locator('svg.tile-map g.tile[data-code="CN-JL"]').getAttribute('data-count'))
      .toBe(String(filtered.places.find((p) => p.code === 'CN-JL')?.count ?? 0));
    await page.click('svg.tile-map g.tile[data-code="CN-JL"]');
    await page.waitForSelector('figure.map-box[data-level="city"]');
    const cities = await apiGet<MapAnswer>(
      `/api/map${qs({ level: 'city', region: 'CN-JL', industry: 'optoelectronics' })}`,
    );
    expect(await page.locator('table.map-places tbody tr').count()).toBe(cities.places.length);
    await page.screenshot({ path: join(artifacts, 'ui-map-jilin-cities.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
    const file = join(dir, 'map.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(csv[0]).toBe('Place,Code,Supply,Supply low,Supply high');
    expect(csv.length - 2).toBe(cities.places.length);
    expect(problems).toEqual([]);
  }, 90_000);

  it('lists the technologies with their counts and a technology’s experts with their evidence, as the API', async () => {
    const { page, problems } = await signIn(keys.analyst);
    await page.click('a.nav-link[href="#/technologies"]');
    await page.waitForSelector('table.technologies tbody tr');
    const list = await apiGet<{
      technologies: Array<{ id: string; counts: { total: number; tierA: { inside: number } } }>;
    }>('/api/technologies');
    expect(await page.locator('table.technologies tbody tr').count()).toBe(list.technologies.length);
    for (const x of list.technologies) {
      const cells = page.locator(`table.technologies tr[data-id="${x.id}"] td`);
      expect(await cells.nth(1).textContent(), x.id).toBe(x.counts.total.toLocaleString('en-US'));
      expect(await cells.nth(2).textContent(), x.id).toBe(x.counts.tierA.inside.toLocaleString('en-US'));
    }
    await page.screenshot({ path: join(artifacts, 'ui-technologies.png'), fullPage: true });
    const best = [...list.technologies].sort((a, b) => b.counts.total - a.counts.total)[0];
    if (!best) throw new Error('no technologies');
    await page.click(`table.technologies tr[data-id="${best.id}"] a`);
    await page.waitForSelector('section.panel h2');
    const experts = await apiGet<{ experts: Array<{ id: string }> }>(
      `/api/technologies/${best.id}?limit=100`,
    );
    expect(await page.locator('ol.experts li.expert').count()).toBe(experts.experts.length);
    expect(
      await page
        .locator('ol.experts li.expert')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-id'))),
    ).toEqual(experts.experts.map((e) => e.id));
    await page.screenshot({ path: join(artifacts, 'ui-technology-experts.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
    const file = join(dir, 'experts.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(csv[0]).toBe('Rank,Person,Tier,Affiliation,Location,In CN-JL,Evidence points,Evidence');
    expect(csv.length - 2).toBe(experts.experts.length);
    expect(problems).toEqual([]);
  }, 90_000);

  it('draws the supply trend on the dashboard, each line ending at the API’s figure', async () => {
    const { page, problems } = await signIn(keys.analyst);
    await page.click('a.nav-link[href="#/dashboard"]');
    await page.waitForSelector('section.supply-trend svg.line-chart g.series');
    const trend = await apiGet<{ series: Array<{ points: Array<{ established: number }> }> }>(
      '/api/gaps/trend?months=12&minScore=40',
    );
    const lines = page.locator('section.supply-trend svg.line-chart g.series');
    expect(await lines.count()).toBe(Math.min(5, trend.series.length));
    const ends = await lines.evaluateAll((gs) =>
      gs.map((g) => Number([...g.querySelectorAll('circle')].at(-1)?.getAttribute('data-value'))),
    );
    expect(ends).toEqual(trend.series.slice(0, 5).map((x) => x.points.at(-1)?.established));
    expect(
      await page.locator('section.supply-trend svg.line-chart g.series').first().locator('circle').count(),
    ).toBe(12);
    await page.locator('section.supply-trend').screenshot({ path: join(artifacts, 'ui-supply-trend.png') });
    expect(problems).toEqual([]);
  }, 90_000);
});
