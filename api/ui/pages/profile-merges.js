/**
 * Why the profile's sources are one person: each merge, its two sources and its reasons; on
 * request, the closest mentions resolution kept apart and why (GET /api/talents/:id/resolution).
 */
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { section } from './profile-sections.js';

/** @typedef {import('../types.js').TalentProfile} TalentProfile */
/** @typedef {import('../types.js').ResolutionResponse} ResolutionResponse */
/** @typedef {import('./profile-evidence.js').Refs} Refs */

/**
 * @param {TalentProfile} p
 * @param {Refs} refs
 */
export function mergesSection(p, refs) {
  const merges = p.merges ?? [];
  /** A merge's side: the button to its source in the evidence list, else the mention's id. */
  const side = (/** @type {string} */ mentionId) => {
    const source = p.evidence.find((e) => e.mentionId === mentionId)?.sourceId;
    const link = source === undefined ? [] : refs([source]);
    return link.length > 0 ? link : mentionId;
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
              side(m.left),
              ' ⇄ ',
              side(m.right),
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
    keptApart(p.id),
  );
}

/**
 * The "show similar mentions kept apart" button and the place its answer goes.
 * @param {string} id
 */
function keptApart(id) {
  const apart = h('div', { class: 'near-misses', 'aria-live': 'polite' });
  const check = h('button', { type: 'button' }, t('showKeptApart'));
  check.onclick = async () => {
    check.disabled = true;
    try {
      /** @type {ResolutionResponse} */
      const x = await api(`/api/talents/${encodeURIComponent(id)}/resolution`);
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
      apart.replaceChildren(
        h('p', { role: 'alert' }, error instanceof Error ? error.message : String(error)),
      );
    } finally {
      check.disabled = false;
    }
  };
  return [check, apart];
}
