import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { OverloadGuard } from '../access/overload-guard.js';
import { ROLES, can, type Capability } from '../access/roles.js';
import { callerOf, type ApiContext } from '../context.js';
import {
  auditQuerystring,
  auditResponse,
  errorResponses,
  healthResponse,
  whoamiResponse,
} from '../http/schemas.js';
import type { AuditAction } from '../state/api-store.js';

const CAPABILITIES: readonly Capability[] = [
  'search',
  'read-profile',
  'read-contacts',
  'aggregates',
  'saved-searches',
  'erase',
  'audit',
];

/** How long /health waits for the index before calling it not ready. */
const READINESS_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface RouteInfo {
  method: string;
  url: string;
  access: string;
  summary: string;
}

/** Fills a list of the routes registered after this call (those with a summary), for GET /api. */
export function collectRoutes(app: FastifyInstance): RouteInfo[] {
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    const summary = (route.schema as { summary?: string } | undefined)?.summary;
    if (methods.length === 0 || summary === undefined) return;
    routes.push({
      method: methods.join(','),
      url: route.url,
      access: route.config?.access ?? 'public',
      summary,
    });
  });
  return routes;
}

/** GET /health, GET /metrics, GET /api (route list), GET /api/me, GET /api/audit. */
export function registerServiceRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  deps: { registry: Registry; guard: OverloadGuard; routes: readonly RouteInfo[] },
): void {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Liveness (the process answers) and readiness (the index answers)',
        response: { 200: healthResponse, 503: healthResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      try {
        const stats = await withTimeout(ctx.index.stats(), READINESS_TIMEOUT_MS);
        return {
          status: 'ok',
          backend: ctx.backend.name,
          ready: true,
          profiles: stats.profiles,
          inFlight: deps.guard.inFlight,
        };
      } catch (error) {
        request.log.warn({ err: error }, 'health.index-unavailable');
        reply.status(503);
        return {
          status: 'degraded',
          backend: ctx.backend.name,
          ready: false,
          inFlight: deps.guard.inFlight,
          problem: `the ${ctx.backend.name} index does not answer`,
        };
      }
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Prometheus metrics (text exposition format)',
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (_request, reply) => {
      const text = await deps.registry.metrics();
      return reply.type(deps.registry.contentType).send(text);
    },
  );

  app.get(
    '/api',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The routes of the API',
        response: {
          200: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              roles: { type: 'array', items: { type: 'string' } },
              routes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    method: { type: 'string' },
                    url: { type: 'string' },
                    access: { type: 'string' },
                    summary: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => ({ name: 'Talent Brain 人才大脑 query service', roles: [...ROLES], routes: deps.routes }),
  );
  app.get(
    '/api/me',
    {
      config: { access: 'search' },
      schema: {
        summary: "The key's name, role and what it may do",
        response: { 200: whoamiResponse, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return { ...caller, can: CAPABILITIES.filter((c) => can(caller.role, c)) };
    },
  );

  app.get<{ Querystring: { limit?: number; target?: string; action?: AuditAction } }>(
    '/api/audit',
    {
      config: { access: 'audit' },
      schema: {
        summary: 'The audit log, newest first: contact reads and erasures (admin)',
        querystring: auditQuerystring,
        response: { 200: auditResponse, ...errorResponses },
      },
    },
    async (request) => ({
      entries: ctx.store.audit({
        limit: request.query.limit ?? 100,
        ...(request.query.target !== undefined ? { target: request.query.target } : {}),
        ...(request.query.action !== undefined ? { action: request.query.action } : {}),
      }),
    }),
  );
}
