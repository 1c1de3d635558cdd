import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { CrawlSource } from '../config/sources.js';
import { createEnvelope, sha256Hex } from '../lib/envelope.js';
import { classifyPage, isHtml, pageMediaTypes, SITEMAP_MEDIA_TYPES } from './classify-page.js';
import type { CrawlContext } from './context.js';
import { CrawlFailure } from './crawl-failure.js';
import { enqueueUrls, type QueueItem, type RunRef } from './crawl-run.js';
import { fetchPage, mediaTypeOf, type FetchResponse } from './fetch-page.js';
import { PolitenessWait } from './host-rate-limit.js';
import { bodyText, extractLinks, parseSitemap } from './links.js';
import type { PageState } from './page-state.js';
import { MAX_RETRY_AFTER_MS, type PageJobData, type PageJobResult } from './queues.js';
import type { RobotsAnswer } from './robots-cache.js';
import type { PageOutcome } from './run-state.js';
import type { RecordSink } from './sinks/sink.js';
import { inScope, normalizeUrl, pathAndQuery, shouldExtract, shouldFollow, urlKey } from './url.js';

/**
 * The page job: one URL of one run, from robots.txt to record.
 *
 * 1. In scope? Allowed by robots.txt (fetched and cached per origin)? Else recorded, not fetched.
 * 2. Fetched within the recrawl interval? Then not fetched again; its stored links are followed.
 * 3. A slot from the host's rate limit (minimum delay, Crawl-delay, concurrency, shared by all
 *    processes), then a conditional GET with the stored validators. A redirect is another hop
 *    through 1–3; a loop or too long a chain fails.
 * 4. 304, or the same content hash as last time: unchanged, no record. Otherwise the page goes to
 *    the sink as a record envelope, and only once the sink has it is the page state updated.
 * 5. Its in-scope links are queued (deterministic job ids: once per run).
 *
 * Transient failures are thrown for BullMQ to retry with backoff (the last attempt records them);
 * permanent ones are recorded and fail the job without retry.
 */

/** A politeness wait longer than this puts the job back in the queue instead of holding a worker. */
const MAX_INLINE_WAIT_MS = 2000;

export interface PageProcessorDeps {
  ctx: CrawlContext;
  sink: RecordSink;
}

interface PageResult {
  outcome: PageOutcome;
  status?: number;
  bytes?: number;
  /** Why the page was skipped (robots rule, scope), for the run's failure list. */
  reason?: string;
}

export async function processPageJob(
  deps: PageProcessorDeps,
  job: Job<PageJobData, PageJobResult>,
  token?: string,
): Promise<PageJobResult> {
  const { ctx } = deps;
  const data = job.data;
  const run: RunRef = { runId: data.runId, sourceId: data.sourceId };
  const key = urlKey(data.url);
  const source = ctx.sources.get(data.sourceId);
  if (source === undefined) {
    const message = `no source "${data.sourceId}" in this process's sources file (${ctx.settings.sourcesFile})`;
    await ctx.runs.finish(run, key, 'unknown-source', {
      failure: { url: data.url, outcome: 'unknown-source', message },
    });
    throw new UnrecoverableError(`unknown-source: ${message}`);
  }
  // A job running again (retry, stall, politeness delay) may have queued some links and not others.
  const replay = job.attemptsMade > 0 || (job.attemptsStarted ?? 0) > 1;
  try {
    const result = await crawlUrl(deps, source, data, replay);
    const pending = await ctx.runs.finish(run, key, result.outcome, {
      bytes: result.bytes ?? 0,
      ...(result.reason !== undefined
        ? { failure: { url: data.url, outcome: result.outcome, message: result.reason } }
        : {}),
    });
    if (pending >= 0) ctx.metrics.page(source.id, result.outcome);
    if (pending === 0) ctx.logger.info({ source: source.id, runId: run.runId }, 'crawl.run.finished');
    return {
      outcome: result.outcome,
      url: data.url,
      ...(result.status !== undefined ? { status: result.status } : {}),
    };
  } catch (error) {
    if (error instanceof PolitenessWait && token !== undefined) {
      await job.moveToDelayed(Date.now() + error.waitMs, token);
      throw new DelayedError();
    }
    const failure =
      error instanceof CrawlFailure
        ? error
        : new CrawlFailure('internal', `${data.url}: ${(error as Error)?.message ?? String(error)}`, {
            cause: error,
          });
    ctx.metrics.error(source.id, failure.failureClass);
    const attempts = job.opts.attempts ?? 1;
    if (failure.retriable && job.attemptsMade + 1 < attempts) {
      ctx.logger.debug(
        { url: data.url, class: failure.failureClass, attempt: job.attemptsMade + 1 },
        'crawl.page.retry',
      );
      throw failure;
    }
    if (failure.status === 404 || failure.status === 410) await ctx.pages.forget(source.id, key);
    const pending = await ctx.runs.finish(run, key, failure.failureClass, {
      failure: { url: data.url, outcome: failure.failureClass, message: failure.message },
    });
    if (pending >= 0) ctx.metrics.page(source.id, failure.failureClass);
    if (pending === 0) ctx.logger.info({ source: source.id, runId: run.runId }, 'crawl.run.finished');
    ctx.logger.info(
      { url: data.url, class: failure.failureClass, message: failure.message },
      'crawl.page.failed',
    );
    throw failure.retriable ? failure : new UnrecoverableError(`${failure.failureClass}: ${failure.message}`);
  }
}

