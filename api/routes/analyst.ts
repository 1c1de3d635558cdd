import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { registerMapRoutes } from './analyst-map.js';

/** The analysts' views beyond the gap table: the talent map. */
export function registerAnalystRoutes(app: FastifyInstance, ctx: ApiContext): void {
  registerMapRoutes(app, ctx);
}
