/* global document, window, location, URLSearchParams, Blob, URL, confirm */
/**
 * Talent Brain's web UI: search, profile, supply-and-demand dashboard, saved searches. Plain ES
 * modules, no framework: each page is a function that fetches what it shows and builds its DOM.
 * Pages live in the URL's hash (#/search?q=…, #/talent/<id>, #/dashboard, #/saved), so the back
 * button, reloads and links work.
 */
import { api, ApiFailure, forgetKey, storedKey, storeKey } from './api.js';
import { barChart } from './charts.js';
import { h, replace } from './dom.js';
import { currentLang, date, num, setLang, t } from './i18n.js';

const main = document.getElementById('main');
const statusLine = document.getElementById('status');

/** What the session knows: the key's holder and the industries (for names in both languages). */
const session = { me: null, industries: [] };

const TIERS = ['A', 'B', 'C', 'D', 'E'];
const EXAMPLES = [
  '半导体',
  'laser 长春',
  'title:professor battery',
  'skill:机器学习',
  '"power electronics" -sales',
];
const FACETS = ['industry', 'tier', 'region', 'skill'];
/** Search parameters kept in the hash, and the facet each filter answers to. */
const LIST_FILTERS = {
  industry: 'industry',
  tier: 'tier',
  region: 'region',
  skill: 'skill',
  country: 'country',
  city: 'city',
};

// --- helpers ------------------------------------------------------------------------------------

function industryName(id) {
  const industry = session.industries.find((i) => i.id === id);
  return industry ? industry.name[currentLang()] : id;
}

function say(text) {
  statusLine.textContent = text;
}

function errorBox(error) {
  const message = error instanceof ApiFailure ? error.message : String(error?.message ?? error);
  return h('p', { class: 'error', role: 'alert' }, t('errorPrefix'), message);
}

/** Runs a page's loader; a 401 sends the user back to the sign-in form. */
async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) {
      forgetKey();
      session.me = null;
      renderLogin(error.message);
      return undefined;
    }
    throw error;
  }
}

function heading(text) {
  return h('h1', { tabindex: '-1', class: 'page-title' }, text);
}

function focusHeading() {
  main.querySelector('h1')?.focus({ preventScroll: true });
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/search';
  const [path, query = ''] = raw.split('?');
  return { path, params: new URLSearchParams(query) };
}

function tierBadge(tier) {
  return h('span', { class: `tier tier-${tier}`, title: t('tierBadge', { tier }) }, t('tierBadge', { tier }));
}

function industriesList(topIndustries) {
  return h(
    'ul',
    { class: 'industries' },
    topIndustries.map((i) =>
      h('li', null, h('span', { class: 'ind-name' }, industryName(i.industry)), ' ', h('b', null, i.score)),
    ),
  );
}

// --- chrome: header, language, sign-in ---------------------------------------------------------

function renderChrome() {
  document.getElementById('brand-name').textContent = t('appName');
  document.getElementById('brand-sub').textContent = t('appSub');
  document.getElementById('skip-link').textContent = t('skip');
  document.title = `${t('appName')} · Talent Brain 人才大脑`;
  const langButton = document.getElementById('lang-switch');
  langButton.textContent = t('switchTo');
  langButton.setAttribute('aria-label', t('switchToLabel'));
  langButton.setAttribute('lang', currentLang() === 'zh' ? 'en' : 'zh-CN');

  const nav = document.getElementById('nav');
  const here = parseHash().path;
  const link = (href, key, path) =>
    h('a', { href, class: 'nav-link', 'aria-current': here.startsWith(path) ? 'page' : null }, t(key));
  const me = session.me;
  replace(
    nav,
    me
      ? [
          link('#/search', 'navSearch', '/search'),
          me.can.includes('aggregates') ? link('#/dashboard', 'navDashboard', '/dashboard') : null,
          me.can.includes('saved-searches') ? link('#/saved', 'navSaved', '/saved') : null,
        ]
      : [],
  );
  replace(
    document.getElementById('session'),
    me
      ? [
          h('span', { class: 'who' }, t('signedInAs', { name: me.name, role: t(`role_${me.role}`) })),
          h('button', { type: 'button', class: 'link-button', onclick: signOut }, t('signOut')),
        ]
      : [],
  );
}