async function crawlUrl(
  deps: PageProcessorDeps,
  source: CrawlSource,
  data: PageJobData,
  replay: boolean,
): Promise<PageResult> {
  const { ctx } = deps;
  const userAgent = source.userAgent ?? ctx.settings.userAgent;
  const run: RunRef = { runId: data.runId, sourceId: data.sourceId };
  const follow = async (links: readonly string[], depth: number): Promise<void> => {
    if (depth > source.follow.maxDepth) return;
    const items: QueueItem[] = links
      .filter((link) => shouldFollow(source, link))
      .map((url) => ({ url, depth, kind: 'page' }));
    await enqueueUrls(ctx, run, source, items, { replay });
  };
  const chain: string[] = [];
  let current = data.url;
  for (let hop = 0; ; hop++) {
    if (!inScope(source, current))
      return {
        outcome: 'out-of-scope',
        reason: `${current} is outside the source's scope (hosts, include, exclude)`,
      };
    const key = urlKey(current);
    if (hop > 0) {
      if (chain.includes(current))
        throw new CrawlFailure(
          'redirect-loop',
          `${data.url}: redirects come back to ${current} (${[...chain, current].join(' → ')})`,
        );
      if (hop > ctx.settings.maxRedirects)
        throw new CrawlFailure(
          'too-many-redirects',
          `${data.url}: more than ${ctx.settings.maxRedirects} redirects (crawl.maxRedirects)`,
        );
      if (!(await ctx.runs.claimAlias(run.runId, key))) return { outcome: 'redirect-duplicate' };
    }
    const state = await ctx.pages.get(source.id, key);
    if (
      state !== undefined &&
      data.kind === 'page' &&
      Date.now() - state.fetchedAt < source.recrawlIntervalMs
    ) {
      await follow(state.links, data.depth + 1);
      return { outcome: 'fresh' };
    }
    const url = new URL(current);
    const robots = await robotsFor(deps, source, url.origin);
    if (robots.status === 'unreachable')
      throw new CrawlFailure(
        'robots-unreachable',
        `${url.origin}/robots.txt could not be fetched (${robots.reason ?? 'no answer'}); the site is off limits until it can`,
      );
    const decision = robots.rules.decide(userAgent, pathAndQuery(url));
    if (!decision.allowed)
      return { outcome: 'robots-disallowed', reason: `${current}: robots.txt says ${decision.rule ?? 'no'}` };
    const delayMs = Math.max(source.politeness.minDelayMs, robots.rules.crawlDelayMs(userAgent) ?? 0);
    const accepts = data.kind === 'sitemap' ? SITEMAP_MEDIA_TYPES : pageMediaTypes(source);
    const response = await politeFetch(deps, source, current, delayMs, {
      acceptsContentType: (type) => accepts.has(type),
      // Conditional only when our copy is all we need: not when a record of the page is now wanted
      // that was not made before (its extract rules changed).
      ...(state !== undefined && (state.recorded || !shouldExtract(source, current))
        ? { conditional: state }
        : {}),
    });
    if (response.kind === 'redirect') {
      chain.push(current);
      const next = normalizeUrl(response.location);
      if (next === undefined)
        throw new CrawlFailure(
          'http-other',
          `${current}: redirects to ${response.location}, not an http(s) URL`,
        );
      current = next;
      continue;
    }
    if (response.kind === 'not-modified') {
      await ctx.pages.touch(source.id, key, Date.now());
      await follow(state?.links ?? [], data.depth + 1);
      return { outcome: 'unchanged', status: 304 };
    }
    ctx.metrics.bytes(source.id, response.body.length);
    return afterBody(deps, source, data, current, response, state, follow);
  }
}

