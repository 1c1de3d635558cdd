import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { trendQuerystring, trendResponse } from '../analysis/schemas.js';
import { supplyTrend } from '../gaps/supply-trend.js';
import { badRequest } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import { isCalendarDate } from '../search/search-params.js';
import type { Tier } from '../../processors/model/profile.js';

interface TrendParams {
  region?: string;
  industry?: string[];
  tier?: Tier[];
  minScore?: number;
  months?: number;
  until?: string;
}

/** GET /api/gaps/trend: supply per industry in a region, month by month (supply-trend.ts). */
export function registerTrendRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: TrendParams }>(
    '/api/gaps/trend',
    {
      config: { access: 'aggregates' },
      schema: {
        summary:
          'Supply over time per industry in a region: at each month start, the people whose evidence all predates it (a lower bound), with intervals',
        querystring: trendQuerystring,
        response: { 200: trendResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { industry, tier, until = new Date().toISOString().slice(0, 10) } = request.query;
      if (!isCalendarDate(until))
        throw badRequest(`until "${until}" is not a date; use YYYY-MM-DD, e.g. until=2026-06-30`);
      const unknown = (industry ?? []).filter((i) => !ctx.industryIds.includes(i));
      if (unknown.length > 0)
        throw badRequest(
          `industry "${unknown.join(', ')}" is not configured; one of ${ctx.industryIds.join(', ')}`,
        );
      return supplyTrend(
        ctx.index,
        {
          region: request.query.region ?? ctx.demand.homeRegion,
          ...(industry !== undefined ? { industries: industry } : {}),
          ...(tier !== undefined ? { tiers: tier } : {}),
          minScore: request.query.minScore ?? ctx.demand.minScore,
          months: request.query.months ?? 12,
          until,
        },
        ctx.supplyErrorRates,
      );
    },
  );
}
