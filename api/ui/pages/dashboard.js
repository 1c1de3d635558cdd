/**
 * The supply-and-demand dashboard for analysts (#/dashboard): SVG bar charts of demand against
 * supply per priority industry and per tier, talent by region, and the gap table largest first
 * with a CSV export.
 */
import { api } from '../api.js';
import { barChart } from '../charts.js';
import { csvName, csvOf, download } from '../csv.js';
import { lineChart } from '../line-chart.js';
import { h, replace } from '../dom.js';
import { num, t } from '../i18n.js';
import { can, guarded, industryName } from '../session.js';
import { errorBox, focusHeading, heading, main } from '../view.js';

/** @typedef {import('../types.js').GapReport} GapReport */
/** @typedef {import('../types.js').FacetCounts} FacetCounts */
/** @typedef {import('../charts.js').ChartRow} ChartRow */
/** @typedef {import('../analyst-types.js').SupplyTrend} SupplyTrend */

/** @type {import('../router.js').Page} */
export const dashboardPage = {
  path: '/dashboard',
  nav: 'navDashboard',
  needs: 'aggregates',
  render: () => renderDashboard(),
};

/** The controls' values, kept while the tab lives. */
const dashboardState = { scope: 'local', since: '' };

const SERIES = () => [
  { name: t('demand'), className: 'demand' },
  { name: t('supply'), className: 'supply' },
];

async function renderDashboard() {
  if (!can('aggregates')) {
    replace(main, heading(t('dashTitle')), h('p', { class: 'error', role: 'alert' }, t('needsRole')));
    focusHeading();
    return;
  }
  const scope = h(
    'select',
    { id: 'd-scope' },
    h('option', { value: 'local', selected: dashboardState.scope === 'local' }, t('scopeLocal')),
    h('option', { value: 'all', selected: dashboardState.scope === 'all' }, t('scopeAll')),
  );
  const since = h('input', { id: 'd-since', type: 'date', value: dashboardState.since });
  const body = h('div', { class: 'dashboard' }, h('p', { class: 'muted' }, t('loading')));
  replace(
    main,
    heading(t('dashTitle')),
    h(
      'form',
      {
        class: 'controls',
        onsubmit: (event) => {
          event.preventDefault();
          dashboardState.scope = scope.value;
          dashboardState.since = since.value;
          void renderDashboard();
        },
      },
      h('label', { for: 'd-scope' }, t('scope')),
      scope,
      h('label', { for: 'd-since' }, t('since')),
      since,
      h('button', { type: 'submit', class: 'primary' }, t('refresh')),
    ),
    body,
  );
  focusHeading();

  let reports;
  try {
    reports = await loadReports();
  } catch (error) {
    replace(body, errorBox(error));
    return;
  }
  if (reports) drawDashboard(body, reports);
  const trend = h('section', { class: 'panel supply-trend' }, h('p', { class: 'muted' }, t('loading')));
  body.append(trend);
  try {
    /** @type {SupplyTrend | undefined} */
    const answer = await guarded(() =>
      api('/api/gaps/trend', { params: { months: 12, minScore: reports?.byTier.minScore } }),
    );
    if (answer) drawTrend(trend, answer);
  } catch (error) {
    replace(trend, errorBox(error));
  }
}

/**
 * Supply established by each month start, for the region's five largest industries.
 * @param {HTMLElement} box
 * @param {SupplyTrend} trend
 */
function drawTrend(box, trend) {
  const shown = trend.series.slice(0, 5);
  const title = t('trendTitle', { region: trend.region });
  replace(
    box,
    h('h2', null, title),
    h('p', { class: 'muted' }, t('trendExplain')),
    shown.length === 0
      ? h('p', { class: 'muted' }, t('trendNone'))
      : lineChart({
          labels: trend.dates.map((d) => d.slice(0, 7)),
          series: shown.map((x) => ({
            name: industryName(x.industry),
            values: x.points.map((p) => p.established),
            titles: x.points.map((p) =>
              t('trendPoint', {
                industry: industryName(x.industry),
                date: p.date,
                established: num(p.established),
                low: num(p.supplyLow),
                high: num(p.supplyHigh),
              }),
            ),
          })),
          title,
        }),
  );
}

/**
 * The gap reports by industry × tier and by industry, and supply per region.
 * @returns {Promise<{ byTier: GapReport, byIndustry: GapReport, regions: FacetCounts } | undefined>}
 */
async function loadReports() {
  const common = { scope: dashboardState.scope, since: dashboardState.since || undefined };
  /** @type {[GapReport, GapReport] | undefined} */
  const reports = await guarded(() =>
    Promise.all([
      api('/api/gaps', { params: { ...common, by: 'industry,tier' } }),
      api('/api/gaps', { params: { ...common, by: 'industry' } }),
    ]),
  );
  if (!reports) return undefined;
  const [byTier, byIndustry] = reports;
  /** @type {{ facets: FacetCounts }} */
  const regions = await api('/api/facets', { params: { facets: 'region', minScore: byTier.minScore } });
  return { byTier, byIndustry, regions: regions.facets };
}

/**
 * @param {GapReport['rows'][number]} r
 * @param {string} label
 * @returns {ChartRow}
 */
function rowOf(r, label) {
  return {
    label,
    values: [r.demand, r.supply],
    summary: t('chartSummary', { label, demand: r.demand, supply: r.supply }),
  };
}

/**
 * @param {HTMLElement} body
 * @param {{ byTier: GapReport, byIndustry: GapReport, regions: FacetCounts }} reports
 */
