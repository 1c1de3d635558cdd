import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureLocalAdminKey } from '../../api/access/local-admin-key.js';
import { startServer, type RunningServer } from '../../api/server.js';
import { artifacts, describeWithBrowser, launchChromium, STEP_MS } from '../helpers/browser.js';
import { profileDocs } from '../helpers/kafka.js';
import {
  generatedCorpus,
  ingestInto,
  issueKeys,
  quietLogger,
  root,
  testConfig,
  type RoleKeys,
} from '../integration/api-fixture.js';

/**
 * The web UI in a real browser (the system's Chromium, driven by playwright-core): sign in, search
 * in Chinese and English, narrow by a facet, open a profile, switch the language, open the
 * dashboard and export its table; an analyst sees contacts masked. Screenshots go to
 * test/artifacts/ (not versioned) for a person to look at.
 */

describeWithBrowser('web UI in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-ui-'));
  const dataDir = join(dir, 'data');
  let server: RunningServer;
  let browser: Browser;
  let adminKey: string;
  let keys: RoleKeys;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await ingestInto(dataDir, [generatedCorpus(dir, 300), join(root, 'examples')]);
    adminKey = ensureLocalAdminKey(dataDir).key;
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

  async function signIn(key: string): Promise<Page> {
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
    (page as Page & { problems?: string[] }).problems = problems;
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('登录');
    await page.fill('#api-key', key);
    await page.press('#api-key', 'Enter');
    await page.waitForSelector('section.results[data-for]');
    return page;
  }

  const problemsOf = (page: Page): string[] => (page as Page & { problems?: string[] }).problems ?? [];
  const count = async (page: Page): Promise<number> =>
    Number(((await page.textContent('#results-count')) ?? '').replace(/[^\d]/g, ''));

  /**
   * The page's globals as the functions run in the browser see them (this project's TypeScript
   * knows no DOM; strings would be `eval`, which the UI's content security policy forbids).
   */
  type InPage = {
    location: { hash: string };
    document: { querySelector(selector: string): { dataset: Record<string, string | undefined> } | null };
  };

  /** The query of the page's hash. */
  const hashQuery = (page: Page): Promise<string> =>
    page.evaluate(() => (globalThis as unknown as InPage).location.hash.split('?')[1] ?? '');

  /** Until the results on screen are those of the page's current hash (and cursor page). */
  const resultsShown = (page: Page, pageNumber = 0) =>
    page.waitForFunction((n) => {
      const g = globalThis as unknown as InPage;
      return g.document.querySelector('section.results')?.dataset.for === `${g.location.hash}|${n}`;
    }, pageNumber);

  async function searchFor(page: Page, query: string): Promise<void> {
    await page.fill('#q', query);
    await page.press('#q', 'Enter');
    await page.waitForFunction((q) => {
      const hash = (globalThis as unknown as InPage).location.hash;
      return new URLSearchParams(hash.split('?')[1] ?? '').get('q') === q;
    }, query);
    await resultsShown(page);
  }

  it('reads a plain-language query as chips, edits them, filters by regional ties, shows similar people', async () => {
    const page = await signIn(keys.recruiter);
    await searchFor(page, '在外的吉林籍人才');
    const chips = page.locator('.understood .understood-chip');
    expect(await chips.count()).toBe(2);
    expect(await page.locator('.understood-chip[data-kind="tieRegion"]').textContent()).toContain('吉林');
    // Every card carries the tie's evidence.
    expect(await page.locator('.card .tie-line').count()).toBe(await page.locator('.card').count());
    expect(await page.locator('.card .tie-line').first().textContent()).toMatch(
      /(studied|worked|works) at|patent|Form/,
    );
    const outsideTotal = await count(page);
    await page.screenshot({ path: join(artifacts, 'ui-search-ties.png'), fullPage: true });

    // Removing the "outside" chip: the rest becomes explicit filters, the text is not read again.
    await page.click('.understood-chip[data-kind="outside"] .chip-remove');
    await expect.poll(() => hashQuery(page)).toMatch(/understand=false/);
    await resultsShown(page);
    const query = new URLSearchParams(await hashQuery(page));
    expect(query.get('tieRegion')).toBe('CN-JL');
    expect(query.get('outside')).toBeNull();
    expect(await count(page)).toBeGreaterThanOrEqual(outsideTotal);
    // The tie facet, as a filter beside the others.
    expect(await page.locator('[data-facet="ties"] .facet-value.active').count()).toBe(1);

    await page.locator('.card .name').first().click();
    await page.waitForSelector('.profile-head');
    await page.waitForSelector('section.similar h2');
    expect(problemsOf(page)).toEqual([]);
  });

  it('searches in Chinese and English, narrows by a facet, opens a profile, switches language', async () => {
    const page = await signIn(adminKey);
    expect(await page.textContent('.who')).toContain('local-admin');

    await searchFor(page, '半导体');
    const zhTotal = await count(page);
    expect(zhTotal).toBeGreaterThan(0);
    expect(await page.locator('ol.cards > li.card').count()).toBe(Math.min(20, zhTotal));
    expect(await page.textContent('#results-count')).toMatch(/^共 [\d,]+ 位人才$/);
    await page.screenshot({ path: join(artifacts, 'ui-search-zh.png'), fullPage: true });

    await searchFor(page, 'engineer');
    const enTotal = await count(page);
    expect(enTotal).toBeGreaterThan(20);
    expect(await page.locator('ol.cards > li.card').count()).toBe(20);
    // The next page continues with other people.
    const first = await page.locator('.card .name').first().textContent();
    await page.click('.pager button:last-child');
    await resultsShown(page, 1);
    expect(await page.textContent('.pager .muted')).toBe('第 2 页');
    expect(await page.locator('.card .name').first().textContent()).not.toBe(first);

    // A facet: the tier with the most matches; the count becomes the facet's count.
    const facet = page.locator('[data-facet="tier"] .facet-value').first();
    const facetCount = Number(await facet.locator('.facet-count').textContent());
    await facet.click();
    await expect.poll(() => hashQuery(page)).toMatch(/tier=/);
    await resultsShown(page);
    expect(await count(page)).toBe(facetCount);
    expect(await page.locator('[data-facet="tier"] .facet-value.active').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'ui-search-facet.png'), fullPage: true });

    // Open the first profile with the keyboard.
    const name = (await page.locator('.card .name').first().textContent()) ?? '';
    await page.locator('.card .name').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.profile-head');
    expect(await page.textContent('.profile-head h1')).toBe(name);
    await expect.poll(() => page.locator('section.panel h2').allTextContents()).toContain('评分说明');
    expect(await page.locator('ol.evidence > li').count()).toBeGreaterThan(0);
    expect(await page.locator('table.contributions tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'ui-profile-zh.png'), fullPage: true });

    await page.click('#lang-switch');
    await expect
      .poll(() => page.locator('section.panel h2').allTextContents())
      .toContain('Score explanation');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#lang-switch')).toBe('中文');
    expect(await page.textContent('.profile-head h1')).toBe(name);
    await page.screenshot({ path: join(artifacts, 'ui-profile-en.png'), fullPage: true });

    expect(problemsOf(page)).toEqual([]);
  }, 90_000);

  it('draws the dashboard: supply against demand per industry and tier, regions, largest gaps, CSV', async () => {
    const page = await signIn(adminKey);
    if ((await page.textContent('#lang-switch')) === 'English') await page.click('#lang-switch');
    await page.click('a.nav-link[href="#/dashboard"]');
    await page.waitForSelector('svg.chart');
    expect(await page.textContent('h1')).toBe('Talent supply and demand');
    const charts = page.locator('figure.chart-box');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    expect(await charts.locator('figcaption').allTextContents()).toEqual(
      expect.arrayContaining([
        'Priority industries: demand and supply',
        'Tier A: demand and supply',
        'Tier B: demand and supply',
        'Tier C: demand and supply',
        expect.stringMatching(/^Talent by region/),
      ]),
    );
    // Ten priority industries, a demand and a supply bar each, in the first chart.
    expect(await charts.first().locator('rect.bar.demand').count()).toBe(10 + 1);
    expect(await charts.first().locator('rect.bar.supply').count()).toBe(10 + 1);
    expect(await page.locator('svg.chart g.row').count()).toBeGreaterThan(20);
    const rows = page.locator('table.gaps tbody tr');
    expect(await rows.count()).toBeGreaterThan(20);
    const gaps = (await page.locator('table.gaps tbody tr td:nth-of-type(4)').allTextContents()).map((g) =>
      Number(g.replace(/,/g, '')),
    );
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    // Every supply figure with its interval, and the page says how the interval is computed.
    const supplies = await page.locator('table.gaps tbody tr td:nth-of-type(2)').allTextContents();
    const intervals = await page.locator('table.gaps tbody tr td:nth-of-type(3)').allTextContents();
    intervals.forEach((text, i) => {
      const [low, high] = text.split('–').map((x) => Number(x.replace(/,/g, '')));
      const supply = Number((supplies[i] ?? '').replace(/,/g, ''));
      expect(low).toBeLessThanOrEqual(supply);
      expect(high).toBeGreaterThanOrEqual(supply);
    });
    expect(await page.textContent('p.interval-note')).toMatch(/pairwise recall 0\.\d+ and precision/);
    await page.screenshot({ path: join(artifacts, 'ui-dashboard-en.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
    const file = join(dir, 'gaps.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(csv[0]).toBe('Industry,Tier,Demand,Supply,Supply low,Supply high,Gap,Coverage');
    expect(csv.length - 2).toBe(await rows.count());

    await page.fill('#d-since', '2000-01-01');
    await page.click('text=Refresh');
    await expect
      .poll(() => page.locator('table.gaps thead th').allTextContents())
      .toContain('seen since 2000-01-01');
    expect(problemsOf(page)).toEqual([]);
  }, 90_000);

  it("shows why a profile's sources are one person, linked to the evidence", async () => {
    const merged = profileDocs(dataDir).find((p) => (p.doc.merges?.length ?? 0) >= 1);
    expect(merged, 'the generated corpus has people with several sources').toBeDefined();
    const page = await signIn(keys.recruiter);
    if ((await page.textContent('#lang-switch')) === 'English') await page.click('#lang-switch');
    await page.goto(`${server.url}/#/talent/${merged?.id ?? ''}`);
    await page.waitForSelector('ul.merges');
    const items = page.locator('ul.merges > li');
    expect(await items.count()).toBe(merged?.doc.merges?.length);
    expect(await items.first().textContent()).toContain(merged?.doc.merges?.[0]?.summary ?? '?');

    // Each side of a merge leads to its source in the evidence list.
    const ref = items.first().locator('button.ref').first();
    const n = Number(((await ref.textContent()) ?? '').replace(/\D/g, ''));
    await ref.click();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
              .activeElement?.id,
        ),
      )
      .toBe(`ev-${n - 1}`);
    // On request, the resolution check: re-resolved from the stored evidence, the same person.
    await page.click('text=Show similar mentions kept apart');
    await expect
      .poll(() => page.locator('.near-misses').textContent())
      .toContain('Re-resolved from the stored evidence under the current rules: the same person.');
    await page.screenshot({ path: join(artifacts, 'ui-profile-resolution.png'), fullPage: true });
    expect(problemsOf(page)).toEqual([]);
  }, 60_000);

  it('shows an analyst the profile with contacts hidden, and a recruiter no dashboard', async () => {
    const analyst = await signIn(keys.analyst);
    if ((await analyst.textContent('#lang-switch')) === 'English') await analyst.click('#lang-switch');
    await searchFor(analyst, 'engineer');
    await analyst.locator('.card .name').first().click();
    await analyst.waitForSelector('.profile-head');
    expect(await analyst.locator('a[href^="mailto:"]').count()).toBe(0);
    expect(await analyst.textContent('.masked-note')).toMatch(/^Hidden for your role: /);
    expect(await analyst.locator('button.danger').count()).toBe(0);
    await analyst.screenshot({ path: join(artifacts, 'ui-profile-analyst.png'), fullPage: true });

    const recruiter = await signIn(keys.recruiter);
    expect(await recruiter.locator('a.nav-link[href="#/dashboard"]').count()).toBe(0);
    await recruiter.goto(`${server.url}/#/dashboard`);
    await expect
      .poll(() => recruiter.locator('[role="alert"]').first().textContent())
      .toMatch(/analyst|分析员/);
  }, 90_000);
});
