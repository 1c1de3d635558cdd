import type { FastifyInstance } from 'fastify';
import { FACET_NAMES, InvalidCursorError } from '../../indexer/contract.js';
import { maskFacets, maskHits } from '../access/mask-contacts.js';
import { can } from '../access/roles.js';
import { callerOf, type ApiContext } from '../context.js';
import { badRequest } from '../http/errors.js';
import {
  errorResponses,
  facetsQuerystring,
  facetsResponse,
  industriesResponse,
  LIST_PARAMS,
  searchQuerystring,
  searchResponse,
} from '../http/schemas.js';
import { resolveSearch } from '../search/resolve-search.js';
import { splitCommaLists, type SearchParams } from '../search/search-params.js';
import { tieFacetOf, withTies } from '../ties/hits-with-ties.js';

/** Comma lists become arrays before validation, so `tier=A,B` is checked like `tier=A&tier=B`. */
export function splitListsHook(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.query && typeof request.query === 'object')
      request.query = splitCommaLists(request.query as Record<string, unknown>, LIST_PARAMS);
  });
}

/** GET /api/search, GET /api/facets, GET /api/industries. */
export function registerSearchRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: SearchParams }>(
    '/api/search',
    {
      config: { access: 'search' },
      schema: {
        summary: 'Search profiles: text, filters, facets, sort, cursor pages',
        querystring: searchQuerystring,
        response: { 200: searchResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { query, understood, tieRegion } = await resolveSearch(request.query, ctx);
      try {
        const result = await ctx.index.search(query);
        const hits = tieRegion === undefined ? result.hits : await withTies(ctx, result.hits, tieRegion);
        const tieFacet = query.facets?.length ? await tieFacetOf(ctx, query, tieRegion) : undefined;
        const answer = { query, understood, ...result, hits, ...(tieFacet ? { tieFacet } : {}) };
        if (can(callerOf(request).role, 'read-contacts')) return answer;
        return { ...answer, hits: maskHits(answer.hits), facets: maskFacets(result.facets) };
      } catch (error) {
        if (error instanceof InvalidCursorError)
          throw badRequest(
            `cursor: ${error.message}; a cursor only continues the search that returned it (same q, filters and sort)`,
          );
        throw error;
      }
    },
  );

  app.get<{ Querystring: SearchParams }>(
    '/api/facets',
    {
      config: { access: 'search' },
      schema: {
        summary: 'Facet counts over every profile matching a query and filters',
        querystring: facetsQuerystring,
        response: { 200: facetsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { query: resolved } = await resolveSearch(request.query, ctx);
      const asked = request.query.facets ?? ['all'];
      const facets = asked.includes('all')
        ? [...FACET_NAMES]
        : [...new Set(asked.filter((f) => f !== 'all'))];
      const query = {
        ...(resolved.text !== undefined ? { text: resolved.text } : {}),
        ...(resolved.filters !== undefined ? { filters: resolved.filters } : {}),
      };
      const counts = await ctx.index.aggregate(query, facets as (typeof FACET_NAMES)[number][]);
      return { facets: can(callerOf(request).role, 'read-contacts') ? counts : maskFacets(counts) };
    },
  );

  app.get(
    '/api/industries',
    {
      config: { access: 'search' },
      schema: {
        summary: 'The priority industries (bilingual names) and how many profiles score in each',
        response: { 200: industriesResponse, ...errorResponses },
      },
    },
    async () => {
      const counts = await ctx.index.aggregate({}, ['industry']);
      const byIndustry = new Map((counts.industry ?? []).map((b) => [b.value, b.count]));
      return {
        industries: ctx.industries.map((i) => ({
          id: i.id,
          name: { en: i.name.en, zh: i.name.zh },
          scarcity: i.scarcity,
          profiles: byIndustry.get(i.id) ?? 0,
        })),
      };
    },
  );
}
