/**
 * The search page (#/search?q=…&tier=A…): query box with examples, filters, facet counts that
 * filter when clicked, result cards, cursor pages, and saving the search.
 */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { currentLang, num, t } from '../i18n.js';
import { navigate, redraw } from '../router.js';
import { can, guarded, industryName, session } from '../session.js';
import { errorBox, focusHeading, heading, main, resultCard, say } from '../view.js';
import { tieControls, tieLine, understoodBar } from './search-understood.js';

/** @typedef {import('../types.js').SearchAnswer} SearchResult */
/** @typedef {import('../types.js').FacetCounts} FacetCounts */
/** @typedef {import('../types.js').SavedSearch} SavedSearch */
/** @typedef {'industry' | 'tier' | 'region' | 'skill' | 'country' | 'city'} ListFilter */

/**
 * The search as the hash holds it: list filters are repeated parameters.
 * @typedef {{ q?: string, org?: string[] } & { [S in ScalarParam]?: string } & { [F in ListFilter]?: string[] }} SearchState
 */
/** @typedef {'minScore' | 'sort' | 'seniority' | 'patents' | 'tieRegion' | 'outside' | 'understand'} ScalarParam */

/** Parameters of one value kept in the hash. @type {readonly ScalarParam[]} */
const SCALAR_PARAMS = ['minScore', 'sort', 'seniority', 'patents', 'tieRegion', 'outside', 'understand'];

const TIERS = ['A', 'B', 'C', 'D', 'E'];
const EXAMPLES = [
  '长春的光电高级工程师',
  'semiconductor process engineers in Jiangsu with patents',
  '吉林大学毕业在上海的电池专家',
  '半导体',
  'laser 长春',
  'title:professor battery',
  'skill:机器学习',
  '"power electronics" -sales',
];
/** @type {readonly ('industry' | 'tier' | 'region' | 'skill')[]} */
const FACETS = ['industry', 'tier', 'region', 'skill'];
/**
 * Search parameters kept in the hash as lists; each answers to the facet of the same name.
 * @type {readonly ListFilter[]}
 */
const LIST_FILTERS = ['industry', 'tier', 'region', 'skill', 'country', 'city'];
const PAGE_SIZE = 20;

/**
 * Cursor pages of the current search: cursors[n] opens page n+1. Reset when the query changes.
 * @type {{ key: string, cursors: (string | undefined)[], page: number }}
 */
const paging = { key: '', cursors: [undefined], page: 0 };

/**
 * @param {URLSearchParams} params
 * @returns {SearchState}
 */
function searchStateOf(params) {
  /** @type {SearchState} */
  const out = {};
  const q = params.get('q');
  if (q) out.q = q;
  for (const name of LIST_FILTERS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length > 0) out[name] = values;
  }
  const orgs = params.getAll('org').filter(Boolean);
  if (orgs.length > 0) out.org = orgs;
  for (const name of SCALAR_PARAMS) {
    const value = params.get(name);
    if (value) out[name] = value;
  }
  return out;
}

/**
 * The hash of the search page for these parameters (also a saved search's query).
 * @param {Readonly<Record<string, unknown>>} params
 */
export function searchHash(params) {
  const qs = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== undefined && v !== '') qs.append(name, String(v));
  const text = qs.toString();
  return `#/search${text ? `?${text}` : ''}`;
}

/** @type {import('../router.js').Page} */
export const searchPage = { path: '/search', nav: 'navSearch', render: ({ params }) => renderSearch(params) };

