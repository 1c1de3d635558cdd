import type { FastifyInstance } from 'fastify';
import { DataDirLockedError } from '../../ingest/embedded/data-dir-lock.js';
import { eraseProfile } from '../../ingest/erasure.js';
import { lockForWrite } from '../../indexer/open-backend.js';
import { explainResolution } from '../../ingest/explain-resolution.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { maskContacts, maskResolution, scrubContacts, type MaskedField } from '../access/mask-contacts.js';
import { can } from '../access/roles.js';
import { callerOf, type ApiContext } from '../context.js';
import { ApiError, notFound } from '../http/errors.js';
import {
  errorResponses,
  eraseQuerystring,
  eraseResponse,
  resolutionResponse,
  talentParams,
  talentResponse,
} from '../http/schemas.js';

/** How long an erasure waits for another writer of the embedded index before answering 503. */
const ERASE_LOCK_WAIT_MS = 2_000;

export interface SourceLink {
  sourceId: string;
  sourceKind: string;
  format: string;
  title: string;
  uri?: string;
  date?: string;
  fetchedAt: string;
}

/** Each source document of a profile once: what the UI links to ("where does this come from"). */
export function sourcesOf(profile: TalentProfile): SourceLink[] {
  const seen = new Map<string, SourceLink>();
  for (const e of profile.evidence) {
    if (seen.has(e.sourceId)) continue;
    seen.set(e.sourceId, {
      sourceId: e.sourceId,
      sourceKind: e.sourceKind,
      format: e.format,
      title: e.document.title,
      ...(e.document.uri !== undefined ? { uri: e.document.uri } : {}),
      ...(e.document.date !== undefined ? { date: e.document.date } : {}),
      fetchedAt: e.fetchedAt,
    });
  }
  return [...seen.values()];
}

/**
 * GET /api/talents/:id and GET /api/talents/:id/resolution (both audited, masked for analysts),
 * DELETE /api/talents/:id (erasure).
 */
export function registerTalentRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { id: string } }>(
    '/api/talents/:id',
    {
      config: { access: 'read-profile' },
      schema: {
        summary: 'One profile: evidence with provenance, the full score explanation',
        params: talentParams,
        response: { 200: talentResponse, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { id } = request.params;
      const stored = await ctx.index.get(id);
      if (stored === undefined)
        throw notFound(`no profile with id "${id}"; GET /api/search returns the ids of profiles`);
      let profile = stored;
      let hidden: MaskedField[] = [];
      const showContacts = can(caller.role, 'read-contacts');
      // Written before the answer leaves: an access the log does not know of must not happen.
      // Masked reads are logged too: names, employers and careers are personal data as well.
      ctx.store.appendAudit({
        actor: caller.name,
        role: caller.role,
        action: showContacts ? 'profile.read-contacts' : 'profile.read',
        target: id,
        outcome: 'ok',
        detail: showContacts
          ? {
              emails: stored.emails.length,
              phones: stored.phones.length,
              birthDate: stored.birthDate !== undefined,
            }
          : { contacts: 'masked' },
        requestId: String(request.id),
        ip: request.ip,
      });
      if (showContacts) ctx.metrics.contactRead();
      else ({ profile, hidden } = maskContacts(stored));
      return {
        profile,
        access: { contacts: showContacts ? 'shown' : 'masked', hidden },
        sources: sourcesOf(profile),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/talents/:id/resolution',
    {
      config: { access: 'read-profile' },
      schema: {
        summary:
          'Why a profile holds its mentions: the merges with their reasons, a fresh re-resolution, the closest mentions kept apart and why',
        params: talentParams,
        response: { 200: resolutionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { id } = request.params;
      const profile = await ctx.index.get(id);
      if (profile === undefined)
        throw notFound(`no profile with id "${id}"; GET /api/search returns the ids of profiles`);
      const explanation = await explainResolution(profile, ctx.backend.state, { ...ctx.config.resolution });
      // Names, organisations and merge reasons of the person and of their near misses.
      const showContacts = can(caller.role, 'read-contacts');
      ctx.store.appendAudit({
        actor: caller.name,
        role: caller.role,
        action: 'profile.read-resolution',
        target: id,
        outcome: 'ok',
        detail: { contacts: showContacts ? 'shown' : 'masked', nearMisses: explanation.nearMisses.length },
        requestId: String(request.id),
        ip: request.ip,
      });
      return showContacts ? explanation : maskResolution(explanation);
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { reason?: string } }>(
    '/api/talents/:id',
    {
      config: { access: 'erase' },
      schema: {
        summary: 'Erase a person: the profile, its evidence and stored mentions (admin; audited)',
        params: talentParams,
        querystring: eraseQuerystring,
        response: { 200: eraseResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { id } = request.params;
      // The reason is free text an admin types ("asked by ada@…"): the audit log keeps no contact.
      const reason = request.query.reason !== undefined ? scrubContacts(request.query.reason) : undefined;
      const detail: Record<string, unknown> = reason !== undefined ? { reason } : {};
      // The request is logged before it runs, its outcome after: a crash in between still leaves
      // a trace of who asked.
      const seq = ctx.store.appendAudit({
        actor: caller.name,
        role: caller.role,
        action: 'profile.erase',
        target: id,
        outcome: 'requested',
        detail,
        requestId: String(request.id),
        ip: request.ip,
      });
      let erased: boolean;
      try {
        // The service reads while an ingest or a worker writes; an erasure writes, so it takes the
        // data directory's write lock like any other writer (on the embedded backend).
        const lock = await lockForWrite(ctx.backend.name, ctx.dataDir, {
          command: 'serve (erasure)',
          waitForLockMs: ERASE_LOCK_WAIT_MS,
        }).catch((error: unknown) => {
          if (!(error instanceof DataDirLockedError)) throw error;
          throw new ApiError(
            503,
            'unavailable',
            `the index is being written by another process, so the erasure cannot run now; retry later (${error.message})`,
            { 'retry-after': '30' },
          );
        });
        try {
          let deadLetters: number | 'pending';
          ({ erased, deadLetters } = await eraseProfile(
            ctx.backend,
            { id, actor: caller.name, ...(reason !== undefined ? { reason } : {}) },
            {
              logger: ctx.logger,
              config: ctx.config,
              dataDir: ctx.dataDir,
              // The embedded backend's erasure holds the data directory's lock already.
              dataDirLocked: ctx.backend.name === 'embedded',
            },
          ));
          if (erased) detail.deadLetters = deadLetters;
        } finally {
          lock.release();
        }
        // Saved searches remember the ids they matched: the erased person leaves them too.
        ctx.store.forgetProfile(id);
        // And every talent pool, with their notes and tags there (one unnamed audit line per pool).
        ctx.pools.forgetProfile(id, seq);
      } catch (error) {
        ctx.store.settleAudit(seq, 'failed', detail);
        throw error;
      }
      ctx.store.settleAudit(seq, erased ? 'erased' : 'not-found', detail);
      ctx.metrics.erased(erased ? 'erased' : 'not-found');
      if (!erased)
        throw notFound(`no profile with id "${id}" to erase (the request is in the audit log, entry ${seq})`);
      reply.status(200);
      return { id, erased, auditSeq: seq };
    },
  );
}
