/**
 * The panels of the profile page that show what the index knows of a person: identity, contacts,
 * affiliations, education, patents, filing roles, summary. Each claim carries its `[n]` sources.
 */
import { h } from '../dom.js';
import { currentLang, date, t } from '../i18n.js';

/** @typedef {import('../types.js').TalentProfile} TalentProfile */
/** @typedef {import('../types.js').TalentResponse} TalentResponse */
/** @typedef {import('../types.js').Child} Child */
/** @typedef {import('./profile-evidence.js').Refs} Refs */

/**
 * A titled panel; nothing when it has no content.
 * @param {string} title
 * @param {...Child} content
 */
export function section(title, ...content) {
  const items = content.flat().filter(Boolean);
  if (items.length === 0) return null;
  return h('section', { class: 'panel' }, h('h2', null, title), ...items);
}

/**
 * A definition list of the pairs that have a value.
 * @param {ReadonlyArray<readonly [string, Child]>} pairs
 */
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
 * @param {string | undefined} start
 * @param {string | undefined} end
 * @param {boolean} [current]
 */
function period(start, end, current) {
  if (!start && !end) return current ? t('current') : '';
  return `${start ?? ''} – ${end ?? (current ? t('current') : '')}`;
}

/**
 * A list panel: one item per entry, nothing when there are none.
 * @template E
 * @param {string} title
 * @param {readonly E[] | undefined} entries
 * @param {(entry: E) => Child} item
 */
function listSection(title, entries, item) {
  return section(
    title,
    (entries ?? []).length > 0
      ? h(
          'ul',
          { class: 'plain' },
          (entries ?? []).map((e) => h('li', null, item(e))),
        )
      : null,
  );
}

/** @param {TalentProfile} p */
export function identitySection(p) {
  return section(
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
  );
}

/**
 * Contacts and identifiers; for a role that sees them masked, which fields are hidden.
 * @param {TalentResponse} data
 */
export function contactsSection(data) {
  const p = data.profile;
  /** @type {Array<readonly [string, Child]>} */
  const contacts = [
    ...p.emails.map((e) => /** @type {const} */ ([t('email'), h('a', { href: `mailto:${e}` }, e)])),
    ...p.phones.map((phone) => /** @type {const} */ ([t('phone'), phone])),
    ...p.urls.map(
      (u) =>
        /** @type {const} */ ([
          t('link'),
          /^https?:\/\//.test(u) ? h('a', { href: u, target: '_blank', rel: 'noopener noreferrer' }, u) : u,
        ]),
    ),
    ...(p.identifiers?.orcid ? [/** @type {const} */ (['ORCID', p.identifiers.orcid])] : []),
    ...(p.identifiers?.secCiks ?? []).map((c) => /** @type {const} */ (['SEC CIK', c])),
  ];
  /** @type {TalentResponse['access']['hidden']} */
  const everyField = ['emails', 'phones', 'birthDate', 'address'];
  const hidden = data.access.hidden.length > 0 ? data.access.hidden : everyField;
  return section(
    t('sectionContacts'),
    data.access.contacts === 'masked'
      ? h(
          'p',
          { class: 'masked-note' },
          t('contactsMasked', {
            fields: hidden.map((f) => t(`masked_${f}`)).join(currentLang() === 'zh' ? '、' : ', '),
          }),
        )
      : null,
    contacts.length > 0 ? facts(contacts) : null,
  );
}

/**
 * Affiliations, education, patents, publications and filing roles, each with its sources.
 * @param {TalentProfile} p
 * @param {Refs} refs
 */
export function recordSections(p, refs) {
  return [
    listSection(t('sectionAffiliations'), p.affiliations, (a) => [
      [a.title, a.department, a.organization].filter(Boolean).join(', '),
      ' ',
      h('span', { class: 'muted' }, period(a.startDate, a.endDate, a.current)),
      ' ',
      refs(a.sources),
    ]),
    listSection(t('sectionEducation'), p.education, (e) => [
      [e.degree ?? e.degreeLevel, e.area, e.institution].filter(Boolean).join(', '),
      ' ',
      h('span', { class: 'muted' }, period(e.startDate, e.endDate)),
      ' ',
      refs(e.sources),
    ]),
    listSection(t('sectionPatents'), p.patents, (pt) => [
      h('b', null, pt.id),
      ` ${pt.title} `,
      h('span', { class: 'muted' }, [pt.date, pt.cpc.join(' ')].filter(Boolean).join(' · ')),
      ' ',
      refs([pt.sourceId]),
    ]),
    listSection(t('sectionPublications'), p.publications, (w) => [
      h('b', null, w.title),
      ' ',
      h(
        'span',
        { class: 'muted' },
        [
          w.venue,
          w.year === undefined ? undefined : String(w.year),
          w.doi === undefined ? undefined : `doi:${w.doi}`,
          w.citedByCount === undefined ? undefined : t('citedBy', { n: String(w.citedByCount) }),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      ' ',
      refs([w.sourceId]),
    ]),
    listSection(t('sectionFilings'), p.filingRoles, (r) => [
      `${r.role}${r.title ? ` (${r.title})` : ''} · ${r.issuer ?? ''} · Form ${r.form}${r.date ? ` ${r.date}` : ''} `,
      refs([r.sourceId]),
    ]),
    p.summary ? section(t('sectionSummary'), h('p', null, p.summary)) : null,
  ];
}
