/**
 * What the signed-in session knows: the key's holder (name, role, capabilities) and the priority
 * industries (for their names in both languages). Pages read it; the shell (app.js) fills it.
 */
import { api, ApiFailure, forgetKey } from './api.js';
import { currentLang } from './i18n.js';

/** @typedef {import('./types.js').Me} Me */
/** @typedef {import('./types.js').IndustryInfo} IndustryInfo */
/** @typedef {import('./types.js').Capability} Capability */

/** @type {{ me: Me | null, industries: IndustryInfo[] }} */
export const session = { me: null, industries: [] };

/** @type {(problem?: string) => void} */
let signedOut = () => {};

/**
 * What to do when the API no longer takes the key (the shell shows the sign-in form).
 * @param {(problem?: string) => void} handler
 */
export function onSignedOut(handler) {
  signedOut = handler;
}

/**
 * Forgets the key and the session.
 * @param {string} [problem] why, when the API refused the key (expired, revoked)
 */
export function signOut(problem) {
  forgetKey();
  session.me = null;
  signedOut(problem);
}

/**
 * Runs a page's loader; a 401 sends the user back to the sign-in form (and gives undefined).
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T | undefined>}
 */
export async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) {
      signOut(error.message);
      return undefined;
    }
    throw error;
  }
}

/**
 * Whether the signed-in key's role has `capability`.
 * @param {Capability} capability
 */
export function can(capability) {
  return session.me?.can.includes(capability) ?? false;
}

export async function loadIndustries() {
  /** @type {{ industries: IndustryInfo[] }} */
  const answer = await api('/api/industries');
  session.industries = answer.industries;
}

/**
 * An industry's name in the current language (its id when unknown).
 * @param {string} id
 */
export function industryName(id) {
  const industry = session.industries.find((i) => i.id === id);
  return industry ? industry.name[currentLang()] : id;
}
