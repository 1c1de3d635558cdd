import { ProcessingError } from '../../lib/errors.js';

/**
 * Rejects XML whose DOCTYPE declares entities. Our parsers never expand DTD entities and never
 * fetch external DTDs or entities (saxes/htmlparser2 do neither), but a document that *declares*
 * them is either an attack ("billion laughs", XXE) or depends on expansion we will not do, so it
 * is rejected outright instead of being half-parsed. A bare external DTD reference
 * (`<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>`) is normal in
 * USPTO files and allowed: it is never fetched.
 */
export function checkXmlSafety(text: string): ProcessingError | undefined {
  const doctypeAt = text.indexOf('<!DOCTYPE');
  if (doctypeAt < 0) return undefined;
  // The internal subset, if any, ends at the first "]>" after the DOCTYPE.
  const end = text.indexOf('>', doctypeAt);
  const open = text.indexOf('[', doctypeAt);
  let subset = '';
  if (open >= 0 && (end < 0 || open < end)) {
    const close = text.indexOf(']>', open);
    subset = text.slice(open + 1, close < 0 ? undefined : close);
  }
  if (/<!ENTITY/i.test(subset)) {
    const external = /<!ENTITY\s+%?\s*[\w.-]+\s+(SYSTEM|PUBLIC)\b/i.test(subset);
    return new ProcessingError(
      'entity-declaration-forbidden',
      external
        ? 'DOCTYPE declares an external entity; external entities are never fetched or expanded'
        : 'DOCTYPE declares entities; entity expansion is disabled (guards against "billion laughs")',
      { location: `offset ${doctypeAt}` },
    );
  }
  return undefined;
}
