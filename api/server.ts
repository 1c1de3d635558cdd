import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { loadDemand } from '../config/demand.js';
import { loadIndustries } from '../config/industries.js';
import { loadConfig, resolveConfigPath, type Config } from '../config/load.js';
import { loadResolutionQuality } from '../config/resolution-quality.js';
import { readerThreadCount } from '../indexer/embedded/reader-pool.js';
import { loadRegions } from '../config/regions.js';
import { openBackend, type Backend } from '../indexer/open-backend.js';
import { ConfigError } from '../lib/errors.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { createMetricsRegistry } from '../lib/metrics.js';
import { KeyRing, parseConfiguredKeys } from './access/api-keys.js';
import { OverloadGuard } from './access/overload-guard.js';
import { RateLimiter } from './access/rate-limiter.js';
import type { ApiContext } from './context.js';
import { supplyErrorRatesOf } from './gaps/supply-interval.js';
import { installAccessHooks } from './http/access-hooks.js';
import { apiMetrics } from './http/api-metrics.js';
import { refuseControlCharacters } from './http/control-characters.js';
import { installErrorHandling, onFrameworkError } from './http/errors.js';
import { registerStaticUi } from './http/static-ui.js';
import { registerAnalystRoutes } from './routes/analyst.js';
import { registerGapRoutes } from './routes/gaps.js';
import { registerPoolRoutes } from './routes/pools.js';
import { registerSimilarRoutes } from './routes/similar.js';
import { registerSavedSearchRoutes } from './routes/saved-searches.js';
import { registerSearchRoutes, splitListsHook } from './routes/search.js';
import { collectRoutes, registerServiceRoutes } from './routes/service.js';
import { registerTalentRoutes } from './routes/talents.js';
import { PoolStore } from './pools/pool-store.js';
import { ApiStore } from './state/api-store.js';
import { RegionTies } from './ties/region-ties.js';
import { openUnderstander } from './understand/open-understander.js';

export interface ApiOptions {
  /** Settings (default: loaded from talent-brain.yaml and the environment). */
  config?: Readonly<Config>;
  /** The data directory: the embedded index, and the service's own state (default `data.dir`). */
  dataDir?: string;
  /** An open backend to serve; the caller keeps ownership (default: opened from the config, closed with the app). */
  backend?: Backend;
  logger?: Logger;
  /** Overrides of the `api.*` settings (tests, the demo). */
  limits?: Partial<
    Pick<
      Config['api'],
      | 'maxInFlight'
      | 'rateLimit'
      | 'rateBurst'
      | 'authFailureRate'
      | 'authFailureBurst'
      | 'authFailureAddresses'
      | 'clientAddressHeader'
      | 'headersTimeoutMs'
      | 'requestTimeoutMs'
      | 'connectionTimeoutMs'
      | 'keepAliveTimeoutMs'
      | 'bodyLimitBytes'
      | 'readerThreads'
    >
  >;
}

export interface ApiApp {
  app: FastifyInstance;
  context: ApiContext;
  /** Closes the HTTP side, the state store and (when this app opened it) the backend. */
  close(): Promise<void>;
}

/**
 * The query service without a listening socket: tests drive it with `app.inject`, and
 * {@link startServer} puts it on a port.
 */
