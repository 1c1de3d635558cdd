import type { estypes } from '@elastic/elasticsearch';
import type { SearchFilters, SearchQuery, SortOrder } from '../contract.js';
import { foldText } from '../embedded/search-text.js';
import { anyOfField } from '../query/any-of-field.js';
import type { QueryAst } from '../query/parse-query.js';
import { TEXT_FIELDS, type ChineseAnalyzer } from './mappings.js';
import { stripDiacritics, TRIGRAM_MIN, trigramTokens } from './substring-grams.js';

type Query = estypes.QueryDslQueryContainer;

/** Field weights for ranking, as the embedded bm25 weights: a name or title hit says more than an abstract. */
const BOOST: Record<(typeof TEXT_FIELDS)[number], number> = { name: 10, title: 5, org: 4, skill: 4, body: 1 };
const HAN = /\p{Script=Han}/u;

/** A phrase query on one field, or on every text field with the ranking weights. */
function phrase(field: string | undefined, prefix: string, query: string): Query {
  if (field) return { match_phrase: { [`${prefix}${field}`]: { query } } };
  return {
    multi_match: { query, type: 'phrase', fields: TEXT_FIELDS.map((f) => `${prefix}${f}^${BOOST[f]}`) },
  };
}

/**
 * One query term, matched as the embedded index matches it:
 * - three characters or more: a substring of a value — the term's trigrams as a phrase over the
 *   gram fields (substring-grams.ts); `laser` finds "Lasers", 长春光机所 finds it inside a sentence;
 *   a whole-word match of the standard-analyzed text adds to the score (ranks "laser" above "lasers");
 * - shorter: a phrase over the standard-analyzed text, where each Han character is a token — 光电
 *   matches the two characters together (the embedded bigram table), AI or 5G a whole word.
 * A quoted phrase is the same, spaces included.
 */
function termQuery(term: Extract<NonNullable<QueryAst>, { kind: 'term' }>): Query {
  const text = stripDiacritics(foldText(term.text));
  if ([...text].length < TRIGRAM_MIN) return phrase(term.field, '', text);
  return {
    bool: {
      must: [phrase(term.field, 'grams.', trigramTokens(text))],
      should: [phrase(term.field, '', text)],
    },
  };
}

/** The query AST as a bool query; null for an empty query. */
export function compileText(node: QueryAst): Query | null {
  if (node === null) return null;
  switch (node.kind) {
    case 'term':
      return termQuery(node);
    case 'not': {
      const inner = compileText(node.child);
      return inner ? { bool: { must_not: [inner] } } : null;
    }
    case 'and': {
      const parts = node.children.map(compileText).filter((q): q is Query => q !== null);
      return parts.length === 0 ? null : { bool: { must: parts } };
    }
    case 'or': {
      const parts = node.children.map(compileText).filter((q): q is Query => q !== null);
      return parts.length === 0 ? null : { bool: { should: parts, minimum_should_match: 1 } };
    }
  }
}

/** Positive Chinese terms of the query, for the optional ranking boost of a segmenting analyzer. */
function positiveHanTerms(node: QueryAst, negated = false): string[] {
  if (node === null) return [];
  if (node.kind === 'not') return positiveHanTerms(node.child, !negated);
  if (node.kind === 'term') return !negated && HAN.test(node.text) ? [foldText(node.text)] : [];
  return node.children.flatMap((c) => positiveHanTerms(c, negated));
}

/**
 * The text part of a search: what matches (the phrase queries above) and, when the index has a
 * Chinese analyzer's `.zh` sub-fields, a ranking-only clause over them — a profile where 光电
 * is a word ranks above one where the two characters merely touch, and matching stays identical
 * with or without the plugin.
 */
export function textQuery(ast: QueryAst, chinese: ChineseAnalyzer | undefined): Query | null {
  const match = compileText(ast);
  if (match === null || chinese === undefined) return match;
  const han = positiveHanTerms(ast);
  if (han.length === 0) return match;
  return {
    bool: {
      must: [match],
      should: [
        {
          multi_match: {
            query: han.join(' '),
            type: 'best_fields',
            fields: TEXT_FIELDS.map((f) => `${f}.zh^${BOOST[f]}`),
          },
        },
      ],
    },
  };
}

const stripSuffix = (v: string, suffix: RegExp): string[] => {
  const bare = v.replace(suffix, '');
  return bare !== v && bare !== '' ? [v, bare] : [v];
};

/** Industry ids become field names (`scores.<id>`): anything but an id's characters matches nothing. */
const INDUSTRY_ID = /^[a-z0-9][a-z0-9_-]*$/i;
export const isIndustryId = (value: string): boolean => INDUSTRY_ID.test(value);

