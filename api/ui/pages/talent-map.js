/**
 * The talent map for analysts (#/map): supply per place for an industry × tier filter — the world
 * by country (outlines from Natural Earth, projected by the server), a country by region (China
 * and the US as tile grids: one equal tile per region, no borders), a region by city — with the
 * interval of people behind each count. A click drills down; the trail above the map goes back.
 */
import { api } from '../api.js';
import { barChart } from '../charts.js';
import { csvName, csvOf, download } from '../csv.js';
import { h, replace, s } from '../dom.js';
import { currentLang, num, t } from '../i18n.js';
import { navigate } from '../router.js';
import { can, guarded, industryName, session } from '../session.js';
import { TILE_GRIDS } from '../tile-grid.js';
import { errorBox, focusHeading, heading, main } from '../view.js';
import { intervalNote } from './dashboard.js';

/** @typedef {import('../analyst-types.js').TalentMap} TalentMap */
/** @typedef {import('../analyst-types.js').WorldShapes} WorldShapes */
/** @typedef {import('../analyst-types.js').MapLevel} MapLevel */
/** @typedef {TalentMap['places'][number]} MapPlace */

/** @type {import('../router.js').Page} */
export const talentMapPage = {
  path: '/map',
  nav: 'navMap',
  needs: 'aggregates',
  render: (route) => renderMap(route.params),
};

const TIER_CHOICES = ['', 'A', 'A,B', 'A,B,C'];
const TILE = 56;

/** @type {WorldShapes | undefined} the outlines, fetched once per tab */
let world;

/**
 * @param {URLSearchParams} params
 * @returns {{ level: MapLevel, country: string, region: string, industry: string, tier: string }}
 */
function stateOf(params) {
  const level = params.get('level');
  return {
    level: level === 'province' || level === 'city' ? level : 'country',
    country: params.get('country') ?? '',
    region: params.get('region') ?? '',
    industry: params.get('industry') ?? '',
    tier: params.get('tier') ?? '',
  };
}

/** @param {ReturnType<typeof stateOf>} state */
function hashOf(state) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state))
    if (v !== '' && !(k === 'level' && v === 'country')) q.set(k, v);
  const text = q.toString();
  return `#/map${text ? `?${text}` : ''}`;
}

/** @param {URLSearchParams} params */
async function renderMap(params) {
  if (!can('aggregates')) {
    replace(main, heading(t('mapTitle')), h('p', { class: 'error', role: 'alert' }, t('needsRole')));
    focusHeading();
    return;
  }
  const state = stateOf(params);
  const industry = h(
    'select',
    { id: 'm-industry' },
    h('option', { value: '' }, t('mapAnyIndustry')),
    session.industries.map((i) =>
      h('option', { value: i.id, selected: state.industry === i.id }, industryName(i.id)),
    ),
  );
  const tier = h(
    'select',
    { id: 'm-tier' },
    TIER_CHOICES.map((c) =>
      h(
        'option',
        { value: c, selected: state.tier === c },
        c === '' ? t('mapAnyTier') : c.replace(/,/g, ' + '),
      ),
    ),
  );
  const body = h('div', { class: 'talent-map' }, h('p', { class: 'muted' }, t('loading')));
  replace(
    main,
    heading(t('mapTitle')),
    h(
      'form',
      {
        class: 'controls',
        onsubmit: (event) => {
          event.preventDefault();
          navigate(hashOf({ ...state, industry: industry.value, tier: tier.value }));
        },
      },
      h('label', { for: 'm-industry' }, t('industry')),
      industry,
      h('label', { for: 'm-tier' }, t('tier')),
      tier,
      h('button', { type: 'submit', class: 'primary' }, t('refresh')),
    ),
    body,
  );
  focusHeading();

  const filter = { industry: state.industry || undefined, tier: state.tier || undefined };
  /** @type {[TalentMap, WorldShapes | undefined] | undefined} */
  let loaded;
  try {
    loaded = await guarded(() =>
      Promise.all([
        /** @type {Promise<TalentMap>} */ (
          api('/api/map', {
            params: {
              ...filter,
              level: state.level,
              country: state.level === 'province' ? state.country || undefined : undefined,
              region: state.level === 'city' ? state.region || undefined : state.region || undefined,
            },
          })
        ),
        state.level === 'country' && !world ? api('/api/map/world') : Promise.resolve(world),
      ]),
    );
  } catch (error) {
    replace(body, errorBox(error));
    return;
  }
  if (!loaded) return;
  const [map, shapes] = loaded;
  if (shapes) world = /** @type {WorldShapes} */ (shapes);
  drawMap(body, state, map);
}

