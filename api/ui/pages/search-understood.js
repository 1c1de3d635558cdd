/**
 * The recruiter's parts of the search page: the "understood as" chips of a plain-language query
 * (each removable: the search then runs with the rest as explicit filters), the regional-tie facet
 * and filter, and the tie line of a result card.
 */
import { h } from '../dom.js';
import { currentLang, num, t } from '../i18n.js';
import { navigate } from '../router.js';

/** @typedef {import('../types.js').SearchAnswer} SearchAnswer */
/** @typedef {import('../types.js').UnderstoodChip} UnderstoodChip */
/** @typedef {Record<string, string | string[] | undefined>} Params */

/** The search parameter each kind of chip stands for; lists take several values. */
const PARAM_OF = /** @type {const} */ ({
  region: 'region',
  city: 'city',
  country: 'country',
  industry: 'industry',
  tier: 'tier',
  seniority: 'seniority',
  patents: 'patents',
  school: 'org',
  employer: 'org',
  tieRegion: 'tieRegion',
  outside: 'outside',
});
const LISTS = new Set(['region', 'city', 'country', 'industry', 'tier', 'org']);

/**
 * The search's parameters with what was understood written out, but for `left` (a removed chip):
 * the text left over is the query and `understand=false` keeps it from being read again.
 * @param {NonNullable<SearchAnswer['understood']>} understood
 * @param {Params} current
 * @param {UnderstoodChip | undefined} left
 * @returns {Params}
 */
function explicitParams(understood, current, left) {
  /** @type {Params} */
  const params = { ...current, q: understood.text, understand: 'false' };
  for (const chip of understood.chips) {
    if (chip === left) continue;
    const name = PARAM_OF[chip.kind];
    if (LISTS.has(name)) {
      const list = params[name];
      const values = Array.isArray(list) ? list : list ? [list] : [];
      if (!values.includes(chip.value)) params[name] = [...values, chip.value];
    } else params[name] = chip.value;
  }
  return params;
}

/**
 * "Understood as: [city 长春 ×] [industry 光电信息 ×] text: 工程师 · Search the words as typed".
 * @param {SearchAnswer} result
 * @param {Params} current
 * @param {(params: Params) => string} hashOf
 */
export function understoodBar(result, current, hashOf) {
  const understood = result.understood;
  if (!understood || !understood.applied || understood.chips.length === 0) return null;
  const lang = currentLang();
  return h(
    'div',
    { class: 'understood', role: 'group', 'aria-label': t('understoodAs') },
    h('span', { class: 'understood-label' }, t('understoodAs')),
    understood.chips.map((chip) => {
      const label = `${t(/** @type {import('../i18n.js').StringKey} */ (`chip_${chip.kind}`))}: ${chip.label[lang]}`;
      return h(
        'span',
        { class: 'understood-chip', 'data-kind': chip.kind, title: chip.matched },
        label,
        h(
          'button',
          {
            type: 'button',
            class: 'chip-remove',
            'aria-label': t('chipRemove', { label }),
            onclick: () => navigate(hashOf(explicitParams(understood, current, chip))),
          },
          '×',
        ),
      );
    }),
    h(
      'span',
      { class: 'understood-text' },
      understood.text ? t('understoodText', { text: understood.text }) : t('understoodNoText'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        onclick: () => navigate(hashOf({ ...current, understand: 'false' })),
      },
      t('searchAsTyped'),
    ),
  );
}

/**
 * The "has ties to the region" facet and filter, and "only people outside it".
 * @param {SearchAnswer} result
 * @param {Params} current
 * @param {(params: Params) => string} hashOf
 */
export function tieControls(result, current, hashOf) {
  const facet = result.tieFacet;
  if (!facet) return null;
  const region = facet.name[currentLang()];
  const tied = current.tieRegion === facet.region;
  const outside = current.outside === 'true';
  return h(
    'div',
    { class: 'facet ties-facet', 'data-facet': 'ties' },
    h('h3', null, t('tiesFilter', { region })),
    h(
      'ul',
      null,
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            class: `facet-value${tied ? ' active' : ''}`,
            'aria-pressed': tied ? 'true' : 'false',
            onclick: () => navigate(hashOf({ ...current, tieRegion: tied ? undefined : facet.region })),
          },
          h('span', { class: 'facet-name' }, t('tiesFilter', { region })),
          h('span', { class: 'facet-count' }, num(facet.count)),
        ),
      ),
      h(
        'li',
        null,
        h(
          'label',
          { class: 'outside-choice' },
          h('input', {
            type: 'checkbox',
            name: 'outside',
            checked: outside,
            onchange: () => navigate(hashOf({ ...current, outside: outside ? undefined : 'true' })),
          }),
          ` ${t('outsideFilter', { region })}`,
        ),
      ),
    ),
  );
}

/**
 * The tie line of a result card, when the search asked for ties.
 * @param {SearchAnswer['hits'][number]} hit
 */
export function tieLine(hit) {
  if (!hit.ties) return null;
  return h('p', { class: 'tie-line' }, t('tieLine', { score: hit.ties.score, summary: hit.ties.summary }));
}
