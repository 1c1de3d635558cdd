import { FACET_NAMES } from '../../indexer/contract.js';
import { TIERS } from '../../processors/model/profile.js';
import { MASKED_FIELDS } from '../access/mask-contacts.js';
import { ROLES } from '../access/roles.js';

/**
 * JSON schemas of every route, requests and responses. Requests are validated by Fastify (Ajv) and
 * refused with a 400 naming the parameter; unknown parameters are refused too, since a misspelt
 * filter (`indstry=`) would otherwise silently match everyone. Responses are serialized from these
 * schemas; objects whose shape belongs to another module (the profile) admit more properties than
 * they list, so a field added there is not silently dropped here.
 */

const stringList = (maxLength = 100) =>
  ({ type: 'array', items: { type: 'string', minLength: 1, maxLength }, maxItems: 50 }) as const;

const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    requestId: { type: 'string' },
  },
} as const;

/** Error answers every route may give. */
export const errorResponses = { '4xx': errorSchema, '5xx': errorSchema } as const;

const datePattern = '^\\d{4}-\\d{2}-\\d{2}$';

/** Parameters of a search (GET /api/search, GET /api/facets, a saved search's query). */
const searchParamProperties = {
  q: { type: 'string', maxLength: 1000, description: 'query text (see docs/cli.md, Queries)' },
  industry: { ...stringList(64), description: 'industry ids (repeat, or a comma list)' },
  tier: { type: 'array', items: { type: 'string', enum: TIERS }, maxItems: 5 },
  country: stringList(),
  region: stringList(),
  city: stringList(),
  skill: stringList(),
  minScore: { type: 'number', minimum: 0, maximum: 100 },
  seenSince: { type: 'string', pattern: datePattern },
  seniority: {
    type: 'string',
    enum: ['executive', 'director', 'principal', 'senior', 'professional', 'junior'],
    description: 'this title level or above',
  },
  patents: { type: 'boolean', description: 'only people with (true) or without (false) patents' },
  org: { ...stringList(200), description: 'schools or employers, any of them' },
  tieRegion: {
    type: 'string',
    pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$',
    description: 'people with a tie to this region (ISO 3166-2, e.g. CN-JL)',
  },
  outside: { type: 'boolean', description: 'only people not located in the tie (else home) region' },
  understand: { type: 'boolean', description: 'read q as plain language (default true)' },
} as const;

/** Search parameters that take several values: repeated, or one comma list. */
export const LIST_PARAMS = [
  'industry',
  'tier',
  'country',
  'region',
  'city',
  'skill',
  'org',
  'facets',
  'by',
] as const;

const facetList = {
  type: 'array',
  items: { type: 'string', enum: [...FACET_NAMES, 'all'] },
  maxItems: FACET_NAMES.length + 1,
} as const;

export const searchQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...searchParamProperties,
    sort: { type: 'string', maxLength: 100, description: 'relevance | priority | score:<industry>' },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    cursor: { type: 'string', minLength: 1, maxLength: 4000 },
    facets: facetList,
  },
} as const;

export const facetsQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: { ...searchParamProperties, facets: facetList },
} as const;

const facetCounts = {
  type: 'object',
  additionalProperties: {
    type: 'array',
    items: {
      type: 'object',
      required: ['value', 'count'],
      properties: { value: { type: 'string' }, count: { type: 'integer' } },
    },
  },
} as const;

const industryScore = {
  type: 'object',
  required: ['industry', 'score'],
  properties: { industry: { type: 'string' }, score: { type: 'number' } },
} as const;

