/**
 * Parts every page uses: the main area and status line of index.html, the page heading, the
 * error box, and the pieces of a person shown in lists (tier badge, industries, result card).
 */
import { ApiFailure } from './api.js';
import { byId, h } from './dom.js';
import { t } from './i18n.js';
import { industryName } from './session.js';

/** @typedef {import('./types.js').SearchHit} SearchHit */

/** Where pages draw. */
export const main = byId('main');

/** @param {string} text what the status line (role=status) announces */
export function say(text) {
  byId('status').textContent = text;
}

/** @param {unknown} error */
export function errorBox(error) {
  const message =
    error instanceof ApiFailure ? error.message : error instanceof Error ? error.message : String(error);
  return h('p', { class: 'error', role: 'alert' }, t('errorPrefix'), message);
}

/** A page's title; focused once the page is drawn, so keyboard and screen reader users land there. */
export function heading(/** @type {string} */ text) {
  return h('h1', { tabindex: '-1', class: 'page-title' }, text);
}

export function focusHeading() {
  main.querySelector('h1')?.focus({ preventScroll: true });
}

/** @param {string} tier */
export function tierBadge(tier) {
  return h('span', { class: `tier tier-${tier}`, title: t('tierBadge', { tier }) }, t('tierBadge', { tier }));
}

/** @param {ReadonlyArray<{ industry: string, score: number }>} topIndustries */
export function industriesList(topIndustries) {
  return h(
    'ul',
    { class: 'industries' },
    topIndustries.map((i) =>
      h('li', null, h('span', { class: 'ind-name' }, industryName(i.industry)), ' ', h('b', null, i.score)),
    ),
  );
}

/** A search hit as a card linking to the profile (search results, a saved search's new matches). */
export function resultCard(/** @type {SearchHit} */ hit) {
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
