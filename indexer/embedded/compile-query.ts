import type { SearchFilters } from '../contract.js';
import { anyOfField } from '../query/any-of-field.js';
import type { QueryAst, QueryNode } from '../query/parse-query.js';
import { foldText, isShortTerm } from './search-text.js';

/** A SQL boolean expression over `profiles p`, with its positional parameters. */
export interface SqlPart {
  sql: string;
  params: Array<string | number>;
}

/** Trigrams match terms of three or more characters; two-character ones use `fts_short`, one-character ones `instr`. */
const TRIGRAM_MIN = 3;
const ALL_COLUMNS = 'name || char(10) || title || char(10) || org || char(10) || skill || char(10) || body';

const ftsString = (text: string): string => `"${text.replaceAll('"', '""')}"`;
const chars = (text: string): number => [...text].length;

function leaf(term: Extract<QueryNode, { kind: 'term' }>): SqlPart {
  const text = foldText(term.text);
  if (chars(text) >= TRIGRAM_MIN) {
    const match = term.field ? `${term.field} : ${ftsString(text)}` : ftsString(text);
    return { sql: 'p.rid IN (SELECT rowid FROM fts WHERE fts MATCH ?)', params: [match] };
  }
  // Two characters (电池, 芯片, AI, 5G): the bigram / short-word table.
  if (isShortTerm(text)) {
    const match = term.field ? `${term.field} : ${ftsString(text)}` : ftsString(text);
    return { sql: 'p.rid IN (SELECT rowid FROM fts_short WHERE fts_short MATCH ?)', params: [match] };
  }
  // One character (光) or a mixed pair: a scan of the indexed text, still far below the cost of a
  // miss.
  return {
    sql: `p.rid IN (SELECT rowid FROM fts WHERE instr(${term.field ?? ALL_COLUMNS}, ?) > 0)`,
    params: [text],
  };
}

export function compileText(node: QueryAst): SqlPart | null {
  if (node === null) return null;
  switch (node.kind) {
    case 'term':
      return leaf(node);
    case 'not': {
      const inner = compileText(node.child);
      return inner ? { sql: `NOT (${inner.sql})`, params: inner.params } : null;
    }
    case 'and':
    case 'or': {
      const parts = node.children.map(compileText).filter((p): p is SqlPart => p !== null);
      if (parts.length === 0) return null;
      return {
        sql: parts.map((p) => `(${p.sql})`).join(node.kind === 'and' ? ' AND ' : ' OR '),
        params: parts.flatMap((p) => p.params),
      };
    }
  }
}

/**
 * The whole text query as one FTS5 expression over the trigram table, when it can be one: every
 * term has three characters or more and every NOT has a positive side (FTS5's NOT is binary). One
 * MATCH then yields both the matching set and its bm25 rank — instead of one MATCH per term and
 * another for ranking, each decoding the long doclists of common trigrams.
 */
