/**
 * The profile's "similar people" panel: GET /api/talents/:id/similar, each person with what they
 * share (skills, patent classes, topics, titles, employers, industries). Loaded after the profile,
 * so the page does not wait for it.
 */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { guarded } from '../session.js';
import { errorBox, resultCard } from '../view.js';

/** @typedef {import('../types.js').SearchHit & { similarity: number, explanation: string }} SimilarHit */

/** @param {string} id */
export function similarSection(id) {
  const body = h('div', null, h('p', { class: 'muted' }, t('loading')));
  const section = h(
    'section',
    { class: 'similar', 'aria-labelledby': 'similar-title' },
    h('h2', { id: 'similar-title' }, t('similarTitle')),
    body,
  );
  void (async () => {
    try {
      /** @type {{ similar: SimilarHit[] } | undefined} */
      const data = await guarded(() => api(`/api/talents/${encodeURIComponent(id)}/similar`));
      if (!data) return;
      replace(
        body,
        data.similar.length === 0
          ? h('p', { class: 'muted' }, t('similarNone'))
          : h(
              'ol',
              { class: 'cards' },
              data.similar.map((s) => {
                const card = resultCard(s);
                card.append(
                  h(
                    'p',
                    { class: 'tie-line' },
                    t('similarShares', {
                      similarity: Math.round(s.similarity * 100),
                      explanation: s.explanation,
                    }),
                  ),
                );
                return card;
              }),
            ),
      );
    } catch (error) {
      replace(body, errorBox(error));
    }
  })();
  return section;
}
