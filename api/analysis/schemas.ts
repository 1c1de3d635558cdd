import { supplyUncertainty } from '../http/schemas.js';

/**
 * JSON schemas of the analysts' routes (map, technologies, flows, trend), kept apart from
 * http/schemas.ts so these routes change on their own.
 */

const tierList = {
  type: 'array',
  items: { type: 'string', enum: ['A', 'B', 'C', 'D', 'E'] },
  maxItems: 5,
} as const;
const industryId = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 } as const;
const placeName = {
  type: 'object',
  properties: { en: { type: 'string' }, zh: { type: 'string' } },
} as const;

export const mapQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    level: { type: 'string', enum: ['country', 'province', 'city'] },
    industry: industryId,
    tier: tierList,
    minScore: { type: 'number', minimum: 0, maximum: 100 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    region: { type: 'string', pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' },
  },
} as const;

export const mapResponse = {
  type: 'object',
  required: ['level', 'filter', 'total', 'places', 'uncertainty'],
  properties: {
    level: { type: 'string' },
    filter: {
      type: 'object',
      properties: {
        industry: { type: 'string' },
        tier: { type: 'array', items: { type: 'string' } },
        minScore: { type: 'number' },
        country: { type: 'string' },
        region: { type: 'string' },
      },
    },
    total: { type: 'integer' },
    places: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'count', 'supplyLow', 'supplyHigh'],
        properties: {
          code: { type: 'string' },
          name: placeName,
          count: { type: 'integer' },
          supplyLow: { type: 'integer' },
          supplyHigh: { type: 'integer' },
        },
      },
    },
    uncertainty: supplyUncertainty,
  },
} as const;

export const worldShapesResponse = {
  type: 'object',
  required: ['width', 'height', 'countries'],
  properties: {
    width: { type: 'integer' },
    height: { type: 'integer' },
    countries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'd'],
        properties: { code: { type: 'string' }, name: { type: 'string' }, d: { type: 'string' } },
      },
    },
  },
} as const;

const strings = { type: 'array', items: { type: 'string' } } as const;
const sides = {
  type: 'object',
  properties: { inside: { type: 'integer' }, outside: { type: 'integer' } },
} as const;

const technologySummary = {
  type: 'object',
  required: ['id', 'name', 'industry', 'keywords', 'cpc', 'ipc', 'topics', 'region', 'counts'],
  properties: {
    id: { type: 'string' },
    name: placeName,
    industry: { type: 'string' },
    keywords: { type: 'object', properties: { en: strings, zh: strings } },
    cpc: strings,
    ipc: strings,
    topics: strings,
    region: { type: 'string' },
    counts: {
      type: 'object',
      properties: { total: { type: 'integer' }, tierA: sides, tierB: sides },
    },
  },
} as const;

export const technologiesQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: { region: { type: 'string', pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' } },
} as const;

export const technologiesResponse = {
  type: 'object',
  required: ['region', 'technologies'],
  properties: { region: { type: 'string' }, technologies: { type: 'array', items: technologySummary } },
} as const;

export const technologyParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 } },
} as const;

export const technologyQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    region: { type: 'string', pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
  },
} as const;

export const technologyResponse = {
  type: 'object',
  required: [...technologySummary.required, 'experts', 'examined'],
  properties: {
    ...technologySummary.properties,
    examined: { type: 'integer' },
    experts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'displayName', 'tier', 'inside', 'industryScore', 'evidenceScore'],
        properties: {
          id: { type: 'string' },
          displayName: { type: 'string' },
          tier: { type: 'string' },
          affiliation: { type: 'string' },
          location: { type: 'string' },
          inside: { type: 'boolean' },
          industryScore: { type: 'number' },
          evidenceScore: { type: 'number' },
          patents: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                title: { type: 'string' },
                classes: strings,
                keywords: strings,
              },
            },
          },
          works: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                doi: { type: 'string' },
                title: { type: 'string' },
                year: { type: 'integer' },
                topics: strings,
                keywords: strings,
              },
            },
          },
          filings: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                issuer: { type: 'string' },
                form: { type: 'string' },
                accession: { type: 'string' },
                title: { type: 'string' },
              },
            },
          },
          mentions: strings,
        },
      },
    },
  },
} as const;

export const trendQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    region: { type: 'string', pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' },
    industry: { type: 'array', items: industryId, maxItems: 50 },
    tier: tierList,
    minScore: { type: 'number', minimum: 0, maximum: 100 },
    months: { type: 'integer', minimum: 2, maximum: 36 },
    until: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  },
} as const;

export const trendResponse = {
  type: 'object',
  required: ['region', 'minScore', 'dates', 'series', 'uncertainty'],
  properties: {
    region: { type: 'string' },
    minScore: { type: 'number' },
    tiers: strings,
    dates: strings,
    series: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          industry: { type: 'string' },
          current: { type: 'integer' },
          points: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: { type: 'string' },
                established: { type: 'integer' },
                supplyLow: { type: 'integer' },
                supplyHigh: { type: 'integer' },
              },
            },
          },
        },
      },
    },
    uncertainty: supplyUncertainty,
  },
} as const;
