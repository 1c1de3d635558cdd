/**
 * Saved searches (#/saved): a key's saved searches, each to open as a search, run (its matches new
 * since the last run) or delete.
 */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { date, num, t } from '../i18n.js';
import { navigate } from '../router.js';
import { guarded } from '../session.js';
import { errorBox, focusHeading, heading, main, resultCard } from '../view.js';
import { searchHash } from './search.js';

/** @typedef {import('../types.js').SavedSearch} SavedSearch */
/** @typedef {import('../types.js').SavedSearchRun} SavedSearchRun */

/** @type {import('../router.js').Page} */
export const savedSearchesPage = {
  path: '/saved',
  nav: 'navSaved',
  needs: 'saved-searches',
  render: () => renderSaved(),
};

async function renderSaved() {
  replace(main, heading(t('savedTitle')), h('p', { class: 'muted' }, t('loading')));
  focusHeading();
  /** @type {{ savedSearches: SavedSearch[] } | undefined} */
  let list;
  try {
    list = await guarded(() => api('/api/saved-searches'));
  } catch (error) {
    main.append(errorBox(error));
    return;
  }
  if (!list) return;
  const items = list.savedSearches.map(savedSearchItem);
  replace(
    main,
    heading(t('savedTitle')),
    items.length === 0 ? h('p', null, t('savedNone')) : h('ul', { class: 'cards' }, items),
  );
  focusHeading();
}

/** @param {SavedSearch} ss */
function savedSearchItem(ss) {
  const output = h('div', { class: 'run-output', 'aria-live': 'polite' });
  const run = async () => {
    try {
      /** @type {SavedSearchRun | undefined} */
      const done = await guarded(() => api(`/api/saved-searches/${ss.id}/run`, { method: 'POST' }));
      if (done)
        replace(
          output,
          h('p', null, t('newMatches', { count: done.newCount, at: date(done.previousRunAt) })),
          h('ol', { class: 'cards' }, done.newMatches.map(resultCard)),
        );
    } catch (error) {
      replace(output, errorBox(error));
    }
  };
  const remove = async () => {
    try {
      await guarded(() => api(`/api/saved-searches/${ss.id}`, { method: 'DELETE' }));
      await renderSaved();
    } catch (error) {
      replace(output, errorBox(error));
    }
  };
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
      h('button', { type: 'button', onclick: () => navigate(searchHash(ss.query)) }, t('open')),
      h('button', { type: 'button', class: 'primary', onclick: run }, t('run')),
      h('button', { type: 'button', onclick: remove }, t('delete')),
    ),
    output,
  );
}
