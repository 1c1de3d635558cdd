/**
 * The UI's calls to the API. The key lives in sessionStorage: it survives a reload of the tab but
 * not the tab itself, and no other site can read it.
 */

const KEY_STORAGE = 'talent-brain.apiKey';

export function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

/** @param {string} key */
export function storeKey(key) {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
}

/** A non-2xx answer: the HTTP status, the API's error code and its message. */
export class ApiFailure extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Query parameters: strings, numbers or arrays of them (repeated parameters); empty values dropped.
 * @typedef {Record<string, string | number | readonly (string | number)[] | null | undefined>} Params
 */

/**
 * @param {Params | undefined} params
 * @returns {string}
 */
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && String(v) !== '') qs.append(name, String(v));
  }
  const text = qs.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls the API with the stored key; a non-2xx answer throws ApiFailure with the API's message.
 * `T` is the answer's type (types.d.ts), which the caller names: `api(...)` is not checked at run time.
 * @template T
 * @param {string} path
 * @param {{ method?: string, params?: Params, body?: unknown, key?: string }} [options]
 * @returns {Promise<T>}
 */
export async function api(path, { method = 'GET', params, body, key } = {}) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  const apiKey = key ?? storedKey();
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${path}${queryString(params)}`, {
    method,
    headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return /** @type {T} */ (null);
  const payload = await response.json().catch(() => ({}));
  if (!response.ok)
    throw new ApiFailure(response.status, payload.error ?? 'error', payload.message ?? response.statusText);
  return payload;
}
