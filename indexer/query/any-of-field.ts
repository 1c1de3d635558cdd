import type { QueryField, QueryNode } from './parse-query.js';

/**
 * A filter of values matched in one text field (titles, organisations) as the query language
 * matches a quoted fielded term: both backends compile it with their own text compiler, so the
 * filter and `org:"吉林大学"` typed in the box can never disagree. Null when no value has content.
 */
export function anyOfField(field: QueryField, values: readonly string[]): QueryNode | null {
  const children: QueryNode[] = [
    ...new Set(values.map((v) => v.trim()).filter((v) => /[\p{L}\p{N}]/u.test(v))),
  ].map((text) => ({ kind: 'term', text, phrase: true, field }));
  if (children.length === 0) return null;
  return children.length === 1 ? (children[0] as QueryNode) : { kind: 'or', children };
}
