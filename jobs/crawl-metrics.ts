import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Prometheus metrics of a crawl process (lib/metrics.ts registry): pages by outcome, bytes, errors
 * by class, politeness waits, fetch time, records sent on.
 */
export interface CrawlMetrics {
  page(sourceId: string, outcome: string): void;
  bytes(sourceId: string, n: number): void;
  error(sourceId: string, failureClass: string): void;
  politenessWait(sourceId: string, ms: number): void;
  fetchSeconds(sourceId: string, seconds: number): void;
  record(sourceId: string, sink: string): void;
}

export function crawlMetrics(registry: Registry): CrawlMetrics {
  const pages = new Counter({
    name: 'talent_brain_crawl_pages_total',
    help: 'URLs finished by the crawl, by outcome (stored, unchanged, fresh, fetched, robots-disallowed, a failure class…)',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const bytes = new Counter({
    name: 'talent_brain_crawl_bytes_total',
    help: 'Response body bytes read (after decompression)',
    labelNames: ['source'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'talent_brain_crawl_errors_total',
    help: 'Failed fetch attempts by class (timeout, network, http-5xx, http-429, http-4xx, too-large…), retries included',
    labelNames: ['source', 'class'],
    registers: [registry],
  });
  const waits = new Counter({
    name: 'talent_brain_crawl_politeness_waits_total',
    help: 'Requests that had to wait for their host (minimum delay, Crawl-delay, concurrency, Retry-After)',
    labelNames: ['source'],
    registers: [registry],
  });
  const waitSeconds = new Counter({
    name: 'talent_brain_crawl_politeness_wait_seconds_total',
    help: 'Time spent waiting for hosts, in seconds',
    labelNames: ['source'],
    registers: [registry],
  });
  const fetchSeconds = new Histogram({
    name: 'talent_brain_crawl_fetch_seconds',
    help: 'Time of one HTTP exchange, body included',
    labelNames: ['source'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const records = new Counter({
    name: 'talent_brain_crawl_records_total',
    help: 'Records sent to the sink (new or changed pages)',
    labelNames: ['source', 'sink'],
    registers: [registry],
  });
  return {
    page: (source, outcome) => pages.inc({ source, outcome }),
    bytes: (source, n) => bytes.inc({ source }, n),
    error: (source, failureClass) => errors.inc({ source, class: failureClass }),
    politenessWait: (source, ms) => {
      waits.inc({ source });
      waitSeconds.inc({ source }, ms / 1000);
    },
    fetchSeconds: (source, seconds) => fetchSeconds.observe({ source }, seconds),
    record: (source, sink) => records.inc({ source, sink }),
  };
}

/** Metrics that go nowhere, for processes that serve none. */
export const noCrawlMetrics: CrawlMetrics = {
  page: () => undefined,
  bytes: () => undefined,
  error: () => undefined,
  politenessWait: () => undefined,
  fetchSeconds: () => undefined,
  record: () => undefined,
};
