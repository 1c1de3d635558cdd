/**
 * Typed, path-aware readers over parsed JSON for the JSON Resume parser.
 *
 * Real résumés drift from the schema (null for "unknown", empty strings, extra keys), so readers
 * treat `null`, `undefined` and blank strings as "absent". A value of the wrong *type* is
 * different: guessing would silently drop or garble data, so the reader throws a
 * {@link ShapeError} naming the JSON path, which the parser turns into a `schema-mismatch`.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Internal signal only: the parser catches it and returns a rejection (parsers never throw). */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function absent(value: Json | undefined): value is null | undefined {
  return value === null || value === undefined;
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A trimmed string, or undefined when absent or blank; any other type is a shape error. */
export function optString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (absent(value)) return undefined;
  if (typeof value !== 'string')
    throw new ShapeError(childPath(path, key), `expected string, got ${typeName(value)}`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first present string among alternative keys (older schema names such as `company`, `website`). */
export function firstString(obj: JsonObject, keys: readonly string[], path: string): string | undefined {
  for (const key of keys) {
    const value = optString(obj, key, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

function optArray(obj: JsonObject, key: string, path: string): Json[] | undefined {
  const value = obj[key];
  if (absent(value)) return undefined;
  if (!Array.isArray(value))
    throw new ShapeError(childPath(path, key), `expected array, got ${typeName(value)}`);
  return value;
}

export function optObject(obj: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = obj[key];
  if (absent(value)) return undefined;
  if (!isObject(value)) throw new ShapeError(childPath(path, key), `expected object, got ${typeName(value)}`);
  return value;
}

/**
 * The objects of an array section, each with its path. `null` entries (a trailing placeholder)
 * are skipped; a string or number where an object belongs is a shape error.
 */
export function objectsOf(
  obj: JsonObject,
  key: string,
  path: string,
): Array<{ item: JsonObject; path: string }> {
  const list = optArray(obj, key, path) ?? [];
  const out: Array<{ item: JsonObject; path: string }> = [];
  list.forEach((item, index) => {
    const itemPath = childPath(childPath(path, key), index);
    if (item === null) return;
    if (!isObject(item)) throw new ShapeError(itemPath, `expected object, got ${typeName(item)}`);
    out.push({ item, path: itemPath });
  });
  return out;
}

/**
 * A list of strings (`highlights`, `keywords`, `courses`). A lone string is accepted as a list of
 * one (a common hand-written slip that loses nothing); numbers are kept as written (`"HTML5"`
 * next to `5`); objects inside are a shape error.
 */
export function optStringList(obj: JsonObject, key: string, path: string): string[] {
  const value = obj[key];
  if (absent(value)) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (!Array.isArray(value))
    throw new ShapeError(childPath(path, key), `expected array, got ${typeName(value)}`);
  const out: string[] = [];
  value.forEach((item, index) => {
    if (item === null) return;
    if (typeof item === 'number') out.push(String(item));
    else if (typeof item === 'string') {
      if (item.trim() !== '') out.push(item.trim());
    } else
      throw new ShapeError(childPath(childPath(path, key), index), `expected string, got ${typeName(item)}`);
  });
  return out;
}
