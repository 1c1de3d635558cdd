/* global fetch, sessionStorage, URLSearchParams */
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

export function storeKey(key) {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
}

export class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** `params`: an object of strings, numbers or arrays (repeated parameters); empty values dropped. */
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && String(v) !== '') qs.append(name, String(v));
  }
  const text = qs.toString();
  return text ? `?${text}` : '';
}

/** Calls the API with the stored key; a non-2xx answer throws ApiFailure with the API's message. */
export async function api(path, { method = 'GET', params, body, key } = {}) {
  const headers = { accept: 'application/json' };
  const apiKey = key ?? storedKey();
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${path}${queryString(params)}`, {
    method,
    headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return null;
  const payload = await response.json().catch(() => ({}));
  if (!response.ok)
    throw new ApiFailure(response.status, payload.error ?? 'error', payload.message ?? response.statusText);
  return payload;
}
