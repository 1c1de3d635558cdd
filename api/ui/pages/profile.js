/**
 * The profile page (#/talent/<id>): everything the index knows of a person, each claim linked to
 * its evidence, the score explanation point by point, why its sources are one person, and erasure
 * for admins. The panels are built in profile-*.js.
 */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { can, guarded } from '../session.js';
import { errorBox, focusHeading, heading, industriesList, main, tierBadge } from '../view.js';
import { evidenceRefs, evidenceSection } from './profile-evidence.js';
import { explanationSection } from './profile-explanation.js';
import { mergesSection } from './profile-merges.js';
import { similarSection } from './profile-similar.js';
import { contactsSection, identitySection, recordSections } from './profile-sections.js';

/** @typedef {import('../types.js').TalentProfile} TalentProfile */
/** @typedef {import('../types.js').TalentResponse} TalentResponse */
/** @typedef {import('../types.js').ErasureResponse} ErasureResponse */

/** @type {import('../router.js').Page} */
export const profilePage = { path: '/talent/', render: ({ rest }) => renderProfile(rest) };

/** @param {string} id */
async function renderProfile(id) {
  replace(main, h('p', { class: 'muted' }, t('loading')));
  /** @type {TalentResponse | undefined} */
  let data;
  try {
    data = await guarded(() => api(`/api/talents/${encodeURIComponent(id)}`));
  } catch (error) {
    replace(main, h('p', null, h('a', { href: '#/search' }, `← ${t('back')}`)), errorBox(error));
    return;
  }
  if (!data) return;
  const p = data.profile;
  const refs = evidenceRefs(p);
  replace(
    main,
    backLink(),
    h(
      'header',
      { class: 'profile-head' },
      heading(p.displayName),
      tierBadge(p.tier),
      h('span', { class: 'score big' }, t('priority', { score: p.priorityScore })),
    ),
    h('p', { class: 'reason' }, p.reason),
    industriesList(p.topIndustries),
    identitySection(p),
    contactsSection(data),
    recordSections(p, refs),
    explanationSection(p.explanation, refs),
    evidenceSection(p),
    mergesSection(p, refs),
    similarSection(p.id),
    can('erase') ? h('div', { class: 'danger-zone' }, eraseButton(p)) : null,
  );
  focusHeading();
}

/** Back to the results the profile was opened from (the history), else to the search page. */
function backLink() {
  return h(
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
  );
}

/** @param {TalentProfile} p */
function eraseButton(p) {
  return h(
    'button',
    {
      type: 'button',
      class: 'danger',
      onclick: async () => {
        if (!confirm(t('eraseConfirm', { name: p.displayName }))) return;
        try {
          /** @type {ErasureResponse | undefined} */
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
  );
}