const searchHitSchema = {
  type: 'object',
  required: ['id', 'displayName', 'score', 'topIndustries', 'tier', 'reason'],
  properties: {
    id: { type: 'string' },
    displayName: { type: 'string' },
    score: { type: 'number' },
    topIndustries: { type: 'array', items: industryScore },
    tier: { type: 'string', enum: TIERS },
    reason: { type: 'string' },
    affiliation: { type: 'string' },
    ties: {
      type: 'object',
      required: ['region', 'score', 'summary', 'evidence'],
      properties: {
        region: { type: 'string' },
        score: { type: 'number' },
        summary: { type: 'string' },
        evidence: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kind', 'via', 'detail', 'points', 'sources'],
            properties: {
              kind: { type: 'string' },
              via: { type: 'string' },
              detail: { type: 'string' },
              points: { type: 'number' },
              sources: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

const bilingual = {
  type: 'object',
  required: ['en', 'zh'],
  properties: { en: { type: 'string' }, zh: { type: 'string' } },
} as const;

/** How the query text was read: the filters it gave and the text left (api/understand/). */
export const understoodSchema = {
  type: 'object',
  required: ['input', 'applied', 'text', 'filters', 'chips'],
  properties: {
    input: { type: 'string' },
    applied: { type: 'boolean' },
    text: { type: 'string' },
    filters: { type: 'object', additionalProperties: true },
    chips: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'value', 'label', 'matched'],
        properties: {
          kind: { type: 'string' },
          value: { type: 'string' },
          label: bilingual,
          matched: { type: 'string' },
        },
      },
    },
  },
} as const;

/** The query as the index ran it (after defaults), echoed so a client can show and repeat it. */
const searchQueryEcho = {
  type: 'object',
  additionalProperties: true,
  properties: {
    text: { type: 'string' },
    sort: { type: 'string' },
    limit: { type: 'integer' },
    cursor: { type: 'string' },
    facets: { type: 'array', items: { type: 'string' } },
    filters: { type: 'object', additionalProperties: true },
  },
} as const;

export const searchResponse = {
  type: 'object',
  required: ['query', 'hits', 'total', 'facets'],
  properties: {
    query: searchQueryEcho,
    understood: understoodSchema,
    hits: { type: 'array', items: searchHitSchema },
    total: { type: 'integer' },
    facets: facetCounts,
    /** How many of the matches have a tie to the region (the home region unless `tieRegion` names one). */
    tieFacet: {
      type: 'object',
      required: ['region', 'name', 'count'],
      properties: { region: { type: 'string' }, name: bilingual, count: { type: 'integer' } },
    },
    nextCursor: { type: 'string' },
  },
} as const;

export const facetsResponse = {
  type: 'object',
  required: ['facets'],
  properties: { total: { type: 'integer' }, facets: facetCounts },
} as const;

const open = { type: 'object', additionalProperties: true } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

const evidenceSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['sourceId', 'sourceKind', 'format', 'mentionId', 'role', 'document', 'fetchedAt', 'facts'],
  properties: {
    sourceId: { type: 'string' },
    sourceKind: { type: 'string' },
    format: { type: 'string' },
    mentionId: { type: 'string' },
    role: { type: 'string' },
    document: {
      type: 'object',
      additionalProperties: true,
      properties: {
        sourceId: { type: 'string' },
        format: { type: 'string' },
        title: { type: 'string' },
        uri: { type: 'string' },
        date: { type: 'string' },
      },
    },
    fetchedAt: { type: 'string' },
    facts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: { sourceId: { type: 'string' }, path: { type: 'string' }, snippet: { type: 'string' } },
      },
    },
  },
} as const;

const explanationSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    tier: {
      type: 'object',
      properties: { tier: { type: 'string' }, rule: { type: 'string' }, because: { type: 'string' } },
    },
    industries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: {
          industry: { type: 'string' },
          score: { type: 'number' },
          relevancePoints: { type: 'number' },
          contributions: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
              properties: { points: { type: 'number' }, reason: { type: 'string' }, sources: strings },
            },
          },
        },
      },
    },
    notes: strings,
  },
} as const;

const mergeSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['left', 'right', 'kind', 'summary', 'reasons'],
  properties: {
    left: { type: 'string' },
    right: { type: 'string' },
    kind: { type: 'string', enum: ['strong', 'evidence'] },
    score: { type: 'number' },
    summary: { type: 'string' },
    reasons: strings,
  },
} as const;

