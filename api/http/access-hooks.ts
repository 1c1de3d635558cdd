import type { FastifyInstance, FastifyRequest } from 'fastify';
import { presentedKey, type KeyRing } from '../access/api-keys.js';
import { clientAddress } from '../access/client-address.js';
import type { OverloadGuard } from '../access/overload-guard.js';
import type { RateLimiter } from '../access/rate-limiter.js';
import { can, rolesWith } from '../access/roles.js';
import type { ApiMetrics } from './api-metrics.js';
import { ApiError } from './errors.js';

const released = Symbol('overload-slot-released');
type GuardedRequest = FastifyRequest & { [released]?: boolean };

/**
 * The checks every non-public route passes: key (401), role (403) and the key's rate (429) as soon
 * as the headers are in, before the body is read. A missing or unknown key is also counted against
 * the client's address (`failures`): past that budget the answer is 429 instead of 401 and the
 * connection is closed, so guessing keys is slow and a flood of bad keys must reconnect to go on;
 * valid keys from the same address (a shared NAT, a proxy) are not refused for it. Then, once the request is read and valid, a slot
 * among `api.maxInFlight` (503 when none is free). A slot is taken only by a request the service
 * can work on: a client sending its body slowly (or never) holds no slot, only its socket, which
 * `api.requestTimeoutMs` bounds. Public routes (health, metrics, the UI's files) skip the checks
 * so a monitor still gets answers from a saturated service.
 */
export function installAccessHooks(
  app: FastifyInstance,
  deps: {
    keys: KeyRing;
    guard: OverloadGuard;
    limiter: RateLimiter;
    /** Failed authentications per client address. */
    failures: RateLimiter;
    /** `api.clientAddressHeader`: '' to count by the socket's address. */
    clientAddressHeader: string;
    metrics: ApiMetrics;
  },
): void {
  const { keys, guard, limiter, failures, clientAddressHeader, metrics } = deps;

  /** The 401 for a missing or unknown key, or a 429 once the address has had too many. */
  const refuseAuthentication = (request: FastifyRequest, refusal: ApiError): ApiError => {
    const address = clientAddress(request.socket.remoteAddress, request.headers, clientAddressHeader);
    const budget = failures.take(address);
    if (budget.allowed) {
      metrics.refused('unauthorized');
      return refusal;
    }
    metrics.refused('auth-failures');
    return new ApiError(
      429,
      'rate-limited',
      `too many requests without a valid API key from this address; retry in ${budget.retryAfterSeconds} s`,
      { 'retry-after': String(budget.retryAfterSeconds), connection: 'close' },
    );
  };
  app.decorateRequest('caller', null);

  app.addHook('onRequest', async (request: GuardedRequest, reply) => {
    const access = request.routeOptions.config.access;
    // Unknown routes reach the 404 handler; public ones need no key.
    if (access === undefined || access === 'public') return;

    const key = presentedKey(request.headers);
    if (key === undefined)
      throw refuseAuthentication(
        request,
        new ApiError(
          401,
          'unauthorized',
          'an API key is required: send "Authorization: Bearer <key>" (or "X-API-Key: <key>")',
          { 'www-authenticate': 'Bearer realm="talent-brain"' },
        ),
      );
    const caller = keys.identify(key);
    if (caller === undefined)
      throw refuseAuthentication(
        request,
        new ApiError(401, 'unauthorized', 'this API key is not valid (unknown or revoked)', {
          'www-authenticate': 'Bearer realm="talent-brain", error="invalid_token"',
        }),
      );
    if (!can(caller.role, access)) {
      metrics.refused('forbidden');
      throw new ApiError(
        403,
        'forbidden',
        `the role "${caller.role}" of key "${caller.name}" may not do this (${access}); it takes the role ${rolesWith(access).join(' or ')}`,
      );
    }
    const rate = limiter.take(caller.name);
    reply.header('x-ratelimit-remaining', String(rate.remaining));
    if (!rate.allowed) {
      metrics.refused('rate-limited');
      throw new ApiError(
        429,
        'rate-limited',
        `too many requests for key "${caller.name}"; retry in ${rate.retryAfterSeconds} s`,
        { 'retry-after': String(rate.retryAfterSeconds) },
      );
    }
    request.caller = caller;
  });

  app.addHook('preHandler', async (request: GuardedRequest) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    if (!guard.enter()) {
      metrics.refused('overloaded');
      throw new ApiError(
        503,
        'overloaded',
        `the service is answering ${guard.limit} requests already; retry in a moment`,
        { 'retry-after': '1' },
      );
    }
    request[released] = false;
  });

  const release = (request: GuardedRequest): void => {
    if (request[released] === false) {
      request[released] = true;
      guard.release();
    }
  };
  app.addHook('onResponse', async (request: GuardedRequest, reply) => {
    release(request);
    metrics.observe({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });
  // A client that goes away frees its slot at once (its handler may still be finishing).
  app.addHook('onRequestAbort', async (request: GuardedRequest) => release(request));
}
