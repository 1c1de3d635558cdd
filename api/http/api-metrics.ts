import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { TalentIndex } from '../../indexer/contract.js';
import { PooledEmbeddedIndex } from '../../indexer/embedded/pooled-index.js';
import type { OverloadGuard } from '../access/overload-guard.js';
import type { RateLimiter } from '../access/rate-limiter.js';

/** `auth-failures`: a missing or unknown key from an address past api.authFailureBurst (429). */
export type RefusalReason = 'unauthorized' | 'auth-failures' | 'forbidden' | 'rate-limited' | 'overloaded';

export interface ApiMetrics {
  /** One finished request: `route` is the route's pattern (`/api/talents/:id`), never the raw URL. */
  observe(request: { method: string; route: string; status: number; seconds: number }): void;
  refused(reason: RefusalReason): void;
  contactRead(): void;
  erased(outcome: 'erased' | 'not-found'): void;
}

/**
 * The query service's Prometheus metrics (GET /metrics): request rate and latency per route and
 * status, refusals by reason, requests in flight, contact reads and erasures, and the index's size,
 * read from the index when scraped (a failed read leaves the last values).
 */
export function apiMetrics(
  registry: Registry,
  index: TalentIndex,
  guard: OverloadGuard,
  failures: RateLimiter,
): ApiMetrics {
  const requests = new Counter({
    name: 'talent_brain_api_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'talent_brain_api_request_duration_seconds',
    help: 'Time from request to response, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'talent_brain_api_refused_total',
    help: 'Requests refused before their route ran: unauthorized, auth-failures, forbidden, rate-limited, overloaded',
    labelNames: ['reason'],
    registers: [registry],
  });
  new Gauge({
    name: 'talent_brain_api_in_flight',
    help: 'API requests being handled now (bounded by api.maxInFlight)',
    registers: [registry],
    collect() {
      this.set(guard.inFlight);
    },
  });
  new Gauge({
    name: 'talent_brain_api_auth_failure_addresses',
    help: 'Client addresses whose failed authentications are remembered now (bounded by api.authFailureAddresses)',
    registers: [registry],
    collect() {
      this.set(failures.size);
    },
  });
  if (index instanceof PooledEmbeddedIndex) {
    // Reads waiting for a reader thread: a queue that keeps growing says the threads are too few.
    new Gauge({
      name: 'talent_brain_api_reader_queue',
      help: 'Index reads waiting for a free reader thread (embedded backend)',
      registers: [registry],
      collect() {
        this.set(index.pool.queued);
      },
    });
    new Gauge({
      name: 'talent_brain_api_reader_threads_busy',
      help: 'Reader threads running an index read now, of talent_brain_api_reader_threads',
      registers: [registry],
      collect() {
        this.set(index.pool.busy);
      },
    });
    new Gauge({
      name: 'talent_brain_api_reader_threads',
      help: 'Reader threads of the embedded index (api.readerThreads)',
      registers: [registry],
      collect() {
        this.set(index.pool.size);
      },
    });
  }
  const contactReads = new Counter({
    name: 'talent_brain_api_contact_reads_total',
    help: 'Profiles read with their contact details (each also in the audit log)',
    registers: [registry],
  });
  const erasures = new Counter({
    name: 'talent_brain_api_erasures_total',
    help: 'Erasure requests, by outcome (erased, not-found)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  // The index is read once per scrape for its three gauges: prom-client collects metrics
  // concurrently, so they share one read started within the last second.
  let lastRead: { at: number; stats: ReturnType<TalentIndex['stats']> } | undefined;
  const readStats = (): ReturnType<TalentIndex['stats']> => {
    const now = Date.now();
    if (lastRead === undefined || now - lastRead.at > 1000) lastRead = { at: now, stats: index.stats() };
    return lastRead.stats;
  };
  const indexGauge = (
    name: string,
    help: string,
    value: (s: Awaited<ReturnType<TalentIndex['stats']>>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        try {
          this.set(value(await readStats()));
        } catch {
          // The index is unreachable: /health says so; the gauge keeps its last value.
        }
      },
    });
  indexGauge('talent_brain_index_profiles', 'Profiles in the index', (s) => s.profiles);
  indexGauge('talent_brain_index_evidence', 'Evidence records in the index', (s) => s.evidence);
  indexGauge(
    'talent_brain_index_size_bytes',
    'Bytes the index takes on disk (SQLite file and WAL; the store size on Elasticsearch)',
    (s) => s.sizeBytes,
  );
  return {
    observe: ({ method, route, status, seconds }) => {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    refused: (reason) => refusals.inc({ reason }),
    contactRead: () => contactReads.inc(),
    erased: (outcome) => erasures.inc({ outcome }),
  };
}