/** processors/model/profile.ts `TalentProfile`. */
const profileSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['id', 'displayName', 'tier', 'priorityScore', 'scores', 'topIndustries', 'evidence'],
  properties: {
    schemaVersion: { type: 'integer' },
    id: { type: 'string' },
    displayName: { type: 'string' },
    names: strings,
    nameKeys: strings,
    honorifics: strings,
    gender: { type: 'string' },
    birthDate: { type: 'string' },
    nationality: { type: 'string' },
    emails: strings,
    phones: strings,
    urls: strings,
    identifiers: open,
    affiliations: { type: 'array', items: open },
    locations: { type: 'array', items: open },
    education: { type: 'array', items: open },
    titles: strings,
    seniority: { type: 'string' },
    skills: { type: 'array', items: open },
    summary: { type: 'string' },
    patents: { type: 'array', items: open },
    filingRoles: { type: 'array', items: open },
    scores: { type: 'object', additionalProperties: { type: 'number' } },
    topIndustries: { type: 'array', items: industryScore },
    tier: { type: 'string', enum: TIERS },
    priorityScore: { type: 'number' },
    reason: { type: 'string' },
    explanation: explanationSchema,
    evidence: { type: 'array', items: evidenceSchema },
    merges: { type: 'array', items: mergeSchema },
    firstSeen: { type: 'string' },
    lastSeen: { type: 'string' },
  },
} as const;

export const talentParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const talentResponse = {
  type: 'object',
  required: ['profile', 'access', 'sources'],
  properties: {
    profile: profileSchema,
    access: {
      type: 'object',
      required: ['contacts', 'hidden'],
      properties: {
        contacts: { type: 'string', enum: ['shown', 'masked'] },
        hidden: { type: 'array', items: { type: 'string', enum: MASKED_FIELDS } },
      },
    },
    sources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sourceId', 'sourceKind', 'format', 'title'],
        properties: {
          sourceId: { type: 'string' },
          sourceKind: { type: 'string' },
          format: { type: 'string' },
          title: { type: 'string' },
          uri: { type: 'string' },
          date: { type: 'string' },
          fetchedAt: { type: 'string' },
        },
      },
    },
  },
} as const;

export const eraseQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: { type: 'string', maxLength: 500 } },
} as const;

export const eraseResponse = {
  type: 'object',
  required: ['id', 'erased', 'auditSeq'],
  properties: { id: { type: 'string' }, erased: { type: 'boolean' }, auditSeq: { type: 'integer' } },
} as const;

export const gapsQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    by: { type: 'array', items: { type: 'string', enum: ['industry', 'tier', 'region'] }, maxItems: 3 },
    scope: { type: 'string', enum: ['local', 'all'] },
    minScore: { type: 'number', minimum: 0, maximum: 100 },
    since: { type: 'string', pattern: datePattern },
  },
} as const;

/** The resolver's error rates behind every supplyLow / supplyHigh (api/gaps/supply-interval.ts). */
export const supplyUncertainty = {
  type: 'object',
  required: ['duplicateShare', 'hiddenShare', 'pairwise', 'profiles'],
  properties: {
    duplicateShare: { type: 'number' },
    hiddenShare: { type: 'number' },
    pairwise: {
      type: 'object',
      properties: {
        precision: { type: 'number' },
        recall: { type: 'number' },
        source: { type: 'string' },
        split: { type: 'string' },
      },
    },
    profiles: {
      type: 'object',
      properties: { profiles: { type: 'integer' }, people: { type: 'integer' }, source: { type: 'string' } },
    },
  },
} as const;

const gapRow = {
  type: 'object',
  required: ['industry', 'demand', 'supply', 'supplyLow', 'supplyHigh', 'gap', 'surplus', 'coverage'],
  properties: {
    industry: { type: 'string' },
    tier: { type: 'string' },
    region: { type: 'string' },
    demand: { type: 'integer' },
    supply: { type: 'integer' },
    supplyLow: { type: 'integer' },
    supplyHigh: { type: 'integer' },
    gap: { type: 'integer' },
    surplus: { type: 'integer' },
    coverage: { type: ['number', 'null'] },
    trend: {
      type: 'object',
      required: ['seenSince', 'establishedBefore'],
      properties: { seenSince: { type: 'integer' }, establishedBefore: { type: 'integer' } },
    },
  },
} as const;

export const gapsResponse = {
  type: 'object',
  required: ['by', 'minScore', 'scope', 'regions', 'rows', 'totals', 'uncertainty'],
  properties: {
    by: strings,
    minScore: { type: 'number' },
    scope: { type: 'string' },
    regions: strings,
    since: { type: 'string' },
    rows: { type: 'array', items: gapRow },
    totals: {
      type: 'object',
      properties: {
        demand: { type: 'integer' },
        supply: { type: 'integer' },
        supplyLow: { type: 'integer' },
        supplyHigh: { type: 'integer' },
        gap: { type: 'integer' },
      },
    },
    uncertainty: supplyUncertainty,
  },
} as const;

