/**
 * Every Redis key of the crawl, under `crawl.queuePrefix` (BullMQ puts its queues under the same
 * prefix), so a test or a second installation on one Redis never sees another's state.
 */
export class CrawlKeys {
  constructor(readonly prefix: string) {}

  /** Parsed robots.txt of an origin (`https://host:port`). */
  robots(origin: string): string {
    return `${this.prefix}:robots:${origin}`;
  }
  robotsLock(origin: string): string {
    return `${this.prefix}:robots-lock:${origin}`;
  }
  /** When a request to the host last started or ended, whichever is later (ms, Redis clock). */
  hostLastActivity(host: string): string {
    return `${this.prefix}:host:${host}:last`;
  }
  /** No request to the host before this time (ms, Redis clock): a Retry-After. */
  hostHoldUntil(host: string): string {
    return `${this.prefix}:host:${host}:hold-until`;
  }
  /** Requests to the host in flight: token → lease expiry. */
  hostInFlight(host: string): string {
    return `${this.prefix}:host:${host}:in-flight`;
  }
  /** Validators, content hash and links of a page as last fetched for a source. */
  page(sourceId: string, urlKey: string): string {
    return `${this.prefix}:page:${sourceId}:${urlKey}`;
  }
  run(runId: string): string {
    return `${this.prefix}:run:${runId}`;
  }
  runSeen(runId: string): string {
    return `${this.prefix}:run:${runId}:seen`;
  }
  runDone(runId: string): string {
    return `${this.prefix}:run:${runId}:done`;
  }
  runFailures(runId: string): string {
    return `${this.prefix}:run:${runId}:failures`;
  }
  /** The run of a source in progress; a scheduled run finding one skips instead of overlapping. */
  activeRun(sourceId: string): string {
    return `${this.prefix}:source:${sourceId}:active-run`;
  }
  /** Recent run ids of a source, newest first. */
  sourceRuns(sourceId: string): string {
    return `${this.prefix}:source:${sourceId}:runs`;
  }
  pausedSources(): string {
    return `${this.prefix}:paused-sources`;
  }
  scheduleSyncLock(): string {
    return `${this.prefix}:schedule-sync-lock`;
  }
}
