import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SearchHit, SearchQuery, TalentIndex } from '../../indexer/contract.js';
import { callerOf, type ApiContext } from '../context.js';
import { notFound } from '../http/errors.js';
import {
  errorResponses,
  savedSearchBody,
  savedSearchListResponse,
  savedSearchParams,
  savedSearchRunResponse,
  savedSearchSchema,
} from '../http/schemas.js';
import type { SavedSearchRow } from '../state/api-store.js';
import { resolveSearch } from '../search/resolve-search.js';
import type { SearchParams } from '../search/search-params.js';

/**
 * Matches a saved search remembers per run, best first. "New since the last run" is decided among
 * these: a search matching more keeps track of its best-ranked part only.
 */
const TRACKED_MATCHES = 1000;
/** New matches returned by one run (all are counted, and all are marked seen). */
const NEW_MATCHES_SHOWN = 50;
const PAGE = 200;

type SavedQuery = Omit<SearchParams, 'limit' | 'cursor' | 'facets'>;

/** The best-ranked matches of a query, up to {@link TRACKED_MATCHES}, and the total. */
async function trackedMatches(
  index: TalentIndex,
  query: SearchQuery,
): Promise<{ total: number; hits: SearchHit[] }> {
  const hits: SearchHit[] = [];
  let total: number;
  let cursor: string | undefined;
  do {
    const page = await index.search({
      ...query,
      limit: Math.min(PAGE, TRACKED_MATCHES - hits.length),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    total = page.total;
    hits.push(...page.hits);
    cursor = page.nextCursor;
  } while (cursor !== undefined && hits.length < TRACKED_MATCHES);
  return { total, hits };
}

const publicView = (row: SavedSearchRow) => ({
  id: row.id,
  name: row.name,
  query: row.query,
  createdAt: row.createdAt,
  lastRunAt: row.lastRunAt,
  lastTotal: row.lastTotal,
});

/** Saved searches of the caller's key: create, list, preview or run (new matches since the last run), delete. */
export function registerSavedSearchRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const ownSearch = (request: {
    params: { id: string };
    caller: Parameters<typeof callerOf>[0]['caller'];
  }) => {
    const row = ctx.store.savedSearch(request.params.id);
    // Another key's search is "not found": its existence is not this caller's business.
    if (row === undefined || row.owner !== callerOf(request).name)
      throw notFound(
        `no saved search "${request.params.id}" for this key; GET /api/saved-searches lists them`,
      );
    return row;
  };

  const run = async (row: SavedSearchRow, record: boolean) => {
    const { query } = await resolveSearch(row.query as SavedQuery, ctx);
    const { total, hits } = await trackedMatches(ctx.index, query);
    const unseen = new Set(
      ctx.store.unseenMatches(
        row.id,
        hits.map((h) => h.id),
      ),
    );
    const fresh = hits.filter((h) => unseen.has(h.id));
    const at = new Date().toISOString();
    if (record) ctx.store.recordRun(row.id, { at, total, matchIds: hits.map((h) => h.id) });
    return {
      savedSearch: publicView(record ? (ctx.store.savedSearch(row.id) ?? row) : row),
      total,
      newCount: fresh.length,
      newMatches: fresh.slice(0, NEW_MATCHES_SHOWN),
      tracked: hits.length,
      previousRunAt: row.lastRunAt,
    };
  };

  app.post<{ Body: { name: string; query: SavedQuery } }>(
    '/api/saved-searches',
    {
      config: { access: 'saved-searches' },
      schema: {
        summary: 'Save a search; its current matches become the baseline of "new since the last run"',
        body: savedSearchBody,
        response: { 201: savedSearchSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      // Validates the query as a search would (industries, dates, sort).
      const { query } = await resolveSearch(request.body.query, ctx);
      const { total, hits } = await trackedMatches(ctx.index, query);
      const row = ctx.store.createSavedSearch(
        {
          id: `ss-${randomBytes(8).toString('hex')}`,
          owner: caller.name,
          name: request.body.name.trim(),
          query: request.body.query as Record<string, unknown>,
        },
        { at: new Date().toISOString(), total, matchIds: hits.map((h) => h.id) },
      );
      reply.status(201).header('location', `/api/saved-searches/${row.id}`);
      return publicView(row);
    },
  );

  app.get(
    '/api/saved-searches',
    {
      config: { access: 'saved-searches' },
      schema: {
        summary: "The caller's saved searches",
        response: { 200: savedSearchListResponse, ...errorResponses },
      },
    },
    async (request) => ({
      savedSearches: ctx.store.savedSearchesOf(callerOf(request).name).map(publicView),
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/saved-searches/:id',
    {
      config: { access: 'saved-searches' },
      schema: {
        summary: 'A saved search with its new matches since the last run, without marking them seen',
        params: savedSearchParams,
        response: { 200: savedSearchRunResponse, ...errorResponses },
      },
    },
    async (request) => run(ownSearch(request), false),
  );

  app.post<{ Params: { id: string } }>(
    '/api/saved-searches/:id/run',
    {
      config: { access: 'saved-searches' },
      schema: {
        summary: 'Run a saved search: its new matches since the last run, which are then marked seen',
        params: savedSearchParams,
        response: { 200: savedSearchRunResponse, ...errorResponses },
      },
    },
    async (request) => run(ownSearch(request), true),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/saved-searches/:id',
    {
      config: { access: 'saved-searches' },
      schema: {
        summary: 'Delete a saved search',
        params: savedSearchParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      ctx.store.deleteSavedSearch(ownSearch(request).id);
      return reply.status(204).send();
    },
  );
}
