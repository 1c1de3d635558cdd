/**
 * Lenient readers over parsed JSON for the scholarly sources. Their dumps drift a lot across years
 * and exporters (nulls for "unknown", MongoDB extended JSON such as `{"$numberLong": "5"}`, numbers
 * written as strings), and one odd field must not cost the other authors of a work, so a value of
 * an unexpected type reads as absent instead of failing the record.
 */

export type JsonRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function records(value: unknown): JsonRecord[] {
  return asArray(value).flatMap((v) => {
    const r = asRecord(v);
    return r === undefined ? [] : [r];
  });
}

/** A trimmed, non-blank string; numbers are written out (ids exported as numbers), ORCID's `{value}` wrappers unwrapped. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') {
    const trimmed = value.replace(/\s+/g, ' ').trim();
    return trimmed === '' ? undefined : trimmed;
  }
  const wrapped = asRecord(value);
  if (wrapped !== undefined && 'value' in wrapped) return text(wrapped.value);
  return undefined;
}

/** A finite number, also from numeric strings and MongoDB's `$numberInt`/`$numberLong` wrappers. */
export function count(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  const wrapped = asRecord(value);
  if (wrapped === undefined) return undefined;
  return count(wrapped.$numberInt ?? wrapped.$numberLong ?? wrapped.$numberDouble ?? wrapped.value);
}

/** The first key present among spellings (`authorid` in the bulk dataset, `authorId` in the API). */
export function field(obj: JsonRecord | undefined, ...keys: readonly string[]): unknown {
  if (obj === undefined) return undefined;
  for (const key of keys) if (obj[key] !== undefined && obj[key] !== null) return obj[key];
  return undefined;
}

export function texts(value: unknown): string[] {
  return asArray(value).flatMap((v) => {
    const t = text(v);
    return t === undefined ? [] : [t];
  });
}
