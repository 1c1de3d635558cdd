import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import type { GapDimension } from '../gaps/compute-gaps.js';
import { gapReport } from '../gaps/gap-report.js';
import { badRequest } from '../http/errors.js';
import { errorResponses, gapsQuerystring, gapsResponse } from '../http/schemas.js';
import { isCalendarDate } from '../search/search-params.js';

interface GapsParams {
  by?: GapDimension[];
  scope?: 'local' | 'all';
  minScore?: number;
  since?: string;
}

/** GET /api/gaps: supply against the demand file's targets, with the trend since a date. */
export function registerGapRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: GapsParams }>(
    '/api/gaps',
    {
      config: { access: 'aggregates' },
      schema: {
        summary:
          'Supply vs demand per industry × tier × region, coverage, largest gap first; since=DATE adds how much supply is recent',
        querystring: gapsQuerystring,
        response: { 200: gapsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { by = ['industry', 'tier'], scope = 'local', since } = request.query;
      if (since !== undefined && !isCalendarDate(since))
        throw badRequest(`since "${since}" is not a date; use YYYY-MM-DD, e.g. since=2025-01-01`);
      return gapReport(
        ctx.index,
        ctx.demand,
        {
          by,
          scope,
          minScore: request.query.minScore ?? ctx.demand.minScore,
          ...(since !== undefined ? { since } : {}),
        },
        ctx.supplyErrorRates,
      );
    },
  );
}