/** @param {URLSearchParams} params */
async function renderSearch(params) {
  const current = searchStateOf(params);
  const key = JSON.stringify(current);
  if (paging.key !== key) Object.assign(paging, { key, cursors: [undefined], page: 0 });

  const queryInput = h('input', {
    id: 'q',
    name: 'q',
    type: 'search',
    value: current.q ?? '',
    placeholder: t('queryPlaceholder'),
    autocomplete: 'off',
  });
  const queryForm = h(
    'form',
    {
      role: 'search',
      class: 'query-form',
      onsubmit: (event) => {
        event.preventDefault();
        navigate(searchHash({ ...current, q: queryInput.value.trim() }));
      },
    },
    h('label', { for: 'q', class: 'visually-hidden' }, t('queryLabel')),
    queryInput,
    h('button', { type: 'submit', class: 'primary' }, t('search')),
  );
  const examples = h(
    'p',
    { class: 'examples' },
    t('examples'),
    ' ',
    EXAMPLES.map((example) =>
      h(
        'button',
        { type: 'button', class: 'chip', onclick: () => navigate(searchHash({ q: example })) },
        example,
      ),
    ),
  );

  const results = h(
    'section',
    { class: 'results', 'aria-labelledby': 'results-count' },
    h('p', { class: 'muted' }, t('loading')),
  );
  const facets = h('section', { class: 'facets', 'aria-label': t('facets') });
  const understood = h('div', { class: 'understood-slot' });
  replace(
    main,
    heading(t('navSearch')),
    queryForm,
    examples,
    understood,
    h(
      'div',
      { class: 'search-layout' },
      h('aside', { class: 'sidebar' }, filterForm(current), facets),
      results,
    ),
  );
  focusHeading();

  const apiParams = {
    ...current,
    facets: FACETS,
    limit: PAGE_SIZE,
    cursor: paging.cursors[paging.page],
  };
  /** @type {SearchResult | undefined} */
  let result;
  try {
    result = await guarded(() => api('/api/search', { params: apiParams }));
  } catch (error) {
    replace(results, errorBox(error));
    return;
  }
  if (!result) return;
  if (result.nextCursor) paging.cursors[paging.page + 1] = result.nextCursor;
  renderFacets(facets, result.facets ?? {}, current);
  facets.append(tieControls(result, current, searchHash) ?? '');
  replace(understood, understoodBar(result, current, searchHash));
  renderResults(results, result, current);
  // Which page of which search is on screen (tests and scripts wait for it).
  results.dataset.for = `${location.hash}|${paging.page}`;
  say(t('results', { total: num(result.total) }));
}

/** @param {SearchState} current */
function filterForm(current) {
  const industrySelect = h(
    'select',
    { id: 'f-industry', name: 'industry' },
    h('option', { value: '' }, t('anyIndustry')),
    session.industries.map((i) =>
      h('option', { value: i.id, selected: current.industry?.includes(i.id) }, `${i.name[currentLang()]}`),
    ),
  );
  const tierBoxes = h(
    'fieldset',
    { class: 'tiers' },
    h('legend', null, t('tier')),
    TIERS.map((tier) =>
      h(
        'label',
        { class: 'tier-choice' },
        h('input', { type: 'checkbox', name: 'tier', value: tier, checked: current.tier?.includes(tier) }),
        ` ${tier}`,
      ),
    ),
  );
  const region = h('input', {
    id: 'f-region',
    name: 'region',
    value: (current.region ?? []).join(', '),
    placeholder: t('regionPlaceholder'),
  });
  const skills = h('input', {
    id: 'f-skill',
    name: 'skill',
    value: (current.skill ?? []).join(', '),
    placeholder: t('skillsPlaceholder'),
  });
  const minScore = h('input', {
    id: 'f-min',
    name: 'minScore',
    type: 'number',
    min: 0,
    max: 100,
    step: 1,
    value: current.minScore ?? '',
  });
  const sort = h(
    'select',
    { id: 'f-sort', name: 'sort' },
    h('option', { value: '' }, '—'),
    h('option', { value: 'relevance', selected: current.sort === 'relevance' }, t('sortRelevance')),
    h('option', { value: 'priority', selected: current.sort === 'priority' }, t('sortPriority')),
    session.industries.map((i) =>
      h(
        'option',
        { value: `score:${i.id}`, selected: current.sort === `score:${i.id}` },
        `${t('sortIndustry')}: ${i.name[currentLang()]}`,
      ),
    ),
  );
  /** @param {string} text */
  const list = (text) =>
    text
      .split(/[,，]/)
      .map((v) => v.trim())
      .filter(Boolean);
  const form = h(
    'form',
    {
      class: 'filters',
      'aria-label': t('filters'),
      onsubmit: (event) => {
        event.preventDefault();
        const tiers = [...form.querySelectorAll('input[name=tier]')]
          .filter((b) => b instanceof HTMLInputElement && b.checked)
          .map((b) => /** @type {HTMLInputElement} */ (b).value);
        navigate(
          searchHash({
            q: current.q,
            industry: industrySelect.value ? [industrySelect.value] : [],
            tier: tiers,
            region: list(region.value),
            skill: list(skills.value),
            country: current.country,
            city: current.city,
            org: current.org,
            seniority: current.seniority,
            patents: current.patents,
            tieRegion: current.tieRegion,
            outside: current.outside,
            understand: current.understand,
            minScore: minScore.value,
            sort: sort.value,
          }),
        );
      },
    },
    h('h2', null, t('filters')),
    h('label', { for: 'f-industry' }, t('industry')),
    industrySelect,
    tierBoxes,
    h('label', { for: 'f-region' }, t('region')),
    region,
    h('label', { for: 'f-skill' }, t('skills')),
    skills,
    h('label', { for: 'f-min' }, t('minScore')),
    minScore,
    h('label', { for: 'f-sort' }, t('sort')),
    sort,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h(
        'button',
        { type: 'button', onclick: () => navigate(searchHash({ q: current.q })) },
        t('clearFilters'),
      ),
    ),
  );
  return form;
}

