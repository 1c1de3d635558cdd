import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { talentMap, type MapLevel } from '../analysis/talent-map.js';
import { mapQuerystring, mapResponse, worldShapesResponse } from '../analysis/schemas.js';
import { WORLD_HEIGHT, WORLD_WIDTH, worldShapes } from '../analysis/world-shapes.js';
import { badRequest } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Tier } from '../../processors/model/profile.js';

interface MapParams {
  level?: MapLevel;
  industry?: string;
  tier?: Tier[];
  minScore?: number;
  country?: string;
  region?: string;
}

/** GET /api/map (supply per place) and GET /api/map/world (the outlines the UI draws it on). */
export function registerMapRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: MapParams }>(
    '/api/map',
    {
      config: { access: 'aggregates' },
      schema: {
        summary:
          'Talent map: supply per country, per region of a country, or per city of a region, for an industry × tier filter, with intervals',
        querystring: mapQuerystring,
        response: { 200: mapResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { level = 'country', industry, tier } = request.query;
      if (industry !== undefined && !ctx.industryIds.includes(industry))
        throw badRequest(`industry "${industry}" is not configured; one of ${ctx.industryIds.join(', ')}`);
      const home = ctx.demand.homeRegion;
      return talentMap(
        ctx.index,
        {
          level,
          ...(industry !== undefined ? { industry } : {}),
          ...(tier !== undefined ? { tier } : {}),
          minScore: request.query.minScore ?? ctx.demand.minScore,
          // Defaults: the home region's country for provinces, the home region for cities.
          country: request.query.country ?? home.slice(0, 2),
          region: request.query.region ?? home,
        },
        ctx.supplyErrorRates,
      );
    },
  );

  app.get(
    '/api/map/world',
    {
      config: { access: 'aggregates' },
      schema: {
        summary: 'Country outlines (Natural Earth 1:110m) as SVG paths, keyed by ISO 3166-1 alpha-2',
        response: { 200: worldShapesResponse, ...errorResponses },
      },
    },
    async () => ({ width: WORLD_WIDTH, height: WORLD_HEIGHT, countries: worldShapes() }),
  );
}
