import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { registerMapRoutes } from './analyst-map.js';
import { registerTechnologyRoutes } from './analyst-technologies.js';
import { registerTrendRoutes } from './analyst-trend.js';

/** The analysts' views beyond the gap table: the talent map, technology expert lists, the supply trend. */
export function registerAnalystRoutes(app: FastifyInstance, ctx: ApiContext): void {
  registerMapRoutes(app, ctx);
  registerTechnologyRoutes(app, ctx);
  registerTrendRoutes(app, ctx);
}