function signOut() {
  forgetKey();
  session.me = null;
  renderLogin();
}

function renderLogin(problem) {
  renderChrome();
  const input = h('input', {
    id: 'api-key',
    name: 'key',
    type: 'password',
    autocomplete: 'off',
    required: true,
    spellcheck: 'false',
  });
  const message = h(
    'p',
    { class: 'error', role: 'alert' },
    problem ? t('loginFailed', { message: problem }) : '',
  );
  const form = h(
    'form',
    {
      class: 'login',
      onsubmit: async (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) return;
        try {
          session.me = await api('/api/me', { key });
          storeKey(key);
          await loadIndustries();
          route();
        } catch (error) {
          message.textContent = t('loginFailed', { message: error.message });
          input.focus();
        }
      },
    },
    heading(t('loginTitle')),
    h('p', null, t('loginHelp')),
    h('label', { for: 'api-key' }, t('apiKey')),
    input,
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
    message,
  );
  replace(main, form);
  input.focus();
}

async function loadIndustries() {
  session.industries = (await api('/api/industries')).industries;
}

// --- search page --------------------------------------------------------------------------------

/** Cursor pages of the current search: cursors[n] opens page n+1. Reset when the query changes. */
const paging = { key: '', cursors: [undefined], page: 0 };

function searchParamsOf(params) {
  const out = {};
  const q = params.get('q');
  if (q) out.q = q;
  for (const name of Object.keys(LIST_FILTERS)) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length > 0) out[name] = values;
  }
  for (const name of ['minScore', 'sort']) if (params.get(name)) out[name] = params.get(name);
  return out;
}

function hashOf(params) {
  const qs = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== undefined && v !== '') qs.append(name, v);
  const text = qs.toString();
  return `#/search${text ? `?${text}` : ''}`;
}

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function renderSearch(params) {
  const current = searchParamsOf(params);
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
        navigate(hashOf({ ...current, q: queryInput.value.trim() }));
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
        { type: 'button', class: 'chip', onclick: () => navigate(hashOf({ q: example })) },
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
  replace(
    main,
    heading(t('navSearch')),
    queryForm,
    examples,
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
    limit: 20,
    cursor: paging.cursors[paging.page],
  };
  let result;
  try {
    result = await guarded(() => api('/api/search', { params: apiParams }));
  } catch (error) {
    replace(results, errorBox(error));
    return;
  }
  if (!result) return;
  if (result.nextCursor) paging.cursors[paging.page + 1] = result.nextCursor;
  renderFacets(facets, result.facets, current);
  renderResults(results, result, current);
  // Which page of which search is on screen (tests and scripts wait for it).
  results.dataset.for = `${location.hash}|${paging.page}`;
  say(t('results', { total: num(result.total) }));
}

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
  const list = (text) =>
    text
      .split(/[,，]/)
      .map((v) => v.trim())
      .filter(Boolean);
  return h(
    'form',
    {
      class: 'filters',
      'aria-label': t('filters'),
      onsubmit: (event) => {
        event.preventDefault();
        const tiers = [...event.currentTarget.querySelectorAll('input[name=tier]:checked')].map(
          (b) => b.value,
        );
        navigate(
          hashOf({
            q: current.q,
            industry: industrySelect.value ? [industrySelect.value] : [],
            tier: tiers,
            region: list(region.value),
            skill: list(skills.value),
            country: current.country,
            city: current.city,
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
      h('button', { type: 'button', onclick: () => navigate(hashOf({ q: current.q })) }, t('clearFilters')),
    ),
  );
}

function facetLabel(facet, value) {
  if (facet === 'industry') return industryName(value);
  if (facet === 'tier') return t('tierBadge', { tier: value });
  return value;
}

function renderFacets(container, facets, current) {
  replace(
    container,
    h('h2', null, t('facets')),
    FACETS.filter((f) => (facets[f] ?? []).length > 0).map((facet) =>
      h(
        'div',
        { class: 'facet', 'data-facet': facet },
        h('h3', null, t(`facet_${facet}`)),
        h(
          'ul',
          null,
          facets[facet].slice(0, 10).map((bucket) => {
            const active = (current[LIST_FILTERS[facet]] ?? []).includes(bucket.value);
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
                    const name = LIST_FILTERS[facet];
                    const values = new Set(current[name] ?? []);
                    if (active) values.delete(bucket.value);
                    else values.add(bucket.value);
                    navigate(hashOf({ ...current, [name]: [...values] }));
                  },
                },
                h('span', { class: 'facet-name' }, facetLabel(facet, bucket.value)),
                h('span', { class: 'facet-count' }, num(bucket.count)),
              ),
            );
          }),
        ),
      ),
    ),
  );
}

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
          route();
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
          route();
        },
      },
      `${t('next')} →`,
    ),
  );
  const canSave = session.me?.can.includes('saved-searches');
  replace(
    container,
    h(
      'div',
      { class: 'results-head' },
      h('p', { id: 'results-count', class: 'count' }, t('results', { total: num(result.total) })),
      canSave ? saveSearchControl(current) : null,
    ),
    result.hits.length === 0
      ? h('p', { class: 'muted' }, t('noResults'))
      : h('ol', { class: 'cards', start: paging.page * 20 + 1 }, result.hits.map(resultCard)),
    result.total > result.hits.length ? pager : null,
  );
}