export async function buildApp(options: ApiOptions = {}): Promise<ApiApp> {
  const config = options.config ?? loadConfig();
  const dataDir = resolve(options.dataDir ?? config.data.dir);
  const logger = options.logger ?? createLogger({ level: config.log.level });
  // Config files first: a bad demand file fails the start, not the first analyst's request.
  const industries = loadIndustries(resolveConfigPath(config.scoring.industriesFile));
  const industryIds = industries.map((i) => i.id);
  const demand = loadDemand(resolveConfigPath(config.analysis.demandFile), industryIds);
  const supplyErrorRates = supplyErrorRatesOf(
    loadResolutionQuality(resolveConfigPath(config.analysis.resolutionQualityFile)),
  );
  const regions = loadRegions(resolveConfigPath(config.region.file));
  if (!regions.some((r) => r.code === config.region.home))
    throw new ConfigError(
      `region.home "${config.region.home}" is not in ${config.region.file} (${regions.map((r) => r.code).join(', ')}); add it there or set region.home to one of them`,
    );

  const limits = { ...config.api, ...options.limits };
  const ownsBackend = options.backend === undefined;
  const backend =
    options.backend ??
    (await openBackend(config, {
      dataDir,
      readerThreads: readerThreadCount(limits.readerThreads),
      onReaderThreadError: (error) =>
        logger.error({ err: error, event: 'api.reader-thread.failed' }, 'a reader thread died; replaced'),
    }));
  let store: ApiStore;
  let pools: PoolStore;
  try {
    store = ApiStore.open(dataDir);
  } catch (error) {
    if (ownsBackend) await backend.close();
    throw error;
  }
  try {
    pools = PoolStore.open(dataDir);
  } catch (error) {
    store.close();
    if (ownsBackend) await backend.close();
    throw error;
  }

  const registry = createMetricsRegistry({ service: 'api' });
  const guard = new OverloadGuard(limits.maxInFlight);
  // Keys with a failed authentication are client addresses, chosen by clients: the table is bounded.
  const failures = new RateLimiter(
    limits.authFailureRate,
    limits.authFailureBurst,
    undefined,
    limits.authFailureAddresses,
  );
  const metrics = apiMetrics(registry, backend.index, guard, failures);
  const context: ApiContext = {
    config,
    dataDir,
    backend,
    index: backend.index,
    store,
    pools,
    industries,
    industryIds,
    demand,
    supplyErrorRates,
    understander: openUnderstander(industries, regions, config.region.home),
    ties: new RegionTies(regions, config.region.home, backend.index),
    logger,
    metrics,
  };

  const app = Fastify({
    loggerInstance: logger.child({ stage: 'api' }) as FastifyBaseLogger,
    // One line per failure is enough; a line per request would drown the log at load.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    // A client must send its request within these bounds (408 and the socket closed past them):
    // without them a slow sender holds its socket for ever (Fastify's defaults are no timeout).
    bodyLimit: limits.bodyLimitBytes,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node checks the header and request deadlines on this period (30 s by default).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    // A malformed or overlong URL is answered in the API's error shape, without quoting it back.
    frameworkErrors: onFrameworkError,
    ajv: {
      customOptions: {
        // Unknown parameters are refused (400), not dropped: a typo must not widen a search.
        removeAdditional: false,
        coerceTypes: 'array',
        allErrors: true,
        // Puts the offending value in each issue, so a 400 can quote it.
        verbose: true,
      },
    },
  });
  const routes = collectRoutes(app);
  installErrorHandling(app);
  installAccessHooks(app, {
    keys: new KeyRing(parseConfiguredKeys(config.api.keys), store),
    guard,
    limiter: new RateLimiter(limits.rateLimit, limits.rateBurst),
    failures,
    clientAddressHeader: limits.clientAddressHeader,
    metrics,
  });
  // API answers may hold contact details: no cache (browser, proxy) keeps a copy.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api'))
      reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  });
  refuseControlCharacters(app);
  splitListsHook(app);
  registerServiceRoutes(app, context, { registry, guard, routes });
  registerSearchRoutes(app, context);
  registerTalentRoutes(app, context);
  registerGapRoutes(app, context);
  registerAnalystRoutes(app, context);
  registerSavedSearchRoutes(app, context);
  registerPoolRoutes(app, context);
  registerSimilarRoutes(app, context);
  registerStaticUi(app);

  let closing: Promise<void> | undefined;
  return {
    app,
    context,
    close: () =>
      (closing ??= (async () => {
        try {
          await app.close();
        } finally {
          store.close();
          pools.close();
          if (ownsBackend) await backend.close();
        }
      })()),
  };
}

export interface StartServerOptions extends ApiOptions {
  /** Default: the `api.port` setting (0 picks a free port). */
  port?: number;
  /** Default: the `api.host` setting. */
  host?: string;
}

export interface RunningServer {
  /** `http://host:port`: the UI at `/`, the API under `/api`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the query service (HTTP API and web UI) and resolves once it listens. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfig();
  const built = await buildApp({ ...options, config });
  const host = options.host ?? config.api.host;
  try {
    await built.app.listen({ port: options.port ?? config.api.port, host });
  } catch (error) {
    await built.close();
    throw error;
  }
  const address = built.app.server.address();
  const port =
    typeof address === 'object' && address !== null ? address.port : (options.port ?? config.api.port);
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}`, close: built.close };
}
