import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { checkHostLiteral, guardedLookup } from './address-guard.js';
import { CrawlFailure, failureOfError, parseRetryAfter } from './crawl-failure.js';

/**
 * One HTTP request, with the limits a crawler owes itself: a deadline for the whole exchange, a
 * byte limit counted after decompression (a small gzip can inflate to gigabytes), a content-type
 * check before the body is read, and no connection to a non-public address unless allowed.
 * Redirects are returned, not followed: the caller checks each hop's scope, robots.txt and
 * politeness as for any other URL.
 */

export interface FetchRequest {
  url: string;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  allowPrivateAddresses: boolean;
  /** Whether a 2xx response's media type (lower case, no parameters) is worth reading. */
  acceptsContentType: (mediaType: string) => boolean;
  /** Validators of the copy we hold: the server may answer 304. */
  conditional?: { etag?: string; lastModified?: string };
  signal?: AbortSignal;
}

export type FetchResponse =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'not-modified'; status: 304 }
  | {
      kind: 'body';
      status: number;
      /** As the server sent it (with its charset parameter); `application/octet-stream` when absent. */
      contentType: string;
      body: Buffer;
      etag?: string;
      lastModified?: string;
    };

// Keep-alive pools, one pair per address policy: a socket opened for a source that may reach
// private addresses must never be reused by one that may not.
const agents = {
  guarded: {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64, lookup: guardedLookup(false) }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64, lookup: guardedLookup(false) }),
  },
  open: {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64, lookup: guardedLookup(true) }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64, lookup: guardedLookup(true) }),
  },
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decoded(response: IncomingMessage, url: string): Readable {
  const encoding = (header(response, 'content-encoding') ?? 'identity').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return response;
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      response.destroy();
      throw new CrawlFailure(
        'unsupported-encoding',
        `${url}: content-encoding "${encoding}" is not supported`,
      );
  }
}

async function readLimited(stream: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new CrawlFailure('too-large', `${url}: body over ${maxBytes} bytes (crawl.maxBytes)`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function statusFailure(response: IncomingMessage, url: string): CrawlFailure | undefined {
  const status = response.statusCode ?? 0;
  const retryAfterMs = parseRetryAfter(header(response, 'retry-after'));
  const hint = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429)
    return new CrawlFailure('http-429', `${url}: 429 Too Many Requests`, { status, ...hint });
  if (status >= 500) return new CrawlFailure('http-5xx', `${url}: HTTP ${status}`, { status, ...hint });
  // 408 Request Timeout is the server's timeout: as transient as ours.
  if (status === 408) return new CrawlFailure('timeout', `${url}: HTTP 408`, { status });
  if (status >= 400) return new CrawlFailure('http-4xx', `${url}: HTTP ${status}`, { status });
  if (status < 200 || (status >= 300 && !REDIRECTS.has(status) && status !== 304))
    return new CrawlFailure('http-other', `${url}: unexpected HTTP ${status}`, { status });
  return undefined;
}

export async function fetchPage(request: FetchRequest): Promise<FetchResponse> {
  const url = new URL(request.url);
  try {
    checkHostLiteral(url.hostname, request.allowPrivateAddresses);
  } catch (error) {
    throw failureOfError(error, request.url);
  }
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
  const pool = request.allowPrivateAddresses ? agents.open : agents.guarded;
  const headers: Record<string, string> = {
    'user-agent': request.userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.conditional?.etag) headers['if-none-match'] = request.conditional.etag;
  if (request.conditional?.lastModified) headers['if-modified-since'] = request.conditional.lastModified;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(
        url,
        { method: 'GET', headers, agent: url.protocol === 'https:' ? pool.https : pool.http, signal },
        resolve,
      );
      req.once('error', reject);
      req.end();
    });
    const failure = statusFailure(response, request.url);
    if (failure) {
      response.resume();
      throw failure;
    }
    const status = response.statusCode as number;
    if (REDIRECTS.has(status)) {
      response.resume();
      const location = header(response, 'location');
      if (!location)
        throw new CrawlFailure('http-other', `${request.url}: HTTP ${status} without a Location`, { status });
      return { kind: 'redirect', status, location: new URL(location, url).href };
    }
    if (status === 304) {
      response.resume();
      return { kind: 'not-modified', status: 304 };
    }
    const contentType = header(response, 'content-type') ?? 'application/octet-stream';
    const mediaType = mediaTypeOf(contentType);
    if (!request.acceptsContentType(mediaType)) {
      response.destroy();
      throw new CrawlFailure(
        'unsupported-content-type',
        `${request.url}: content type "${mediaType || '(none)'}" is not one this source reads`,
        { status },
      );
    }
    const declared = Number(header(response, 'content-length'));
    if (Number.isFinite(declared) && declared > request.maxBytes) {
      response.destroy();
      throw new CrawlFailure(
        'too-large',
        `${request.url}: declares ${declared} bytes, over ${request.maxBytes} (crawl.maxBytes)`,
        { status },
      );
    }
    const body = await readLimited(decoded(response, request.url), request.maxBytes, request.url);
    const etag = header(response, 'etag');
    const lastModified = header(response, 'last-modified');
    return {
      kind: 'body',
      status,
      contentType,
      body,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  } catch (error) {
    if (deadline.aborted)
      throw new CrawlFailure(
        'timeout',
        `${request.url}: no complete answer within ${request.timeoutMs} ms (crawl.timeoutMs)`,
        {
          cause: error,
        },
      );
    if (request.signal?.aborted)
      throw new CrawlFailure('network', `${request.url}: aborted (shutting down)`, { cause: error });
    throw failureOfError(error, request.url);
  }
}
