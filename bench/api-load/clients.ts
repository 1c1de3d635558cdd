import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import type { Role } from '../../api/access/roles.js';
import { round, summarize, type LatencySummary } from './latency-summary.js';
import { SHAPES, shapeUrl } from './shapes.js';

/** One run of clients against a served index. */
export interface ScenarioSpec {
  /** Well-behaved clients: each sends the shapes in turn, one request after another. */
  clients: number;
  seconds: number;
  warmUpMs: number;
  /** Clients that send slowly (headers, body) or read slowly, reconnecting when cut off. */
  slowClients: number;
  /** Clients that send searches back to back with keys the service does not know. */
  badKeyClients: number;
}

type SlowKind = 'slow-headers' | 'slow-body' | 'slow-read';
const SLOW_KINDS: readonly SlowKind[] = ['slow-headers', 'slow-body', 'slow-read'];
/** A 503 asks the client to come back after Retry-After; a well-behaved client does, within this. */
const MAX_BACKOFF_MS = 5000;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

interface SlowConnection {
  kind: SlowKind;
  heldMs: number;
  /** The status line the service sent before closing (408 for a sender cut off), when read. */
  status?: number;
  closedByServer: boolean;
}

/**
 * One connection of a slow client, held as long as the service lets it (or until `stopAt`):
 * - slow-headers: the request line, then one header line every 500 ms, never the blank line;
 * - slow-body: a POST announcing 1,000 bytes of body, then one byte a second;
 * - slow-read: a large search (200 hits, every facet), then a pipelined copy every second, and the
 *   answers never read, so the service's writes back up.
 */
function slowConnection(kind: SlowKind, base: URL, key: string, stopAt: number): Promise<SlowConnection> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket: Socket = connect({ host: base.hostname, port: Number(base.port) });
    let status: number | undefined;
    let closedByServer = true;
    let timer: NodeJS.Timeout | undefined;
    const host = `Host: ${base.host}\r\n`;
    const auth = `Authorization: Bearer ${key}\r\n`;
    const bigSearch = `GET /api/search?q=engineer&limit=200&facets=all HTTP/1.1\r\n${host}${auth}\r\n`;
    const stop = setTimeout(
      () => {
        closedByServer = false;
        socket.destroy();
      },
      Math.max(0, stopAt - performance.now()),
    );
    socket.on('connect', () => {
      if (kind === 'slow-headers') {
        socket.write(`GET /api/search?q=engineer HTTP/1.1\r\n${host}${auth}`);
        timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 500);
      } else if (kind === 'slow-body') {
        socket.write(
          `POST /api/saved-searches HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na`,
        );
        timer = setInterval(() => socket.write('a'), 1000);
      } else {
        socket.write(bigSearch);
        socket.pause();
        timer = setInterval(() => socket.write(bigSearch), 1000);
      }
    });
    socket.on('data', (chunk: Buffer) => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1', 0, 16));
      if (m && status === undefined) status = Number(m[1]);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(stop);
      resolve({
        kind,
        heldMs: performance.now() - started,
        ...(status !== undefined ? { status } : {}),
        closedByServer,
      });
    });
  });
}

export interface ScenarioResult {
  spec: ScenarioSpec;
  loadAverage: { before: number[]; after: number[] };
  good: {
    statuses: Record<string, number>;
    /** 5xx answers other than 503 with Retry-After (must be 0), and failed requests. */
    forbidden5xx: number;
    networkErrors: number;
    requestsPerSecond: number;
    overall: LatencySummary;
    byShape: Array<{ shape: string; path: string; params: Record<string, string> } & LatencySummary>;
  };
  badKey?: { statuses: Record<string, number>; requestsPerSecond: number };
  slow?: Record<
    SlowKind,
    {
      connections: number;
      closedByServer: number;
      statuses: Record<string, number>;
      heldMs: LatencySummary;
    }
  >;
  /** Requests the service counted in flight after the run (its overload slots): 0 when none leaked. */
  inFlightAfter: number | undefined;
}

const count = (into: Record<string, number>, key: string | number): void => {
  into[key] = (into[key] ?? 0) + 1;
};

