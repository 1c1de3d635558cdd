import type { estypes } from '@elastic/elasticsearch';

/**
 * Index templates of the Elasticsearch backend. Every index lives behind an alias,
 * `<prefix>-<kind>` → `<prefix>-<kind>-v<N>`, and gets its settings and mappings from the template
 * of its kind (pattern `<prefix>-<kind>-v*`), so a reindex builds `v<N+1>` from the current
 * template and swaps the alias.
 *
 * Mappings are explicit and `dynamic: 'strict'` at the root: a field the code does not know is a
 * refused document, never a new mapping. The two open-ended objects are bounded by configuration,
 * not by input: `scores.<industry>` (industries come from config/industries.yaml, ids
 * `[a-z][a-z0-9-]*`) and `evidenceBySource.<kind>` (one per source kind); a dynamic template maps
 * their children to numbers. One field per industry keeps sorting (`score:<industry>`), filters
 * and supply counts plain numeric range queries and sorts, where a nested `{industry, score}`
 * list would cost a hidden document per score and nested sorts.
 */

/**
 * Version of each kind's mappings, stored in its index's `_meta`. Bump a kind's number when its
 * mappings change (then reindex it). Profiles v2: `mentionIds` and `digest`, which let concurrent
 * workers find a profile left behind by a rebuild that raced another.
 */
export const SCHEMA_VERSIONS: Readonly<
  Record<'profiles' | 'mentions' | 'records' | 'inputs' | 'erasures', number>
> = {
  profiles: 2,
  mentions: 1,
  records: 1,
  inputs: 1,
  erasures: 1,
};

export type IndexKind = keyof typeof SCHEMA_VERSIONS;
export const INDEX_KINDS: readonly IndexKind[] = ['profiles', 'mentions', 'records', 'inputs', 'erasures'];

/** A Chinese analyzer from a plugin, when the cluster has one (never required). */
export type ChineseAnalyzer = 'smartcn' | 'icu_analyzer';

export const aliasName = (prefix: string, kind: IndexKind): string => `${prefix}-${kind}`;
export const versionedName = (prefix: string, kind: IndexKind, version: number): string =>
  `${prefix}-${kind}-v${version}`;

/** The version number of `<prefix>-<kind>-v<N>`, or undefined for another name. */
export function versionOf(prefix: string, kind: IndexKind, index: string): number | undefined {
  const head = `${prefix}-${kind}-v`;
  if (!index.startsWith(head)) return undefined;
  const n = Number(index.slice(head.length));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export interface TemplateOptions {
  /** Primary shards of the profile index. One keeps terms aggregations exact (see supply.ts). @defaultValue 1 */
  shards?: number;
  /** `auto_expand_replicas` range. @defaultValue '0-1' (none on a single node, one copy on a cluster) */
  replicas?: string;
  chineseAnalyzer?: ChineseAnalyzer;
}

const keyword: estypes.MappingProperty = { type: 'keyword' };
/** Kept for the application (in `_source`) but neither searched nor aggregated. */
const stored: estypes.MappingProperty = { type: 'object', enabled: false };

/** Full-text fields: the standard analyzer (Unicode word breaks; each Han character is a token). */
function textField(chinese: ChineseAnalyzer | undefined): estypes.MappingProperty {
  return chinese
    ? { type: 'text', analyzer: 'standard', fields: { zh: { type: 'text', analyzer: chinese } } }
    : { type: 'text', analyzer: 'standard' };
}

export const TEXT_FIELDS = ['name', 'title', 'org', 'skill', 'body'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

function profileMappings(chinese: ChineseAnalyzer | undefined): estypes.MappingTypeMapping {
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, textField(chinese)]));
  // Trigram tokens made by the application (substring-grams.ts); whitespace analysis keeps them whole.
  const grams = Object.fromEntries(
    TEXT_FIELDS.map((f) => [f, { type: 'text', analyzer: 'whitespace' } as const]),
  );
  return {
    dynamic: 'strict',
    // The grams are several times the text's size and derived from `profile`: indexed, not stored.
    _source: { excludes: ['grams'] },
    _meta: { schemaVersion: SCHEMA_VERSIONS.profiles, kind: 'profiles', chineseAnalyzer: chinese ?? null },
    dynamic_templates: [
      { industry_scores: { path_match: 'scores.*', mapping: { type: 'double' } } },
      { evidence_counts: { path_match: 'evidenceBySource.*', mapping: { type: 'integer' } } },
    ],
    properties: {
      id: keyword,
      profile: stored,
      /** The evidence's mention ids: which profiles hold a mention (see profilesHolding). */
      mentionIds: keyword,
      /** Hash of `profile`: whether a stored profile is the one a writer put. */
      digest: { type: 'keyword', index: false },
      ...text,
      grams: { properties: grams },
      tier: keyword,
      // double, not float: sorting ties and cursor keys match the stored numbers exactly.
      priority: { type: 'double' },
      // ISO strings compared as strings, like the embedded index (`seenSince` never fails to parse).
      lastSeen: keyword,
      industries: keyword,
      scores: { type: 'object', dynamic: true },
      evidenceCount: { type: 'integer' },
      evidenceBySource: { type: 'object', dynamic: true },
      place: {
        properties: {
          country: keyword,
          region: keyword,
          city: keyword,
          regionKeys: keyword,
          cityKeys: keyword,
        },
      },
      skillLabels: keyword,
      skillKeys: keyword,
      supply: { properties: { region: keyword, country: keyword, regionCountry: keyword } },
    },
  };
}

const mentionMappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  _meta: { schemaVersion: SCHEMA_VERSIONS.mentions, kind: 'mentions' },
  properties: {
    mentionId: keyword,
    sourceId: keyword,
    profileId: keyword,
    keys: keyword,
    /** fetchedAt, document and mention: read back whole, never searched. */
    stored,
  },
};

const recordMappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  _meta: { schemaVersion: SCHEMA_VERSIONS.records, kind: 'records' },
  properties: {
    sourceId: keyword,
    checksum: { type: 'keyword', index: false },
    outcome: keyword,
    committedAt: { type: 'date' },
  },
};

const inputMappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  _meta: { schemaVersion: SCHEMA_VERSIONS.inputs, kind: 'inputs' },
  properties: {
    fingerprint: { type: 'keyword', index: false },
    path: { type: 'keyword', index: false },
    records: { type: 'integer' },
    finishedAt: { type: 'date' },
  },
};

/** One document per erased merge key; its id is the key's hash (indexer/erasure-keys.ts). */
const erasureMappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  _meta: { schemaVersion: SCHEMA_VERSIONS.erasures, kind: 'erasures' },
  properties: {
    profileId: keyword,
    erasedAt: { type: 'date' },
  },
};

/** The `_index_template` body of one kind. */
export function indexTemplate(
  prefix: string,
  kind: IndexKind,
  options: TemplateOptions = {},
): estypes.IndicesPutIndexTemplateRequest {
  const mappings =
    kind === 'profiles'
      ? profileMappings(options.chineseAnalyzer)
      : kind === 'mentions'
        ? mentionMappings
        : kind === 'records'
          ? recordMappings
          : kind === 'inputs'
            ? inputMappings
            : erasureMappings;
  return {
    name: `${prefix}-${kind}`,
    index_patterns: [`${prefix}-${kind}-v*`],
    // Above the built-in templates' 100–500 range is not needed: ours match only our names.
    priority: 200,
    _meta: { schemaVersion: SCHEMA_VERSIONS[kind], managedBy: 'talent-brain' },
    template: {
      settings: {
        number_of_shards: kind === 'profiles' ? (options.shards ?? 1) : 1,
        auto_expand_replicas: options.replicas ?? '0-1',
        // Profiles are large JSON documents read by id or a page at a time: smaller on disk wins.
        ...(kind === 'profiles' || kind === 'mentions' ? { codec: 'best_compression' } : {}),
      },
      mappings,
    },
  };
}