/** @param {string} code */
function countryName(code) {
  try {
    const names = new Intl.DisplayNames([currentLang() === 'zh' ? 'zh-CN' : 'en'], { type: 'region' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** @param {MapPlace} p */
function placeName(p) {
  if (!p.name) return countryName(p.code);
  return currentLang() === 'zh' ? (p.name.zh ?? p.name.en) : p.name.en;
}

/** @param {string} code */
function regionLabel(code) {
  return code;
}

/**
 * Fill of a count: light to dark blue on a square-root scale (a few places hold most people).
 * @param {number} count
 * @param {number} max
 */
function fillOf(count, max) {
  if (count <= 0) return '#eef1f5';
  const x = Math.sqrt(count / Math.max(1, max));
  const light = [198, 219, 239];
  const dark = [8, 69, 148];
  const c = light.map((l, i) => Math.round(l + ((dark[i] ?? 0) - l) * x));
  return `rgb(${c.join(',')})`;
}

/** @param {MapPlace} p */
function figures(p) {
  return t('mapPlaceFigures', { count: num(p.count), low: num(p.supplyLow), high: num(p.supplyHigh) });
}

/**
 * @param {HTMLElement} body
 * @param {ReturnType<typeof stateOf>} state
 * @param {TalentMap} map
 */
function drawMap(body, state, map) {
  const max = Math.max(1, ...map.places.map((p) => p.count));
  const byCode = new Map(map.places.map((p) => [p.code, p]));
  /** @type {Element} */
  let drawing;
  if (map.level === 'country') drawing = worldMap(state, byCode, max);
  else if (map.level === 'province' && TILE_GRIDS[map.filter.country ?? ''])
    drawing = tileMap(state, map, byCode, max);
  else drawing = placeBars(state, map);
  replace(
    body,
    trail(state, map),
    h('p', { class: 'totals' }, t('mapTotal', { total: num(map.total), minScore: map.filter.minScore })),
    h('figure', { class: 'chart-box wide map-box', 'data-level': map.level }, drawing, legend(max)),
    intervalNote(map.uncertainty),
    placesTable(map),
  );
}

/**
 * World › China › Jilin: links back up the levels.
 * @param {ReturnType<typeof stateOf>} state
 * @param {TalentMap} map
 */
function trail(state, map) {
  /** @type {import('../types.js').Child[]} */
  const steps = [
    h('a', { href: hashOf({ ...state, level: 'country', country: '', region: '' }) }, t('mapWorld')),
  ];
  const country = map.filter.country ?? map.filter.region?.slice(0, 2);
  if (map.level !== 'country' && country)
    steps.push(
      ' › ',
      h('a', { href: hashOf({ ...state, level: 'province', country, region: '' }) }, countryName(country)),
    );
  if (map.level === 'city' && map.filter.region)
    steps.push(' › ', h('span', { 'aria-current': 'page' }, regionLabel(map.filter.region)));
  return h('nav', { class: 'map-trail', 'aria-label': t('mapTrail') }, steps);
}

/**
 * @param {ReturnType<typeof stateOf>} state
 * @param {Map<string, MapPlace>} byCode
 * @param {number} max
 */
function worldMap(state, byCode, max) {
  const shapes = world;
  if (!shapes) return h('p', { class: 'muted' }, t('loading'));
  return s(
    'svg',
    {
      class: 'world-map',
      viewBox: `0 0 ${shapes.width} ${shapes.height}`,
      role: 'img',
      'aria-label': t('mapWorldLabel'),
    },
    shapes.countries.map((c) => {
      const place = c.code ? byCode.get(c.code) : undefined;
      const name = c.code ? countryName(c.code) : c.name;
      return s(
        'path',
        {
          d: c.d,
          class: `country${place ? ' has-data' : ''}`,
          'data-code': c.code ?? '',
          fill: fillOf(place?.count ?? 0, max),
          stroke: '#fff',
          'stroke-width': 0.5,
          tabindex: c.code ? 0 : null,
          onclick: c.code
            ? () => navigate(hashOf({ ...state, level: 'province', country: c.code ?? '', region: '' }))
            : null,
          onkeydown: c.code
            ? (event) =>
                enterDrills(event, () =>
                  navigate(hashOf({ ...state, level: 'province', country: c.code ?? '', region: '' })),
                )
            : null,
        },
        s('title', null, place ? `${name}: ${figures(place)}` : name),
      );
    }),
  );
}

/**
 * @param {Event} event
 * @param {() => void} go
 */
function enterDrills(event, go) {
  if (event instanceof KeyboardEvent && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    go();
  }
}

/**
 * A country's regions as a tile grid; the filter's region (or the home region) highlighted.
 * @param {ReturnType<typeof stateOf>} state
 * @param {TalentMap} map
 * @param {Map<string, MapPlace>} byCode
 * @param {number} max
 */
function tileMap(state, map, byCode, max) {
  const tiles = TILE_GRIDS[map.filter.country ?? ''] ?? [];
  const cols = Math.max(...tiles.map(([, c]) => c)) + 1;
  const rows = Math.max(...tiles.map(([, , r]) => r)) + 1;
  const selected = map.filter.region;
  return s(
    'svg',
    {
      class: 'tile-map',
      viewBox: `0 0 ${cols * TILE} ${rows * TILE}`,
      role: 'img',
      'aria-label': t('mapTilesLabel', { country: countryName(map.filter.country ?? '') }),
    },
    tiles.map(([code, col, row]) => {
      const place = byCode.get(code);
      const count = place?.count ?? 0;
      const go = () => navigate(hashOf({ ...state, level: 'city', region: code, country: '' }));
      const dark = count > 0 && Math.sqrt(count / max) > 0.55;
      return s(
        'g',
        {
          class: `tile${code === selected ? ' selected' : ''}`,
          'data-code': code,
          'data-count': count,
          transform: `translate(${col * TILE},${row * TILE})`,
          tabindex: 0,
          onclick: go,
          onkeydown: (event) => enterDrills(event, go),
        },
        s('title', null, `${place ? placeName(place) : code}: ${place ? figures(place) : num(0)}`),
        s('rect', {
          x: 2,
          y: 2,
          width: TILE - 4,
          height: TILE - 4,
          rx: 4,
          fill: fillOf(count, max),
          stroke: code === selected ? '#d94801' : '#fff',
          'stroke-width': code === selected ? 4 : 1,
        }),
        s(
          'text',
          { x: TILE / 2, y: 22, 'text-anchor': 'middle', class: `tile-code${dark ? ' on-dark' : ''}` },
          tileLabel(code),
        ),
        s(
          'text',
          { x: TILE / 2, y: 42, 'text-anchor': 'middle', class: `tile-count${dark ? ' on-dark' : ''}` },
          num(count),
        ),
      );
    }),
  );
}

/** The tile's short label: the Chinese province's name in Chinese, else the code's suffix. @param {string} code */
function tileLabel(code) {
  return code.slice(3);
}

/**
 * Regions of a country without a tile grid, or the cities of a region, as ranked bars.
 * @param {ReturnType<typeof stateOf>} state
 * @param {TalentMap} map
 */
function placeBars(state, map) {
  const title = map.level === 'city' ? t('mapCities') : t('mapRegions');
  const rows = map.places.slice(0, 40);
  if (rows.length === 0) return h('p', { class: 'muted' }, t('mapNothing'));
  return h(
    'div',
    null,
    barChart({
      rows: rows.map((p) => ({
        label: placeName(p),
        values: [p.count],
        summary: `${placeName(p)}: ${figures(p)}`,
      })),
      series: [{ name: t('supply'), className: 'supply' }],
      title,
    }),
    map.level === 'province'
      ? h(
          'ul',
          { class: 'drill-list' },
          rows.map((p) =>
            h(
              'li',
              null,
              h(
                'a',
                { href: hashOf({ ...state, level: 'city', region: p.code, country: '' }) },
                placeName(p),
              ),
            ),
          ),
        )
      : null,
  );
}

/** @param {number} max */
function legend(max) {
  const steps = [0, 0.25, 0.5, 1].map((x) => Math.round(max * x * x));
  return h(
    'figcaption',
    { class: 'map-legend' },
    t('mapLegend'),
    ' ',
    steps.map((v) =>
      h(
        'span',
        { class: 'swatch', 'data-fill': fillOf(v, max) },
        s(
          'svg',
          { width: 14, height: 14, 'aria-hidden': 'true' },
          s('rect', { width: 14, height: 14, fill: fillOf(v, max) }),
        ),
        ` ${num(v)} `,
      ),
    ),
  );
}

/**
 * Every place with its count and interval, and the CSV of it.
 * @param {TalentMap} map
 */
function placesTable(map) {
  const header = [t('mapPlace'), t('mapCode'), t('supply'), t('supplyLow'), t('supplyHigh')];
  const rows = map.places.map((p) => [placeName(p), p.code, p.count, p.supplyLow, p.supplyHigh]);
  return h(
    'section',
    { class: 'panel' },
    h(
      'div',
      { class: 'table-head' },
      h('h2', null, t('mapTable')),
      h(
        'button',
        { type: 'button', onclick: () => download(csvName(`map-${map.level}`), csvOf([header, ...rows])) },
        t('exportCsv'),
      ),
    ),
    h(
      'table',
      { class: 'gaps map-places' },
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
        rows.map((r) =>
          h(
            'tr',
            { 'data-code': String(r[1]) },
            r.map((c, i) =>
              h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : null, typeof c === 'number' ? num(c) : c),
            ),
          ),
        ),
      ),
    ),
  );
}