async function inFlight(base: string): Promise<number | undefined> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^talent_brain_api_in_flight(?:\{[^}]*\})? (\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Runs the well-behaved, slow and bad-key clients of `spec` together; figures count after the warm-up. */
export async function runScenario(
  base: string,
  keys: Record<Role, string>,
  spec: ScenarioSpec,
): Promise<ScenarioResult> {
  const before = loadavg();
  const started = performance.now();
  const measureFrom = started + spec.warmUpMs;
  const stopAt = measureFrom + spec.seconds * 1000;

  const byShape = new Map<string, number[]>(SHAPES.map((s) => [s.name, []]));
  const all: number[] = [];
  const statuses: Record<string, number> = {};
  let forbidden5xx = 0;
  let networkErrors = 0;
  let next = 0;
  const goodClient = async (): Promise<void> => {
    while (performance.now() < stopAt) {
      const shape = SHAPES[next++ % SHAPES.length] as (typeof SHAPES)[number];
      const t0 = performance.now();
      let response: Response;
      try {
        response = await fetch(shapeUrl(base, shape), {
          headers: { authorization: `Bearer ${keys[shape.role]}` },
        });
        await response.arrayBuffer();
      } catch {
        if (t0 >= measureFrom) networkErrors++;
        await sleep(100);
        continue;
      }
      const t1 = performance.now();
      const retryAfter = Number(response.headers.get('retry-after'));
      if (t0 >= measureFrom) {
        count(statuses, response.status);
        if (response.status >= 500 && !(response.status === 503 && retryAfter > 0)) forbidden5xx++;
        if (response.status === 200) {
          all.push(t1 - t0);
          byShape.get(shape.name)?.push(t1 - t0);
        }
      }
      if (response.status === 503 || response.status === 429)
        await sleep(
          Math.min(MAX_BACKOFF_MS, (retryAfter > 0 ? retryAfter : 1) * 1000 * (0.5 + Math.random())),
        );
    }
  };

  const badStatuses: Record<string, number> = {};
  let badRequests = 0;
  const badKeyClient = async (n: number): Promise<void> => {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      try {
        const response = await fetch(`${base}/api/search?q=engineer`, {
          headers: { authorization: `Bearer not-a-key-${n}-${badRequests}` },
        });
        await response.arrayBuffer();
        if (t0 >= measureFrom) {
          count(badStatuses, response.status);
          badRequests++;
        }
      } catch {
        if (t0 >= measureFrom) count(badStatuses, 'network-error');
        await sleep(100);
      }
    }
  };

  const url = new URL(base);
  const slowConnections: SlowConnection[] = [];
  const slowClient = async (n: number): Promise<void> => {
    const kind = SLOW_KINDS[n % SLOW_KINDS.length] as SlowKind;
    while (performance.now() < stopAt)
      slowConnections.push(await slowConnection(kind, url, keys.recruiter, stopAt));
  };

  await Promise.all([
    ...Array.from({ length: spec.clients }, goodClient),
    ...Array.from({ length: spec.badKeyClients }, (_, n) => badKeyClient(n)),
    ...Array.from({ length: spec.slowClients }, (_, n) => slowClient(n)),
  ]);
  const elapsed = (performance.now() - measureFrom) / 1000;
  // The service's slots must all be free once every client has gone (none leaked by an abort).
  await sleep(1000);
  const inFlightAfter = await inFlight(base);

  const result: ScenarioResult = {
    spec,
    loadAverage: { before: before.map((l) => round(l)), after: loadavg().map((l) => round(l)) },
    good: {
      statuses,
      forbidden5xx,
      networkErrors,
      requestsPerSecond: round(all.length / elapsed, 1),
      overall: summarize(all),
      byShape: SHAPES.map((s) => ({
        shape: s.name,
        path: s.path,
        params: s.params,
        ...summarize(byShape.get(s.name) ?? []),
      })),
    },
    inFlightAfter,
  };
  if (spec.badKeyClients > 0)
    result.badKey = { statuses: badStatuses, requestsPerSecond: round(badRequests / elapsed, 1) };
  if (spec.slowClients > 0) {
    const slow: NonNullable<ScenarioResult['slow']> = {} as NonNullable<ScenarioResult['slow']>;
    for (const kind of SLOW_KINDS) {
      const mine = slowConnections.filter((c) => c.kind === kind);
      const kindStatuses: Record<string, number> = {};
      for (const c of mine) count(kindStatuses, c.status ?? 'none read');
      slow[kind] = {
        connections: mine.length,
        closedByServer: mine.filter((c) => c.closedByServer).length,
        statuses: kindStatuses,
        heldMs: summarize(mine.map((c) => c.heldMs)),
      };
    }
    result.slow = slow;
  }
  return result;
}