function resultCard(hit) {
  return h(
    'li',
    { class: 'card' },
    h(
      'div',
      { class: 'card-head' },
      h('a', { href: `#/talent/${encodeURIComponent(hit.id)}`, class: 'name' }, hit.displayName),
      tierBadge(hit.tier),
      h('span', { class: 'score', title: t('score') }, hit.score),
    ),
    hit.affiliation ? h('p', { class: 'affiliation' }, hit.affiliation) : null,
    industriesList(hit.topIndustries),
    h('p', { class: 'reason' }, hit.reason),
  );
}

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

// --- profile page -------------------------------------------------------------------------------

function period(start, end, current) {
  if (!start && !end) return current ? t('current') : '';
  return `${start ?? ''} – ${end ?? (current ? t('current') : '')}`;
}

function section(title, ...content) {
  const items = content.flat().filter(Boolean);
  if (items.length === 0) return null;
  return h('section', { class: 'panel' }, h('h2', null, title), ...items);
}

function facts(pairs) {
  const rows = pairs.filter(
    ([, value]) =>
      value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
  if (rows.length === 0) return null;
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([label, value]) => [
      h('dt', null, label),
      h('dd', null, Array.isArray(value) ? value.join(' · ') : value),
    ]),
  );
}

/**
 * Why the profile's sources are one person: each merge, its two sources and its reasons; on
 * request, the closest mentions resolution kept apart and why (GET /api/talents/:id/resolution).
 */
