import type { FastifyInstance } from 'fastify';
import { maskHits } from '../access/mask-contacts.js';
import { can } from '../access/roles.js';
import { callerOf, type ApiContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import { similarPeople } from '../similar/similar-people.js';

/** GET /api/talents/:id/similar: "more like this", each person with what they share. */
export function registerSimilarRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/api/talents/:id/similar',
    {
      config: { access: 'search' },
      schema: {
        summary: 'People like this one: shared skills, patent classes, topics, titles, employers, industries',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 50 } },
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request) => {
      const profile = await ctx.index.get(request.params.id);
      if (!profile) throw notFound(`no profile with id "${request.params.id}"`);
      const found = await similarPeople(ctx.index, profile, request.query.limit ?? 10);
      const masked = can(callerOf(request).role, 'read-contacts');
      const hits = masked ? found.map((f) => f.hit) : maskHits(found.map((f) => f.hit));
      return {
        id: profile.id,
        similar: found.map((f, i) => ({
          ...hits[i],
          similarity: f.similarity,
          shared: f.shared,
          explanation: f.explanation,
        })),
      };
    },
  );
}
