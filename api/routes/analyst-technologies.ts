import type { FastifyInstance } from 'fastify';
import { resolveConfigPath } from '../../config/load.js';
import { loadTechnologies } from '../../config/technologies.js';
import type { ApiContext } from '../context.js';
import {
  technologiesQuerystring,
  technologiesResponse,
  technologyParams,
  technologyQuerystring,
  technologyResponse,
} from '../analysis/schemas.js';
import { technologyCounts, technologyExperts, technologySummary } from '../analysis/technology-experts.js';
import { ApiError } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';

/**
 * GET /api/technologies (each technology with its tier A/B counts inside and outside the region)
 * and GET /api/technologies/:id (its experts, ranked, with the evidence that links them). Names
 * and affiliations, never contact details: every role that searches may read them.
 */
export function registerTechnologyRoutes(app: FastifyInstance, ctx: ApiContext): void {
  // Read at start: a bad file fails the start, not the first request.
  const technologies = loadTechnologies(
    resolveConfigPath(ctx.config.analysis.technologiesFile),
    ctx.industryIds,
  );

  app.get<{ Querystring: { region?: string } }>(
    '/api/technologies',
    {
      config: { access: 'search' },
      schema: {
        summary:
          'Technologies with expert lists: keywords, classes, topics, tier A/B inside and outside the region',
        querystring: technologiesQuerystring,
        response: { 200: technologiesResponse, ...errorResponses },
      },
    },
    async (request) => {
      const region = request.query.region ?? ctx.demand.homeRegion;
      const summaries = await Promise.all(
        technologies.map(async (t) =>
          technologySummary(t, region, await technologyCounts(ctx.index, t, region)),
        ),
      );
      return { region, technologies: summaries };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { region?: string; limit?: number } }>(
    '/api/technologies/:id',
    {
      config: { access: 'search' },
      schema: {
        summary: 'A technology’s experts, ranked, each with the patents, works and filings that link them',
        params: technologyParams,
        querystring: technologyQuerystring,
        response: { 200: technologyResponse, ...errorResponses },
      },
    },
    async (request) => {
      const technology = technologies.find((t) => t.id === request.params.id);
      if (!technology)
        throw new ApiError(
          404,
          'not-found',
          `no technology "${request.params.id}"; GET /api/technologies lists them (${technologies.map((t) => t.id).join(', ')})`,
        );
      return technologyExperts(ctx.index, technology, {
        region: request.query.region ?? ctx.demand.homeRegion,
        limit: request.query.limit ?? 50,
      });
    },
  );
}
