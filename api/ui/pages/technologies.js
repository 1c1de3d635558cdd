/**
 * Technology expert lists (#/technologies, #/technologies/<id>): the configured technologies with
 * their tier A/B counts inside the region and outside it, and per technology its experts, ranked,
 * each with the patents, works and filings that link them; CSV export.
 */
import { api } from '../api.js';
import { csvName, csvOf, download } from '../csv.js';
import { h, replace } from '../dom.js';
import { currentLang, num, t } from '../i18n.js';
import { can, guarded, industryName } from '../session.js';
import { errorBox, focusHeading, heading, main, tierBadge } from '../view.js';

/** @typedef {import('../analyst-types.js').TechnologySummary} TechnologySummary */
/** @typedef {import('../analyst-types.js').TechnologyExperts} TechnologyExperts */
/** @typedef {import('../analyst-types.js').TechnologyExpert} TechnologyExpert */

/** @type {import('../router.js').Page} */
export const technologiesPage = {
  path: '/technologies',
  nav: 'navTechnologies',
  needs: 'search',
  render: () => renderList(),
};

/** @type {import('../router.js').Page} */
export const technologyPage = {
  path: '/technology/',
  needs: 'search',
  render: (route) => renderTechnology(route.rest),
};

/** @param {{ en: string, zh: string }} name */
const nameOf = (name) => name[currentLang()];

async function renderList() {
  const body = h('div', null, h('p', { class: 'muted' }, t('loading')));
  replace(main, heading(t('techTitle')), h('p', { class: 'muted' }, t('techIntro')), body);
  focusHeading();
  if (!can('search')) return;
  /** @type {{ region: string, technologies: TechnologySummary[] } | undefined} */
  let list;
  try {
    list = await guarded(() => api('/api/technologies'));
  } catch (error) {
    replace(body, errorBox(error));
    return;
  }
  if (!list) return;
  const region = list.region;
  replace(
    body,
    h(
      'table',
      { class: 'gaps technologies' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            t('techName'),
            t('industry'),
            t('techMatches'),
            t('techTierInside', { tier: 'A', region }),
            t('techTierOutside', { tier: 'A', region }),
            t('techTierInside', { tier: 'B', region }),
            t('techTierOutside', { tier: 'B', region }),
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        list.technologies.map((x) =>
          h(
            'tr',
            { 'data-id': x.id },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: `#/technology/${encodeURIComponent(x.id)}` }, nameOf(x.name)),
            ),
            h('td', null, industryName(x.industry)),
            h('td', null, num(x.counts.total)),
            h('td', null, num(x.counts.tierA.inside)),
            h('td', null, num(x.counts.tierA.outside)),
            h('td', null, num(x.counts.tierB.inside)),
            h('td', null, num(x.counts.tierB.outside)),
          ),
        ),
      ),
    ),
  );
}

/** @param {string} id */
async function renderTechnology(id) {
  const body = h('div', null, h('p', { class: 'muted' }, t('loading')));
  replace(main, heading(t('techTitle')), body);
  focusHeading();
  /** @type {TechnologyExperts | undefined} */
  let tech;
  try {
    tech = await guarded(() =>
      api(`/api/technologies/${encodeURIComponent(id)}`, { params: { limit: 100 } }),
    );
  } catch (error) {
    replace(body, errorBox(error));
    return;
  }
  if (!tech) return;
  const found = tech;
  replace(main, heading(nameOf(found.name)), body);
  focusHeading();
  const c = found.counts;
  replace(
    body,
    h('p', null, h('a', { href: '#/technologies' }, t('techBack'))),
    h(
      'p',
      { class: 'muted' },
      t('techDefinition', {
        industry: industryName(found.industry),
        keywords: [...found.keywords.en, ...found.keywords.zh].join(', '),
        classes: [...found.cpc, ...found.ipc].join(', ') || '—',
        topics: found.topics.join(', ') || '—',
      }),
    ),
    h(
      'p',
      { class: 'totals' },
      t('techCounts', {
        total: num(c.total),
        region: found.region,
        aIn: num(c.tierA.inside),
        aOut: num(c.tierA.outside),
        bIn: num(c.tierB.inside),
        bOut: num(c.tierB.outside),
      }),
    ),
    h(
      'p',
      { class: 'muted' },
      t('techExamined', { examined: num(found.examined), shown: num(found.experts.length) }),
    ),
    expertsSection(found),
  );
}

/** @param {TechnologyExpert} e */
function evidenceLines(e) {
  return [
    ...e.patents.map((p) => `${p.id} ${p.title}${p.classes.length ? ` [${p.classes.join(', ')}]` : ''}`),
    ...e.works.map((w) => `${w.doi ?? w.id} ${w.title}${w.year ? ` (${w.year})` : ''}`),
    ...e.filings.map((f) => `${f.form} ${f.issuer}${f.accession ? ` ${f.accession}` : ''}`),
    ...(e.mentions.length ? [t('techMentions', { words: e.mentions.join(', ') })] : []),
  ];
}

/** @param {TechnologyExperts} tech */
function expertsSection(tech) {
  const header = [
    t('techRank'),
    t('techPerson'),
    t('tier'),
    t('techAffiliation'),
    t('techLocation'),
    t('techInside', { region: tech.region }),
    t('techEvidenceScore'),
    t('techEvidence'),
  ];
  const csvRows = tech.experts.map((e, i) => [
    i + 1,
    e.displayName,
    e.tier,
    e.affiliation ?? '',
    e.location ?? '',
    e.inside ? 'yes' : 'no',
    e.evidenceScore,
    evidenceLines(e).join(' | '),
  ]);
  return h(
    'section',
    { class: 'panel' },
    h(
      'div',
      { class: 'table-head' },
      h('h2', null, t('techExperts')),
      h(
        'button',
        {
          type: 'button',
          onclick: () => download(csvName(`experts-${tech.id}`), csvOf([header, ...csvRows])),
        },
        t('exportCsv'),
      ),
    ),
    tech.experts.length === 0
      ? h('p', { class: 'muted' }, t('techNobody'))
      : h(
          'ol',
          { class: 'experts' },
          tech.experts.map((e) =>
            h(
              'li',
              { class: 'card expert', 'data-id': e.id },
              h(
                'div',
                { class: 'card-head' },
                h('a', { href: `#/talent/${encodeURIComponent(e.id)}`, class: 'name' }, e.displayName),
                ' ',
                tierBadge(e.tier),
                ' ',
                h(
                  'span',
                  { class: e.inside ? 'inside' : 'outside' },
                  e.inside ? t('techInsideShort', { region: tech.region }) : t('techOutsideShort'),
                ),
                ' ',
                h('b', { class: 'evidence-score' }, t('techPoints', { points: e.evidenceScore })),
              ),
              h('p', { class: 'muted' }, [e.affiliation, e.location].filter(Boolean).join(' · ')),
              h(
                'ul',
                { class: 'evidence-lines' },
                evidenceLines(e).map((line) => h('li', null, line)),
              ),
            ),
          ),
        ),
  );
}
