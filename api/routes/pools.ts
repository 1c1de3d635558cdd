import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerOf, type ApiContext } from '../context.js';
import { ApiError, badRequest, notFound } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Pool } from '../pools/pool-store.js';

/**
 * Talent pools (projects): `/api/pools` and `/api/pools/:id/members…`. A pool belongs to the key
 * that made it; a shared pool is seen and worked on by every key with the `pools` capability, but
 * only its owner renames, re-stages or deletes it. Every change is in the pool's audit.
 */

const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
const stages = {
  type: 'array',
  items: { type: 'string', minLength: 1, maxLength: 40 },
  minItems: 1,
  maxItems: 12,
  uniqueItems: true,
} as const;
const tags = {
  type: 'array',
  items: { type: 'string', minLength: 1, maxLength: 40 },
  maxItems: 20,
} as const;
const note = { type: 'string', minLength: 1, maxLength: 4000 } as const;
const poolParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
const memberParams = {
  type: 'object',
  required: ['id', 'profileId'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 100 },
    profileId: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;
const open = { type: 'object', additionalProperties: true } as const;

type PoolRequest = FastifyRequest<{ Params: { id: string } }>;

/** One CSV field: quoted when it holds a separator, and a leading =+-@ defused (spreadsheet formulas). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function registerPoolRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const defaultStages = ctx.config.pools.stages.split(',').map((s) => s.trim());

  /** The pool, when the caller may see it (their own, or shared); else 404. */
  const visiblePool = (request: PoolRequest): Pool => {
    const pool = ctx.pools.pool(request.params.id);
    const caller = callerOf(request);
    if (!pool || (pool.owner !== caller.name && !pool.shared))
      throw notFound(`no pool "${request.params.id}" for this key; GET /api/pools lists them`);
    return pool;
  };
  const ownPool = (request: PoolRequest): Pool => {
    const pool = visiblePool(request);
    if (pool.owner !== callerOf(request).name)
      throw new ApiError(
        403,
        'forbidden',
        `pool "${pool.id}" belongs to ${pool.owner}; only its owner may change it`,
      );
    return pool;
  };
  const checkStage = (pool: Pool, stage: string): void => {
    if (!pool.stages.includes(stage))
      throw badRequest(
        `stage "${stage}" is not a stage of pool "${pool.name}"; use one of ${pool.stages.join(', ')}`,
      );
  };
  const memberOf = (pool: Pool, profileId: string) => {
    const member = ctx.pools.member(pool.id, profileId);
    if (!member) throw notFound(`"${profileId}" is not a member of pool "${pool.name}"`);
    return member;
  };
  /** Members with what the index says of them now (name, tier, affiliation); a profile gone since shows its id. */
  const withProfiles = async (pool: Pool) =>
    Promise.all(
      ctx.pools.members(pool.id).map(async (m) => {
        const p = await ctx.index.get(m.profileId);
        const a = p?.affiliations.find((x) => x.current) ?? p?.affiliations[0];
        return {
          ...m,
          displayName: p?.displayName ?? m.profileId,
          tier: p?.tier,
          priorityScore: p?.priorityScore,
          missing: p === undefined,
          ...(a ? { affiliation: a.title ? `${a.title}, ${a.organization}` : a.organization } : {}),
        };
      }),
    );

  app.get(
    '/api/pools',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'Your pools and the shared ones, with members per stage',
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => ({ pools: ctx.pools.poolsVisibleTo(callerOf(request).name) }),
  );

  app.post<{ Body: { name: string; shared?: boolean; stages?: string[] } }>(
    '/api/pools',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'Create a pool (a project): name, shared or not, its stages (default pools.stages)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: { name, shared: { type: 'boolean' }, stages },
        },
        response: { 201: open, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pool = ctx.pools.createPool({
        id: `pool-${randomBytes(8).toString('hex')}`,
        name: request.body.name.trim(),
        owner: callerOf(request).name,
        shared: request.body.shared ?? false,
        stages: request.body.stages ?? defaultStages,
      });
      reply.status(201).header('location', `/api/pools/${pool.id}`);
      return pool;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/pools/:id',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'A pool with its members, their stages, tags and notes',
        params: poolParams,
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => {
      const pool = visiblePool(request);
      return { ...pool, members: await withProfiles(pool) };
    },
  );

  app.patch<{ Params: { id: string }; Body: { name?: string; shared?: boolean; stages?: string[] } }>(
    '/api/pools/:id',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'Rename a pool, share it or not, change its stages (owner only)',
        params: poolParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name, shared: { type: 'boolean' }, stages },
        },
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => {
      const pool = ownPool(request);
      const next = request.body.stages;
      if (next) {
        const stranded = ctx.pools.members(pool.id).filter((m) => !next.includes(m.stage));
        if (stranded.length > 0)
          throw badRequest(
            `stages: ${stranded.length} member(s) are at a stage the new list drops (${[...new Set(stranded.map((m) => m.stage))].join(', ')}); move them first`,
          );
      }
      return ctx.pools.updatePool(callerOf(request).name, pool.id, {
        ...(request.body.name !== undefined ? { name: request.body.name.trim() } : {}),
        ...(request.body.shared !== undefined ? { shared: request.body.shared } : {}),
        ...(next ? { stages: next } : {}),
      });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/pools/:id',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'Delete a pool (owner only)',
        params: poolParams,
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => {
      const pool = ownPool(request);
      ctx.pools.deletePool(callerOf(request).name, pool.id);
      return { id: pool.id, deleted: true };
    },
  );

  app.post<{
    Params: { id: string };
    Body: { profileId: string; stage?: string; tags?: string[]; note?: string };
  }>(
    '/api/pools/:id/members',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'Add a person to a pool, at the first stage unless one is given, with tags and a note',
        params: poolParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['profileId'],
          properties: {
            profileId: { type: 'string', minLength: 1, maxLength: 200 },
            stage: { type: 'string' },
            tags,
            note,
          },
        },
        response: { 201: open, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pool = visiblePool(request);
      const { profileId } = request.body;
      if ((await ctx.index.get(profileId)) === undefined)
        throw notFound(`no profile with id "${profileId}"; search for people first`);
      const stage = request.body.stage ?? (pool.stages[0] as string);
      checkStage(pool, stage);
      const added = ctx.pools.addMember(callerOf(request).name, pool.id, {
        profileId,
        stage,
        tags: request.body.tags ?? [],
        ...(request.body.note !== undefined ? { note: request.body.note } : {}),
      });
      reply.status(added ? 201 : 200);
      return { added, member: memberOf(pool, profileId) };
    },
  );

  app.get<{ Params: { id: string; profileId: string } }>(
    '/api/pools/:id/members/:profileId',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'One member of a pool: stage, tags, notes',
        params: memberParams,
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => memberOf(visiblePool(request), request.params.profileId),
  );

  app.patch<{ Params: { id: string; profileId: string }; Body: { stage?: string; tags?: string[] } }>(
    '/api/pools/:id/members/:profileId',
    {
      config: { access: 'pools' },
      schema: {
        summary: "Move a member to another stage, or set the member's tags",
        params: memberParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { stage: { type: 'string' }, tags },
        },
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => {
      const pool = visiblePool(request);
      const { profileId } = request.params;
      memberOf(pool, profileId);
      const actor = callerOf(request).name;
      if (request.body.stage !== undefined) {
        checkStage(pool, request.body.stage);
        ctx.pools.moveMember(actor, pool.id, profileId, request.body.stage);
      }
      if (request.body.tags !== undefined) ctx.pools.setTags(actor, pool.id, profileId, request.body.tags);
      return memberOf(pool, profileId);
    },
  );

  app.post<{ Params: { id: string; profileId: string }; Body: { text: string } }>(
    '/api/pools/:id/members/:profileId/notes',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'Add a note (author and time kept) to a member',
        params: memberParams,
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: note } },
        response: { 201: open, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pool = visiblePool(request);
      memberOf(pool, request.params.profileId);
      reply.status(201);
      return ctx.pools.addNote(
        callerOf(request).name,
        pool.id,
        request.params.profileId,
        request.body.text.trim(),
      );
    },
  );

  app.delete<{ Params: { id: string; profileId: string } }>(
    '/api/pools/:id/members/:profileId',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'Remove a person from a pool (their notes and tags there go too)',
        params: memberParams,
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => {
      const pool = visiblePool(request);
      memberOf(pool, request.params.profileId);
      ctx.pools.removeMember(callerOf(request).name, pool.id, request.params.profileId);
      return { removed: true };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/api/pools/:id/audit',
    {
      config: { access: 'pools' },
      schema: {
        summary: "A pool's changes, newest first: who, what, when",
        params: poolParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } },
        },
        response: { 200: open, ...errorResponses },
      },
    },
    async (request) => ({ entries: ctx.pools.auditOf(visiblePool(request).id, request.query.limit ?? 100) }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/pools/:id/export.csv',
    {
      config: { access: 'pools' },
      schema: {
        summary: 'A pool as CSV: name, tier, affiliation, stage, tags, notes, added (audited)',
        params: poolParams,
      },
    },
    async (request, reply) => {
      const pool = visiblePool(request);
      const members = await withProfiles(pool);
      const header = [
        'profile_id',
        'name',
        'tier',
        'priority_score',
        'affiliation',
        'stage',
        'tags',
        'notes',
        'added_by',
        'added_at',
        'updated_at',
      ];
      const rows = members.map((m) =>
        [
          m.profileId,
          m.displayName,
          m.tier ?? '',
          m.priorityScore !== undefined ? String(m.priorityScore) : '',
          m.affiliation ?? '',
          m.stage,
          m.tags.join('; '),
          m.notes.map((n) => `${n.at.slice(0, 10)} ${n.author}: ${n.text}`).join(' | '),
          m.addedBy,
          m.addedAt,
          m.updatedAt,
        ]
          .map(csvField)
          .join(','),
      );
      ctx.pools.recordExport(callerOf(request).name, pool.id, members.length);
      const file = `${pool.name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'pool'}.csv`;
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="pool.csv"; filename*=UTF-8''${encodeURIComponent(file)}`,
        );
      // A BOM so spreadsheet programs read the Chinese names as UTF-8.
      return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
    },
  );
}