function mergesSection(p) {
  const merges = p.merges ?? [];
  // Buttons to the evidence entries, like the explanation's references: the hash is the router's.
  const bySource = new Map(p.evidence.map((e, i) => [e.sourceId, i]));
  const ref = (mentionId) => {
    const source = p.evidence.find((e) => e.mentionId === mentionId)?.sourceId;
    const link = source === undefined ? [] : evidenceLink([source], bySource);
    return link.length > 0 ? link : mentionId;
  };
  const apart = h('div', { class: 'near-misses', 'aria-live': 'polite' });
  const check = h('button', { type: 'button' }, t('showKeptApart'));
  check.onclick = async () => {
    check.disabled = true;
    try {
      const x = await api(`/api/talents/${encodeURIComponent(p.id)}/resolution`);
      apart.replaceChildren(
        h('p', { class: 'muted' }, x.check.sameAsStored ? t('resolutionCurrent') : t('resolutionStale')),
        x.nearMisses.length === 0
          ? h('p', null, t('noneKeptApart'))
          : h(
              'ul',
              { class: 'kept-apart' },
              x.nearMisses.map((n) =>
                h(
                  'li',
                  null,
                  h('a', { href: `#/talent/${encodeURIComponent(n.profileId)}` }, n.name),
                  h(
                    'span',
                    { class: 'muted' },
                    ` — ${n.score === null ? '' : `${n.evidence} (${t('mergeScore', { score: n.score })}); `}${n.why}`,
                  ),
                ),
              ),
            ),
      );
    } catch (error) {
      apart.replaceChildren(h('p', { role: 'alert' }, error.message));
    } finally {
      check.disabled = false;
    }
  };
  return section(
    merges.length > 0 ? t('sectionMerges', { count: merges.length }) : t('sectionResolution'),
    merges.length > 0
      ? h(
          'ul',
          { class: 'merges' },
          merges.map((m) =>
            h(
              'li',
              null,
              ref(m.left),
              ' ⇄ ',
              ref(m.right),
              `: ${m.summary}`,
              m.score !== undefined
                ? h('span', { class: 'muted' }, ` (${t('mergeScore', { score: m.score })})`)
                : '',
              m.kind === 'evidence' && m.reasons.length > 0
                ? h(
                    'details',
                    null,
                    h('summary', null, t('mergeReasons')),
                    h(
                      'ul',
                      null,
                      m.reasons.map((r) => h('li', null, r)),
                    ),
                  )
                : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('singleSource')),
    check,
    apart,
  );
}

function evidenceLink(sourceIds, evidenceIndex) {
  return sourceIds
    .map((id) => evidenceIndex.get(id))
    .filter((n) => n !== undefined)
    .map((n) =>
      h(
        'button',
        {
          type: 'button',
          class: 'ref',
          'aria-label': `${t('source')} ${n + 1}`,
          onclick: () => {
            const target = document.getElementById(`ev-${n}`);
            target?.scrollIntoView({ block: 'center' });
            target?.focus();
          },
        },
        `[${n + 1}]`,
      ),
    );
}

async function renderProfile(id) {
  replace(main, h('p', { class: 'muted' }, t('loading')));
  let data;
  try {
    data = await guarded(() => api(`/api/talents/${encodeURIComponent(id)}`));
  } catch (error) {
    replace(main, h('p', null, h('a', { href: '#/search' }, `← ${t('back')}`)), errorBox(error));
    return;
  }
  if (!data) return;
  const p = data.profile;
  const evidenceIndex = new Map(p.evidence.map((e, i) => [e.sourceId, i]));
  const refs = (ids) => evidenceLink(ids ?? [], evidenceIndex);

  const contacts = [
    ...p.emails.map((e) => [t('email'), h('a', { href: `mailto:${e}` }, e)]),
    ...p.phones.map((phone) => [t('phone'), phone]),
    ...p.urls.map((u) => [
      t('link'),
      /^https?:\/\//.test(u) ? h('a', { href: u, target: '_blank', rel: 'noopener noreferrer' }, u) : u,
    ]),
    p.identifiers?.orcid ? ['ORCID', p.identifiers.orcid] : null,
    ...(p.identifiers?.secCiks ?? []).map((c) => ['SEC CIK', c]),
  ].filter(Boolean);

  const x = p.explanation;
  const eraseButton = session.me?.can.includes('erase')
    ? h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            if (!confirm(t('eraseConfirm', { name: p.displayName }))) return;
            try {
              const done = await guarded(() =>
                api(`/api/talents/${encodeURIComponent(p.id)}`, {
                  method: 'DELETE',
                  params: { reason: 'requested in the web UI' },
                }),
              );
              if (done) {
                replace(
                  main,
                  heading(p.displayName),
                  h('p', { class: 'ok', role: 'status' }, t('erased', { seq: done.auditSeq })),
                  h('p', null, h('a', { href: '#/search' }, `← ${t('back')}`)),
                );
                focusHeading();
              }
            } catch (error) {
              main.append(errorBox(error));
            }
          },
        },
        t('erase'),
      )
    : null;

  replace(
    main,
    h(
      'p',
      null,
      h(
        'a',
        {
          href: '#/search',
          onclick: (e) => {
            if (window.history.length > 1) {
              e.preventDefault();
              window.history.back();
            }
          },
        },
        `← ${t('back')}`,
      ),
    ),
    h(
      'header',
      { class: 'profile-head' },
      heading(p.displayName),
      tierBadge(p.tier),
      h('span', { class: 'score big' }, t('priority', { score: p.priorityScore })),
    ),
    h('p', { class: 'reason' }, p.reason),
    industriesList(p.topIndustries),
    section(
      t('sectionProfile'),
      facts([
        [t('names'), p.names],
        [t('honorifics'), p.honorifics],
        [t('gender'), p.gender],
        [t('born'), p.birthDate],
        [t('nationality'), p.nationality],
        [t('locations'), (p.locations ?? []).map((l) => l.label)],
        [t('titles'), p.titles],
        [
          t('skillsLabel'),
          (p.skills ?? []).map((s) => (s.zh && s.zh !== s.label ? `${s.label}（${s.zh}）` : s.label)),
        ],
        [t('seen'), `${date(p.firstSeen)} – ${date(p.lastSeen)}`],
      ]),
    ),
    section(
      t('sectionContacts'),
      data.access.contacts === 'masked'
        ? h(
            'p',
            { class: 'masked-note' },
            t('contactsMasked', {
              fields: (data.access.hidden.length > 0
                ? data.access.hidden
                : ['emails', 'phones', 'birthDate', 'address']
              )
                .map((f) => t(`masked_${f}`))
                .join(currentLang() === 'zh' ? '、' : ', '),
            }),
          )
        : null,
      contacts.length > 0 ? facts(contacts) : null,
    ),
    section(
      t('sectionAffiliations'),
      (p.affiliations ?? []).length > 0
        ? h(
            'ul',
            { class: 'plain' },
            p.affiliations.map((a) =>
              h(
                'li',
                null,
                [a.title, a.department, a.organization].filter(Boolean).join(', '),
                ' ',
                h('span', { class: 'muted' }, period(a.startDate, a.endDate, a.current)),
                ' ',
                refs(a.sources),
              ),
            ),
          )
        : null,
    ),
    section(
      t('sectionEducation'),
      (p.education ?? []).length > 0
        ? h(
            'ul',
            { class: 'plain' },
            p.education.map((e) =>
              h(
                'li',
                null,
                [e.degree ?? e.degreeLevel, e.area, e.institution].filter(Boolean).join(', '),
                ' ',
                h('span', { class: 'muted' }, period(e.startDate, e.endDate)),
                ' ',
                refs(e.sources),
              ),
            ),
          )
        : null,
    ),
    section(
      t('sectionPatents'),
      (p.patents ?? []).length > 0
        ? h(
            'ul',
            { class: 'plain' },
            p.patents.map((pt) =>
              h(
                'li',
                null,
                h('b', null, pt.id),
                ` ${pt.title} `,
                h('span', { class: 'muted' }, [pt.date, pt.cpc.join(' ')].filter(Boolean).join(' · ')),
                ' ',
                refs([pt.sourceId]),
              ),
            ),
          )
        : null,
    ),
    section(
      t('sectionFilings'),
      (p.filingRoles ?? []).length > 0
        ? h(
            'ul',
            { class: 'plain' },
            p.filingRoles.map((r) =>
              h(
                'li',
                null,
                `${r.role}${r.title ? ` (${r.title})` : ''} · ${r.issuer ?? ''} · Form ${r.form}${r.date ? ` ${r.date}` : ''} `,
                refs([r.sourceId]),
              ),
            ),
          )
        : null,
    ),
    p.summary ? section(t('sectionSummary'), h('p', null, p.summary)) : null,
    section(
      t('sectionExplanation'),
      x
        ? h('p', null, t('tierRule', { tier: x.tier.tier, rule: x.tier.rule, because: x.tier.because }))
        : null,
      x
        ? x.industries.map((ind) =>
            h(
              'div',
              { class: 'explain' },
              h(
                'h3',
                null,
                `${industryName(ind.industry)} ${ind.score}`,
                h('span', { class: 'muted' }, ` · ${t('relevance', { points: ind.relevancePoints })}`),
              ),
              h(
                'table',
                { class: 'contributions' },
                h(
                  'tbody',
                  null,
                  ind.contributions.map((c) =>
                    h(
                      'tr',
                      null,
                      h('td', { class: 'points' }, `${c.points >= 0 ? '+' : ''}${c.points}`),
                      h('td', null, c.reason, ' ', refs(c.sources)),
                    ),
                  ),
                ),
              ),
            ),
          )
        : null,
      x && x.notes.length > 0
        ? h(
            'details',
            null,
            h('summary', null, t('notes')),
            h(
              'ul',
              null,
              x.notes.map((n) => h('li', null, n)),
            ),
          )
        : null,
    ),
    section(
      t('sectionEvidence', { count: p.evidence.length }),
      h(
        'ol',
        { class: 'evidence' },
        p.evidence.map((e, i) =>
          h(
            'li',
            { id: `ev-${i}`, tabindex: '-1' },
            h(
              'div',
              { class: 'ev-title' },
              e.document.uri
                ? h(
                    'a',
                    { href: e.document.uri, target: '_blank', rel: 'noopener noreferrer' },
                    e.document.title,
                  )
                : e.document.title,
            ),
            h(
              'div',
              { class: 'muted' },
              [e.sourceKind, e.format, e.role, e.document.date, t('fetched', { date: date(e.fetchedAt) })]
                .filter(Boolean)
                .join(' · '),
            ),
            h(
              'ul',
              { class: 'ev-facts' },
              e.facts.map((f) => h('li', null, h('code', null, f.path), f.snippet ? `: ${f.snippet}` : '')),
            ),
          ),
        ),
      ),
    ),
    mergesSection(p),
    eraseButton ? h('div', { class: 'danger-zone' }, eraseButton) : null,
  );
  focusHeading();
}