export function ftsExpression(node: QueryAst): string | null {
  if (node === null) return null;
  switch (node.kind) {
    case 'term': {
      const text = foldText(node.text);
      if (chars(text) < TRIGRAM_MIN) return null;
      return node.field ? `${node.field} : ${ftsString(text)}` : ftsString(text);
    }
    case 'not':
      return null;
    case 'or': {
      const parts = node.children.map(ftsExpression);
      if (parts.some((p) => p === null)) return null;
      return parts.map((p) => `(${p})`).join(' OR ');
    }
    case 'and': {
      const positive = node.children.filter((c) => c.kind !== 'not').map(ftsExpression);
      const negative = node.children
        .filter((c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not')
        .map((c) => ftsExpression(c.child));
      if (positive.length === 0 || positive.some((p) => p === null) || negative.some((p) => p === null))
        return null;
      const base = positive.map((p) => `(${p})`).join(' AND ');
      return negative.length === 0 ? base : `(${base}) NOT (${negative.map((n) => `(${n})`).join(' OR ')})`;
    }
  }
}

/** An FTS expression OR-ing the positive trigram terms, for bm25 ranking; null when there are none. */
export function rankMatch(node: QueryAst, negated = false): string | null {
  if (node === null) return null;
  if (node.kind === 'not') return rankMatch(node.child, !negated);
  if (node.kind === 'term') {
    if (negated) return null;
    const text = foldText(node.text);
    if (chars(text) < TRIGRAM_MIN) return null;
    return node.field ? `${node.field} : ${ftsString(text)}` : ftsString(text);
  }
  const parts = node.children.map((c) => rankMatch(c, negated)).filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.map((p) => `(${p})`).join(' OR ');
}

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');
const stripSuffix = (v: string, suffix: RegExp): string[] => {
  const bare = v.replace(suffix, '');
  return bare !== v && bare !== '' ? [v, bare] : [v];
};

export function compileFilters(filters: SearchFilters | undefined): SqlPart[] {
  if (!filters) return [];
  const parts: SqlPart[] = [];
  const industries = filters.industries?.filter((i) => i !== '') ?? [];
  // `p.rid IN (SELECT …)` rather than EXISTS: SQLite can then drive the query from the filter's
  // index (scores_rank, skills_key, locations_country) instead of testing every profile.
  if (industries.length > 0) {
    parts.push({
      sql: `p.rid IN (SELECT rid FROM scores WHERE industry IN (${placeholders(industries)}) AND score > 0 AND score >= ?)`,
      params: [...industries, filters.minScore ?? 0],
    });
  } else if (filters.minScore !== undefined) {
    parts.push({ sql: 'p.priority >= ?', params: [filters.minScore] });
  }
  if (filters.tiers && filters.tiers.length > 0)
    parts.push({
      sql: `p.tier IN (${placeholders(filters.tiers)})`,
      params: filters.tiers.map((t) => t.toUpperCase()),
    });
  if (filters.countries && filters.countries.length > 0) {
    const values = filters.countries.map((c) => c.trim().toUpperCase());
    parts.push({
      sql: `p.rid IN (SELECT rid FROM locations WHERE country IN (${placeholders(values)}))`,
      params: values,
    });
  }
  if (filters.regions && filters.regions.length > 0) {
    const values = filters.regions.flatMap((r) => stripSuffix(foldText(r), /(省|市|自治区|特别行政区)$/u));
    const ph = placeholders(values);
    parts.push({
      sql: `EXISTS (SELECT 1 FROM locations l WHERE l.rid = p.rid AND (lower(l.region_code) IN (${ph}) OR lower(l.region) IN (${ph}) OR l.region_zh IN (${ph})))`,
      params: [...values, ...values, ...values],
    });
  }
  if (filters.cities && filters.cities.length > 0) {
    const values = filters.cities.flatMap((c) => stripSuffix(foldText(c), /市$/u));
    const ph = placeholders(values);
    parts.push({
      sql: `EXISTS (SELECT 1 FROM locations l WHERE l.rid = p.rid AND (lower(l.city) IN (${ph}) OR l.city_zh IN (${ph})))`,
      params: [...values, ...values],
    });
  }
  if (filters.skills && filters.skills.length > 0) {
    const values = filters.skills.map(foldText);
    parts.push({
      sql: `p.rid IN (SELECT rid FROM skills WHERE key IN (${placeholders(values)}))`,
      params: values,
    });
  }
  if (filters.seenSince !== undefined) parts.push({ sql: 'p.last_seen >= ?', params: [filters.seenSince] });
  for (const [field, values] of [
    ['title', filters.titles],
    ['org', filters.organizations],
    ['org', filters.tieOrganizations],
  ] as const) {
    if (values === undefined || values.length === 0) continue;
    // A list with no usable value matches nothing, as an unknown skill does.
    parts.push(compileText(anyOfField(field, values)) ?? { sql: '0', params: [] });
  }
  if (filters.hasPatents !== undefined)
    parts.push({
      sql: `p.rid ${filters.hasPatents ? '' : 'NOT '}IN (SELECT rid FROM evidence WHERE source_kind = 'patent')`,
      params: [],
    });
  if (filters.excludeRegions && filters.excludeRegions.length > 0) {
    const values = filters.excludeRegions.flatMap((r) =>
      stripSuffix(foldText(r), /(省|市|自治区|特别行政区)$/u),
    );
    const ph = placeholders(values);
    parts.push({
      sql: `NOT EXISTS (SELECT 1 FROM locations l WHERE l.rid = p.rid AND (lower(l.region_code) IN (${ph}) OR lower(l.region) IN (${ph}) OR l.region_zh IN (${ph})))`,
      params: [...values, ...values, ...values],
    });
  }
  return parts;
}
