/**
 * A profile's evidence: the numbered list of its source documents with the facts each gave, and
 * the `[n]` buttons by which every claim, score point and merge points to its source.
 */
import { h } from '../dom.js';
import { date, t } from '../i18n.js';
import { section } from './profile-sections.js';

/** @typedef {import('../types.js').TalentProfile} TalentProfile */

/**
 * `[n]` buttons to the evidence entries of these sources (the hash is the router's, so they
 * move the focus instead of linking).
 * @typedef {(sourceIds: readonly string[] | undefined) => HTMLButtonElement[]} Refs
 */

/**
 * @param {TalentProfile} p
 * @returns {Refs}
 */
export function evidenceRefs(p) {
  const index = new Map(p.evidence.map((e, i) => [e.sourceId, i]));
  return (sourceIds) =>
    (sourceIds ?? [])
      .map((id) => index.get(id))
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

/** @param {TalentProfile} p */
export function evidenceSection(p) {
  return section(
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
  );
}