// --- dashboard ----------------------------------------------------------------------------------

const dashboardState = { scope: 'local', since: '' };

function csvOf(rows) {
  const cell = (v) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

function download(name, text) {
  // A byte-order mark so spreadsheet programs read the Chinese names as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: name, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function renderDashboard() {
  if (!session.me?.can.includes('aggregates')) {
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
          renderDashboard();
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

  const common = { scope: dashboardState.scope, since: dashboardState.since || undefined };
  let byTier;
  let byIndustry;
  let regions;
  try {
    [byTier, byIndustry] =
      (await guarded(() =>
        Promise.all([
          api('/api/gaps', { params: { ...common, by: 'industry,tier' } }),
          api('/api/gaps', { params: { ...common, by: 'industry' } }),
        ]),
      )) ?? [];
    if (!byTier) return;
    regions = await api('/api/facets', { params: { facets: 'region', minScore: byTier.minScore } });
  } catch (error) {
    replace(body, errorBox(error));
    return;
  }
  const series = [
    { name: t('demand'), className: 'demand' },
    { name: t('supply'), className: 'supply' },
  ];
  const rowOf = (r, label) => ({
    label,
    values: [r.demand, r.supply],
    summary: t('chartSummary', { label, demand: r.demand, supply: r.supply }),
  });
  const industryRows = byIndustry.rows
    .filter((r) => r.demand > 0)
    .map((r) => rowOf(r, industryName(r.industry)));
  const tierCharts = ['A', 'B', 'C']
    .map((tier) => {
      const rows = byTier.rows.filter((r) => r.tier === tier && r.demand > 0);
      if (rows.length === 0) return null;
      const title = t('chartTier', { tier });
      return h(
        'figure',
        { class: 'chart-box' },
        h('figcaption', null, title),
        barChart({
          rows: rows.map((r) => rowOf(r, industryName(r.industry))),
          series,
          title,
          width: 420,
          labelWidth: 150,
        }),
      );
    })
    .filter(Boolean);
  const regionBuckets = (regions.facets.region ?? []).slice(0, 12);
  const regionTitle = t('chartRegion', { minScore: byTier.minScore });

  const planned = byTier.rows.filter((r) => r.demand > 0);
  const header = [
    t('industry'),
    t('tier'),
    t('demand'),
    t('supply'),
    t('gap'),
    t('coverage'),
    ...(byTier.since ? [t('trendSeen', { since: byTier.since })] : []),
  ];
  const tableRows = planned.map((r) => [
    industryName(r.industry),
    r.tier ?? t('anyTier'),
    r.demand,
    r.supply,
    r.gap,
    r.coverage === null ? '—' : `${Math.round(r.coverage * 100)}%`,
    ...(byTier.since ? [r.trend ? r.trend.seenSince : 0] : []),
  ]);
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
      t('totals', {
        demand: num(byTier.totals.demand),
        supply: num(byTier.totals.supply),
        gap: num(byTier.totals.gap),
      }),
    ),
    h(
      'figure',
      { class: 'chart-box wide' },
      h('figcaption', null, industryTitle),
      barChart({ rows: industryRows, series, title: industryTitle }),
    ),
    h('div', { class: 'chart-grid' }, tierCharts),
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
    h(
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
            onclick: () =>
              download(
                `talent-gaps-${new Date().toISOString().slice(0, 10)}.csv`,
                csvOf([header, ...tableRows]),
              ),
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
              r.map((c, i) =>
                h(i < 2 ? 'th' : 'td', i < 2 ? { scope: 'row' } : null, typeof c === 'number' ? num(c) : c),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

// --- saved searches -----------------------------------------------------------------------------

async function renderSaved() {
  replace(main, heading(t('savedTitle')), h('p', { class: 'muted' }, t('loading')));
  focusHeading();
  let list;
  try {
    list = await guarded(() => api('/api/saved-searches'));
  } catch (error) {
    main.append(errorBox(error));
    return;
  }
  if (!list) return;
  const items = list.savedSearches.map((ss) => {
    const output = h('div', { class: 'run-output', 'aria-live': 'polite' });
    return h(
      'li',
      { class: 'card' },
      h(
        'div',
        { class: 'card-head' },
        h('b', null, ss.name),
        h('span', { class: 'muted' }, t('lastRun', { at: date(ss.lastRunAt), total: num(ss.lastTotal) })),
      ),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: () => navigate(hashOf(ss.query)) }, t('open')),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: async () => {
              try {
                const run = await guarded(() => api(`/api/saved-searches/${ss.id}/run`, { method: 'POST' }));
                if (run)
                  replace(
                    output,
                    h('p', null, t('newMatches', { count: run.newCount, at: date(run.previousRunAt) })),
                    h('ol', { class: 'cards' }, run.newMatches.map(resultCard)),
                  );
              } catch (error) {
                replace(output, errorBox(error));
              }
            },
          },
          t('run'),
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              try {
                await guarded(() => api(`/api/saved-searches/${ss.id}`, { method: 'DELETE' }));
                renderSaved();
              } catch (error) {
                replace(output, errorBox(error));
              }
            },
          },
          t('delete'),
        ),
      ),
      output,
    );
  });
  replace(
    main,
    heading(t('savedTitle')),
    items.length === 0 ? h('p', null, t('savedNone')) : h('ul', { class: 'cards' }, items),
  );
  focusHeading();
}

// --- routing ------------------------------------------------------------------------------------

async function route() {
  say('');
  if (!session.me) {
    if (!storedKey()) return renderLogin();
    try {
      session.me = await api('/api/me');
      await loadIndustries();
    } catch (error) {
      forgetKey();
      return renderLogin(error.message);
    }
  }
  renderChrome();
  const { path, params } = parseHash();
  try {
    if (path.startsWith('/talent/')) await renderProfile(decodeURIComponent(path.slice('/talent/'.length)));
    else if (path === '/dashboard') await renderDashboard();
    else if (path === '/saved') await renderSaved();
    else await renderSearch(params);
  } catch (error) {
    replace(main, errorBox(error));
  }
}

document.getElementById('lang-switch').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  route();
});
window.addEventListener('hashchange', () => route());
setLang(currentLang());
route();