async function afterBody(
  deps: PageProcessorDeps,
  source: CrawlSource,
  data: PageJobData,
  url: string,
  response: Extract<FetchResponse, { kind: 'body' }>,
  state: PageState | undefined,
  follow: (links: readonly string[], depth: number) => Promise<void>,
): Promise<PageResult> {
  const { ctx } = deps;
  const run: RunRef = { runId: data.runId, sourceId: data.sourceId };
  const key = urlKey(url);
  const checksum = `sha256:${sha256Hex(response.body)}`;
  const mediaType = mediaTypeOf(response.contentType);
  const validators = {
    ...(response.etag !== undefined ? { etag: response.etag } : {}),
    ...(response.lastModified !== undefined ? { lastModified: response.lastModified } : {}),
  };
  const base = { status: response.status, bytes: response.body.length };

  if (data.kind === 'sitemap') {
    let entries;
    try {
      entries = parseSitemap(response.body, mediaType);
    } catch (error) {
      // Only a compressed sitemap can fail here: inflating past the protocol's 50 MB, or corrupt.
      const tooLarge =
        error instanceof RangeError || /maxOutputLength|too large/i.test((error as Error).message);
      throw new CrawlFailure(
        tooLarge ? 'too-large' : 'unsupported-encoding',
        `${url}: sitemap cannot be read (${(error as Error).message})`,
        { cause: error },
      );
    }
    const items: QueueItem[] = [
      ...entries.pages
        .filter((u) => inScope(source, u))
        .map((u) => ({ url: u, depth: data.depth, kind: 'page' as const })),
      ...entries.sitemaps
        .filter((u) => inScope(source, u))
        .map((u) => ({ url: u, depth: data.depth, kind: 'sitemap' as const })),
    ];
    await enqueueUrls(ctx, run, source, items, { replay: true });
    await ctx.pages.put(source.id, key, {
      ...validators,
      checksum,
      fetchedAt: Date.now(),
      links: [],
      recorded: false,
    });
    return { outcome: 'fetched', ...base };
  }

  // Same content as last time, and a record already made of it if one is wanted now: nothing new.
  if (state !== undefined && state.checksum === checksum && (state.recorded || !shouldExtract(source, url))) {
    await ctx.pages.put(source.id, key, { ...state, ...validators, fetchedAt: Date.now() });
    await follow(state.links, data.depth + 1);
    return { outcome: 'unchanged', ...base };
  }

  const page = isHtml(mediaType)
    ? extractLinks(bodyText(response.body, response.contentType), url, {
        respectNofollow: source.follow.respectNofollow,
      })
    : { links: [], noindex: false, nofollow: false };
  const links =
    page.nofollow && source.follow.respectNofollow ? [] : page.links.filter((l) => shouldFollow(source, l));
  let outcome: PageOutcome = 'fetched';
  if (!page.noindex && shouldExtract(source, url)) {
    const { sourceKind, format } = classifyPage(source, response.body, response.contentType);
    const envelope = createEnvelope({
      sourceKind,
      format,
      origin: { uri: url },
      body: response.body,
      contentType: response.contentType,
    });
    try {
      await deps.sink.write(envelope);
    } catch (error) {
      throw new CrawlFailure(
        'sink-unavailable',
        `${url}: the ${deps.sink.name} sink did not take the record: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    ctx.metrics.record(source.id, deps.sink.name);
    outcome = 'stored';
  }
  // Only now that the sink has the record: a crash before this line fetches the page again.
  await ctx.pages.put(source.id, key, {
    ...validators,
    checksum,
    fetchedAt: Date.now(),
    links,
    recorded: outcome === 'stored',
  });
  await follow(links, data.depth + 1);
  return { outcome, ...base };
}

/** robots.txt of an origin, fetched (when not cached) through the same politeness as pages. */
function robotsFor(deps: PageProcessorDeps, source: CrawlSource, origin: string): Promise<RobotsAnswer> {
  return deps.ctx.robots.rulesFor(origin, (url) =>
    politeFetch(deps, source, url, source.politeness.minDelayMs, {
      acceptsContentType: () => true,
      maxBytes: 2 * 1024 * 1024,
      // A robots.txt wait is short and must not bounce the page job around the queue.
      maxWaitMs: 60_000,
    }),
  );
}

async function politeFetch(
  deps: PageProcessorDeps,
  source: CrawlSource,
  url: string,
  delayMs: number,
  options: {
    acceptsContentType: (mediaType: string) => boolean;
    conditional?: { etag?: string; lastModified?: string };
    maxBytes?: number;
    maxWaitMs?: number;
  },
): Promise<FetchResponse> {
  const { ctx } = deps;
  const host = new URL(url).host;
  const slot = await ctx.limiter.acquire(
    host,
    { delayMs, concurrency: source.politeness.concurrency, leaseMs: ctx.settings.timeoutMs + 10_000 },
    { maxWaitMs: options.maxWaitMs ?? MAX_INLINE_WAIT_MS },
  );
  if (slot.waitedMs > 0) ctx.metrics.politenessWait(source.id, slot.waitedMs);
  const started = performance.now();
  try {
    return await fetchPage({
      url,
      userAgent: source.userAgent ?? ctx.settings.userAgent,
      timeoutMs: ctx.settings.timeoutMs,
      maxBytes: options.maxBytes ?? ctx.settings.maxBytes,
      allowPrivateAddresses: source.allowPrivateAddresses,
      acceptsContentType: options.acceptsContentType,
      ...(options.conditional !== undefined ? { conditional: options.conditional } : {}),
    });
  } catch (error) {
    // A 429 or 503 with Retry-After: the whole host waits, in every process, not just this page.
    if (error instanceof CrawlFailure && error.retryAfterMs !== undefined)
      await ctx.limiter.pushBack(host, Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS));
    throw error;
  } finally {
    ctx.metrics.fetchSeconds(source.id, (performance.now() - started) / 1000);
    await slot.release();
  }
}
