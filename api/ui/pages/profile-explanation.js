/**
 * The profile's score explanation: the tier rule that applied, then per industry every point with
 * its reason and sources, then the notes.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { industryName } from '../session.js';
import { section } from './profile-sections.js';

/** @typedef {import('../types.js').TalentProfile} TalentProfile */
/** @typedef {import('./profile-evidence.js').Refs} Refs */

/**
 * @param {TalentProfile['explanation'] | undefined} x
 * @param {Refs} refs
 */
export function explanationSection(x, refs) {
  if (!x) return null;
  return section(
    t('sectionExplanation'),
    h('p', null, t('tierRule', { tier: x.tier.tier, rule: x.tier.rule, because: x.tier.because })),
    x.industries.map((ind) =>
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
    ),
    x.notes.length > 0
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
  );
}
