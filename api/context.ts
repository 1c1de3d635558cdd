import type { Config } from '../config/load.js';
import type { Demand } from '../config/demand.js';
import type { Industry } from '../config/industries.js';
import type { TalentIndex } from '../indexer/contract.js';
import type { Backend } from '../indexer/open-backend.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from './access/api-keys.js';
import type { SupplyErrorRates } from './gaps/supply-interval.js';
import type { Capability } from './access/roles.js';
import type { ApiMetrics } from './http/api-metrics.js';
import type { PoolStore } from './pools/pool-store.js';
import type { ApiStore } from './state/api-store.js';
import type { RegionTies } from './ties/region-ties.js';
import type { QueryUnderstander } from './understand/understand-query.js';

/** What every route of the service works with, built once at start. */
export interface ApiContext {
  config: Readonly<Config>;
  dataDir: string;
  backend: Backend;
  index: TalentIndex;
  store: ApiStore;
  /** Talent pools, `<data>/pools.db` (api/pools/). */
  pools: PoolStore;
  industries: readonly Industry[];
  industryIds: readonly string[];
  demand: Demand;
  /** The resolver's error rates that put an interval on every supply figure. */
  supplyErrorRates: SupplyErrorRates;
  /** Reads plain-language queries (api/understand/). */
  understander: QueryUnderstander;
  /** Regional ties to the home region or another (api/ties/). */
  ties: RegionTies;
  logger: Logger;
  metrics: ApiMetrics;
}

/** Who may call a route: a capability of a role (roles.ts), or anyone (health, metrics, the UI). */
export type RouteAccess = Capability | 'public';

declare module 'fastify' {
  interface FastifySchema {
    /** One line for GET /api's route list. */
    summary?: string;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The key's holder, on routes that are not public (set before the handler runs). */
    caller: Caller | null;
  }
}

/** The caller of a route that is not public; the access hook has set it. */
export function callerOf(request: { caller: Caller | null }): Caller {
  if (request.caller === null) throw new Error('route without access control reached its handler');
  return request.caller;
}