function drawDashboard(body, { byTier, byIndustry, regions }) {
  const industryRows = byIndustry.rows
    .filter((r) => r.demand > 0)
    .map((r) => rowOf(r, industryName(r.industry)));
  const regionBuckets = (regions.region ?? []).slice(0, 12);
  const regionTitle = t('chartRegion', { minScore: byTier.minScore });
  const industryTitle = t('chartIndustry');
  replace(
    body,
    h(
      'p',
      { class: 'muted' },
      t('dashIntro', { minScore: byTier.minScore, regions: byTier.regions.join(', ') }),
    ),
    h(
      'p',
      { class: 'totals' },
      t('totalsInterval', {
        demand: num(byTier.totals.demand),
        supply: num(byTier.totals.supply),
        low: num(byTier.totals.supplyLow),
        high: num(byTier.totals.supplyHigh),
        gap: num(byTier.totals.gap),
      }),
    ),
    intervalNote(byTier.uncertainty),
    h(
      'figure',
      { class: 'chart-box wide' },
      h('figcaption', null, industryTitle),
      barChart({ rows: industryRows, series: SERIES(), title: industryTitle }),
    ),
    h('div', { class: 'chart-grid' }, tierCharts(byTier)),
    h(
      'figure',
      { class: 'chart-box wide' },
      h('figcaption', null, regionTitle),
      barChart({
        rows: regionBuckets.map((b) => ({
          label: b.value,
          values: [b.count],
          summary: `${b.value}: ${b.count}`,
        })),
        series: [{ name: t('supply'), className: 'supply' }],
        title: regionTitle,
      }),
    ),
    gapsTable(byTier),
  );
}

/**
 * One chart per top tier (A, B, C) with demand: its industries' demand and supply.
 * @param {GapReport} byTier
 */
function tierCharts(byTier) {
  return /** @type {const} */ (['A', 'B', 'C']).map((tier) => {
    const rows = byTier.rows.filter((r) => r.tier === tier && r.demand > 0);
    if (rows.length === 0) return null;
    const title = t('chartTier', { tier });
    return h(
      'figure',
      { class: 'chart-box' },
      h('figcaption', null, title),
      barChart({
        rows: rows.map((r) => rowOf(r, industryName(r.industry))),
        series: SERIES(),
        title,
        width: 420,
        labelWidth: 150,
      }),
    );
  });
}

/**
 * The rows with demand, largest gap first (the API's order), and their CSV export.
 * @param {GapReport} byTier
 */
function gapsTable(byTier) {
  const planned = byTier.rows.filter((r) => r.demand > 0);
  const header = [
    t('industry'),
    t('tier'),
    t('demand'),
    t('supply'),
    t('people95'),
    t('gap'),
    t('coverage'),
    ...(byTier.since ? [t('trendSeen', { since: byTier.since })] : []),
  ];
  const coverage = (/** @type {number | null} */ c) => (c === null ? '—' : `${Math.round(c * 100)}%`);
  const tableRows = planned.map((r) => [
    industryName(r.industry),
    r.tier ?? t('anyTier'),
    num(r.demand),
    num(r.supply),
    `${num(r.supplyLow)}–${num(r.supplyHigh)}`,
    num(r.gap),
    coverage(r.coverage),
    ...(byTier.since ? [num(r.trend ? r.trend.seenSince : 0)] : []),
  ]);
  // The CSV has plain numbers, the interval as two columns, so a spreadsheet can compute with it.
  const csvHeader = [
    t('industry'),
    t('tier'),
    t('demand'),
    t('supply'),
    t('supplyLow'),
    t('supplyHigh'),
    t('gap'),
    t('coverage'),
    ...(byTier.since ? [t('trendSeen', { since: byTier.since })] : []),
  ];
  const csvRows = planned.map((r) => [
    industryName(r.industry),
    r.tier ?? t('anyTier'),
    r.demand,
    r.supply,
    r.supplyLow,
    r.supplyHigh,
    r.gap,
    r.coverage,
    ...(byTier.since ? [r.trend ? r.trend.seenSince : 0] : []),
  ]);
  return h(
    'section',
    { class: 'panel' },
    h(
      'div',
      { class: 'table-head' },
      h('h2', null, t('gapsTable')),
      h(
        'button',
        {
          type: 'button',
          onclick: () => download(csvName('gaps'), csvOf([csvHeader, ...csvRows])),
        },
        t('exportCsv'),
      ),
    ),
    h(
      'table',
      { class: 'gaps' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          header.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        tableRows.map((r) =>
          h(
            'tr',
            null,
            r.map((c, i) => h(i < 2 ? 'th' : 'td', i < 2 ? { scope: 'row' } : null, c)),
          ),
        ),
      ),
    ),
  );
}

/**
 * How supplyLow and supplyHigh are computed, with the measured figures they come from.
 * @param {GapReport['uncertainty']} u
 */
export function intervalNote(u) {
  const pct = (/** @type {number} */ x) => `${(x * 100).toFixed(1)}%`;
  return h(
    'p',
    { class: 'muted interval-note' },
    t('intervalExplain', {
      recall: u.pairwise.recall,
      precision: u.pairwise.precision,
      split: u.pairwise.split,
      profiles: num(u.profiles.profiles),
      people: num(u.profiles.people),
      dup: pct(u.duplicateShare),
      hidden: pct(u.hiddenShare),
    }),
  );
}
