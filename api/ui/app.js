/**
 * Talent Brain's web UI: the shell around the pages. Plain ES modules, no framework, no build:
 * each page (pages/*.js, listed in pages/index.js) fetches what it shows and builds its DOM. The
 * shell draws the header (language, links, who is signed in), the sign-in form, and the page the
 * URL's hash names (router.js).
 */
import { api, storedKey, storeKey } from './api.js';
import { byId, h, replace } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { pages } from './pages/index.js';
import { onRoute, pageFor, parseHash } from './router.js';
import { loadIndustries, onSignedOut, session, signOut } from './session.js';
import { errorBox, heading, main, say } from './view.js';

/** @typedef {import('./types.js').Me} Me */

function renderChrome() {
  byId('brand-name').textContent = t('appName');
  byId('brand-sub').textContent = t('appSub');
  byId('skip-link').textContent = t('skip');
  document.title = `${t('appName')} · Talent Brain 人才大脑`;
  const langButton = byId('lang-switch');
  langButton.textContent = t('switchTo');
  langButton.setAttribute('aria-label', t('switchToLabel'));
  langButton.setAttribute('lang', currentLang() === 'zh' ? 'en' : 'zh-CN');

  const here = parseHash().path;
  const me = session.me;
  replace(
    byId('nav'),
    me
      ? pages.map((page) =>
          page.nav !== undefined && (page.needs === undefined || me.can.includes(page.needs))
            ? h(
                'a',
                {
                  href: `#${page.path}`,
                  class: 'nav-link',
                  'aria-current': here.startsWith(page.path) ? 'page' : null,
                },
                t(page.nav),
              )
            : null,
        )
      : [],
  );
  replace(
    byId('session'),
    me
      ? [
          h('span', { class: 'who' }, t('signedInAs', { name: me.name, role: t(`role_${me.role}`) })),
          h('button', { type: 'button', class: 'link-button', onclick: () => signOut() }, t('signOut')),
        ]
      : [],
  );
}

/** @param {string} [problem] why the last key was refused */
function renderLogin(problem) {
  renderChrome();
  const input = h('input', {
    id: 'api-key',
    name: 'key',
    type: 'password',
    autocomplete: 'off',
    required: true,
    spellcheck: 'false',
  });
  const message = h(
    'p',
    { class: 'error', role: 'alert' },
    problem ? t('loginFailed', { message: problem }) : '',
  );
  const form = h(
    'form',
    {
      class: 'login',
      onsubmit: async (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) return;
        try {
          /** @type {Me} */
          const me = await api('/api/me', { key });
          session.me = me;
          storeKey(key);
          await loadIndustries();
          await route();
        } catch (error) {
          message.textContent = t('loginFailed', { message: error instanceof Error ? error.message : '' });
          input.focus();
        }
      },
    },
    heading(t('loginTitle')),
    h('p', null, t('loginHelp')),
    h('label', { for: 'api-key' }, t('apiKey')),
    input,
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
    message,
  );
  replace(main, form);
  input.focus();
}

/** Draws the page of the current hash, after signing in with the stored key when needed. */
async function route() {
  say('');
  if (!session.me) {
    if (!storedKey()) return renderLogin();
    try {
      /** @type {Me} */
      const me = await api('/api/me');
      session.me = me;
      await loadIndustries();
    } catch (error) {
      signOut(error instanceof Error ? error.message : String(error));
      return;
    }
  }
  renderChrome();
  const { page, route: where } = pageFor(pages, parseHash());
  try {
    await page.render(where);
  } catch (error) {
    replace(main, errorBox(error));
  }
}

onSignedOut(renderLogin);
onRoute(route);
byId('lang-switch').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  void route();
});
window.addEventListener('hashchange', () => void route());
setLang(currentLang());
void route();