/** Filter clauses, the same conditions as the embedded index's (indexer/embedded/compile-query.ts). */
export function compileFilters(filters: SearchFilters | undefined): Query[] {
  if (!filters) return [];
  const parts: Query[] = [];
  const industries = filters.industries?.filter((i) => i !== '') ?? [];
  if (industries.length > 0) {
    const min = filters.minScore ?? 0;
    const valid = industries.filter(isIndustryId);
    parts.push(
      valid.length === 0
        ? { match_none: {} }
        : {
            bool: {
              should: valid.map((i) => ({ range: { [`scores.${i}`]: { gt: 0, gte: min } } })),
              minimum_should_match: 1,
            },
          },
    );
  } else if (filters.minScore !== undefined) {
    parts.push({ range: { priority: { gte: filters.minScore } } });
  }
  if (filters.tiers && filters.tiers.length > 0)
    parts.push({ terms: { tier: filters.tiers.map((t) => t.toUpperCase()) } });
  if (filters.countries && filters.countries.length > 0)
    parts.push({ terms: { 'place.country': filters.countries.map((c) => c.trim().toUpperCase()) } });
  if (filters.regions && filters.regions.length > 0)
    parts.push({
      terms: {
        'place.regionKeys': filters.regions.flatMap((r) =>
          stripSuffix(foldText(r), /(省|市|自治区|特别行政区)$/u),
        ),
      },
    });
  if (filters.cities && filters.cities.length > 0)
    parts.push({
      terms: { 'place.cityKeys': filters.cities.flatMap((c) => stripSuffix(foldText(c), /市$/u)) },
    });
  if (filters.skills && filters.skills.length > 0)
    parts.push({ terms: { skillKeys: filters.skills.map(foldText) } });
  if (filters.seenSince !== undefined) parts.push({ range: { lastSeen: { gte: filters.seenSince } } });
  for (const [field, values] of [
    ['title', filters.titles],
    ['org', filters.organizations],
    ['org', filters.tieOrganizations],
  ] as const) {
    if (values === undefined || values.length === 0) continue;
    parts.push(compileText(anyOfField(field, values)) ?? { match_none: {} });
  }
  if (filters.hasPatents !== undefined) {
    const patents: Query = { range: { 'evidenceBySource.patent': { gte: 1 } } };
    parts.push(filters.hasPatents ? patents : { bool: { must_not: [patents] } });
  }
  if (filters.excludeRegions && filters.excludeRegions.length > 0)
    parts.push({
      bool: {
        must_not: [
          {
            terms: {
              'place.regionKeys': filters.excludeRegions.flatMap((r) =>
                stripSuffix(foldText(r), /(省|市|自治区|特别行政区)$/u),
              ),
            },
          },
        ],
      },
    });
  return parts;
}

/** Text and filters as one query: text scores, filters only restrict. */
export function compileQuery(
  query: Pick<SearchQuery, 'text' | 'filters'>,
  ast: QueryAst,
  chinese: ChineseAnalyzer | undefined,
): Query {
  const text = textQuery(ast, chinese);
  const filter = compileFilters(query.filters);
  if (text === null && filter.length === 0) return { match_all: {} };
  return { bool: { ...(text ? { must: [text] } : {}), ...(filter.length > 0 ? { filter } : {}) } };
}

/**
 * The Elasticsearch sort of a sort order, ending in the profile id: a unique key, so
 * `search_after` pages neither repeat nor skip a profile among equal scores. Relevance breaks ties
 * by priority (and, without text, is the priority order, as in the embedded index).
 */
export function sortClauses(sort: SortOrder): estypes.SortCombinations[] {
  if (sort === 'relevance')
    return [{ _score: { order: 'desc' } }, { priority: { order: 'desc' } }, { id: 'asc' }];
  if (sort === 'priority') return [{ priority: { order: 'desc' } }, { id: 'asc' }];
  const industry = sort.slice('score:'.length);
  // An id that cannot be a field name sorts every profile as 0, like an industry nobody scores in.
  const field = `scores.${isIndustryId(industry) ? industry : '_none'}`;
  return [{ [field]: { order: 'desc', missing: 0, unmapped_type: 'double' } }, { id: 'asc' }];
}

/**
 * Whether a cursor's position has the kinds of the sort's key values (`search_after`): refuses a
 * forged or truncated cursor before Elasticsearch does.
 */
export function isSearchAfter(sort: SortOrder): (after: unknown) => after is Array<string | number> {
  const shape = sort === 'relevance' ? ['number', 'number', 'string'] : ['number', 'string'];
  return (after: unknown): after is Array<string | number> =>
    Array.isArray(after) &&
    after.length === shape.length &&
    after.every((v, i) =>
      shape[i] === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'string',
    );
}
