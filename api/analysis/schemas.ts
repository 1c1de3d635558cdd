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