export const industriesResponse = {
  type: 'object',
  required: ['industries'],
  properties: {
    industries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'string' },
          name: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
          scarcity: { type: 'number' },
          profiles: { type: 'integer' },
        },
      },
    },
  },
} as const;

const savedSearchQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...searchParamProperties,
    sort: { type: 'string', maxLength: 100 },
  },
} as const;

export const savedSearchSchema = {
  type: 'object',
  required: ['id', 'name', 'query', 'createdAt', 'lastRunAt', 'lastTotal'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    query: savedSearchQuery,
    createdAt: { type: 'string' },
    lastRunAt: { type: 'string' },
    lastTotal: { type: 'integer' },
  },
} as const;

export const savedSearchBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'query'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    query: savedSearchQuery,
  },
} as const;

export const savedSearchParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^ss-[0-9a-f]{16}$' } },
} as const;

export const savedSearchListResponse = {
  type: 'object',
  required: ['savedSearches'],
  properties: { savedSearches: { type: 'array', items: savedSearchSchema } },
} as const;

/** A saved search run (or its preview): the matches earlier runs had not seen. */
export const savedSearchRunResponse = {
  type: 'object',
  required: ['savedSearch', 'total', 'newMatches', 'newCount', 'tracked', 'previousRunAt'],
  properties: {
    savedSearch: savedSearchSchema,
    total: { type: 'integer' },
    newCount: { type: 'integer' },
    newMatches: { type: 'array', items: searchHitSchema },
    tracked: { type: 'integer' },
    previousRunAt: { type: 'string' },
  },
} as const;

export const healthResponse = {
  type: 'object',
  required: ['status', 'backend', 'ready'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    backend: { type: 'string' },
    ready: { type: 'boolean' },
    profiles: { type: 'integer' },
    inFlight: { type: 'integer' },
    problem: { type: 'string' },
  },
} as const;

export const whoamiResponse = {
  type: 'object',
  required: ['name', 'role', 'can'],
  properties: {
    name: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    can: strings,
  },
} as const;

export const auditQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    target: { type: 'string', maxLength: 200 },
    action: {
      type: 'string',
      enum: ['profile.read-contacts', 'profile.read', 'profile.read-resolution', 'profile.erase'],
    },
  },
} as const;

export const auditResponse = {
  type: 'object',
  required: ['entries'],
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['seq', 'at', 'actor', 'role', 'action', 'target', 'outcome'],
        properties: {
          seq: { type: 'integer' },
          at: { type: 'string' },
          actor: { type: 'string' },
          role: { type: 'string' },
          action: { type: 'string' },
          target: { type: 'string' },
          outcome: { type: 'string' },
          detail: { type: 'object', additionalProperties: true },
          requestId: { type: 'string' },
          ip: { type: 'string' },
        },
      },
    },
  },
} as const;

/** ingest/explain-resolution.ts `ResolutionExplanation`. */
export const resolutionResponse = {
  type: 'object',
  required: ['profileId', 'displayName', 'threshold', 'mentions', 'merges', 'check', 'nearMisses'],
  properties: {
    profileId: { type: 'string' },
    displayName: { type: 'string' },
    threshold: { type: 'number' },
    mentions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          mentionId: { type: 'string' },
          sourceId: { type: 'string' },
          sourceKind: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          organizations: strings,
        },
      },
    },
    merges: { type: 'array', items: mergeSchema },
    check: {
      type: 'object',
      properties: {
        partMentions: { type: 'integer' },
        sameAsStored: { type: 'boolean' },
        resolvedMentionIds: strings,
      },
    },
    nearMisses: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          mentionId: { type: 'string' },
          sourceId: { type: 'string' },
          name: { type: 'string' },
          profileId: { type: 'string' },
          closestMention: { type: 'string' },
          score: { type: ['number', 'null'] },
          evidence: { type: 'string' },
          why: { type: 'string' },
        },
      },
    },
  },
} as const;