/**
 * @param {string} facet
 * @param {string} value
 */
function facetLabel(facet, value) {
  if (facet === 'industry') return industryName(value);
  if (facet === 'tier') return t('tierBadge', { tier: value });
  return value;
}

/**
 * @param {HTMLElement} container
 * @param {FacetCounts} facets
 * @param {SearchState} current
 */
function renderFacets(container, facets, current) {
  replace(
    container,
    h('h2', null, t('facets')),
    FACETS.map((facet) => {
      const buckets = facets[facet] ?? [];
      if (buckets.length === 0) return null;
      return h(
        'div',
        { class: 'facet', 'data-facet': facet },
        h('h3', null, t(`facet_${facet}`)),
        h(
          'ul',
          null,
          buckets.slice(0, 10).map((bucket) => {
            const active = (current[facet] ?? []).includes(bucket.value);
            return h(
              'li',
              null,
              h(
                'button',
                {
                  type: 'button',
                  class: `facet-value${active ? ' active' : ''}`,
                  'aria-pressed': active ? 'true' : 'false',
                  'aria-label': t('facetApply', {
                    value: facetLabel(facet, bucket.value),
                    count: bucket.count,
                  }),
                  onclick: () => {
                    const values = new Set(current[facet] ?? []);
                    if (active) values.delete(bucket.value);
                    else values.add(bucket.value);
                    navigate(searchHash({ ...current, [facet]: [...values] }));
                  },
                },
                h('span', { class: 'facet-name' }, facetLabel(facet, bucket.value)),
                h('span', { class: 'facet-count' }, num(bucket.count)),
              ),
            );
          }),
        ),
      );
    }),
  );
}

/**
 * @param {HTMLElement} container
 * @param {SearchResult} result
 * @param {SearchState} current
 */
function renderResults(container, result, current) {
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'pages' },
    h(
      'button',
      {
        type: 'button',
        disabled: paging.page === 0,
        onclick: () => {
          paging.page = Math.max(0, paging.page - 1);
          void redraw();
        },
      },
      `← ${t('previous')}`,
    ),
    h('span', { class: 'muted' }, t('resultsPage', { page: paging.page + 1 })),
    h(
      'button',
      {
        type: 'button',
        disabled: !result.nextCursor,
        onclick: () => {
          paging.page += 1;
          void redraw();
        },
      },
      `${t('next')} →`,
    ),
  );
  replace(
    container,
    h(
      'div',
      { class: 'results-head' },
      h('p', { id: 'results-count', class: 'count' }, t('results', { total: num(result.total) })),
      can('saved-searches') ? saveSearchControl(current) : null,
    ),
    result.hits.length === 0
      ? h('p', { class: 'muted' }, t('noResults'))
      : h(
          'ol',
          { class: 'cards', start: paging.page * PAGE_SIZE + 1 },
          result.hits.map((hit) => {
            const card = resultCard(hit);
            const tie = tieLine(hit);
            if (tie) card.append(tie);
            return card;
          }),
        ),
    result.total > result.hits.length ? pager : null,
  );
}

/** @param {SearchState} current */
function saveSearchControl(current) {
  const wrapper = h('div', { class: 'save-search' });
  const open = () => {
    const name = h('input', { id: 'save-name', value: current.q ?? '', required: true, maxlength: 200 });
    replace(
      wrapper,
      h(
        'form',
        {
          class: 'inline',
          onsubmit: async (event) => {
            event.preventDefault();
            try {
              const { minScore, ...rest } = current;
              const query = { ...rest, ...(minScore ? { minScore: Number(minScore) } : {}) };
              /** @type {SavedSearch | undefined} */
              const saved = await guarded(() =>
                api('/api/saved-searches', { method: 'POST', body: { name: name.value.trim(), query } }),
              );
              if (saved) replace(wrapper, h('span', { class: 'ok' }, t('saved', { name: saved.name })));
            } catch (error) {
              wrapper.append(errorBox(error));
            }
          },
        },
        h('label', { for: 'save-name' }, t('saveSearchName')),
        name,
        h('button', { type: 'submit' }, t('saveSearch')),
      ),
    );
    name.focus();
  };
  replace(wrapper, h('button', { type: 'button', onclick: open }, t('saveSearch')));
  return wrapper;
}
