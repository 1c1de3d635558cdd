/**
 * Pages live in the URL's hash (#/search?q=…, #/talent/<id>, #/dashboard, #/saved), so the back
 * button, reloads and links work. A page is a {@link Page}; pages/index.js lists them in the order
 * of the header's links, and the shell (app.js) draws the one the hash names.
 */

/**
 * @typedef {object} Route
 * @property {string} path the hash's path, `/talent/abc`
 * @property {string} rest what follows the page's path when it ends with '/' (`abc`, decoded)
 * @property {URLSearchParams} params the hash's query
 */

/**
 * @typedef {object} Page
 * @property {string} path `/dashboard`; a path ending with '/' (`/talent/`) takes the rest of the hash as {@link Route.rest}
 * @property {import('./i18n.js').StringKey} [nav] the header link's text; no link without it
 * @property {import('./types.js').Capability} [needs] capability the header link needs
 * @property {(route: Route) => Promise<void>} render fetches what it shows and draws it into `main`
 */

/** @returns {{ path: string, params: URLSearchParams }} */
export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/search';
  const [path = '/search', query = ''] = raw.split('?');
  return { path, params: new URLSearchParams(query) };
}

/**
 * The page of `path`, else the first page (search), and the route it gets.
 * @param {readonly Page[]} pages
 * @param {{ path: string, params: URLSearchParams }} where
 * @returns {{ page: Page, route: Route }}
 */
export function pageFor(pages, { path, params }) {
  const page =
    pages.find((p) => (p.path.endsWith('/') ? path.startsWith(p.path) : path === p.path)) ?? pages[0];
  if (page === undefined) throw new Error('no pages');
  const rest = page.path.endsWith('/') ? decodeURIComponent(path.slice(page.path.length)) : '';
  return { page, route: { path, rest, params } };
}

/** @type {() => Promise<void>} */
let draw = async () => {};

/**
 * The shell's function that draws the page of the current hash.
 * @param {() => Promise<void>} handler
 */
export function onRoute(handler) {
  draw = handler;
}

/** Draws the current page again (a new language, the next page of results). */
export function redraw() {
  return draw();
}

/**
 * Goes to `hash`; when it is the current one, draws the page again.
 * @param {string} hash
 */
export function navigate(hash) {
  if (location.hash === hash) void redraw();
  else location.hash = hash;
}
