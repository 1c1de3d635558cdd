import { createHash } from 'node:crypto';
import type { CrawlSource } from '../config/sources.js';

/**
 * URL normalization and a source's scope rules. Two spellings of one page must become one URL, or
 * a run fetches it twice and a record gets two ids: the normalized form is what is claimed in a
 * run, hashed into job ids and written into the record's origin.
 */

const UNRESERVED = /%(2[DdEe]|3[0-9]|4[1-9A-Fa-f]|5[0-9Aa]|5[Ff]|6[1-9A-Fa-f]|7[0-9Aa]|7[Ee])/g;

/** Decodes percent-escapes of unreserved characters (`%7E` → `~`) and upper-cases the others. */
function normalizeEscapes(text: string): string {
  return text
    .replace(UNRESERVED, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)))
    .replace(/%[0-9a-f]{2}/g, (escape) => escape.toUpperCase());
}

/**
 * The canonical form of an http(s) URL, or undefined for anything else (mailto:, javascript:,
 * unparsable). Lower-case scheme and host and the default port dropped (WHATWG URL does both),
 * dot segments resolved, fragment dropped, unreserved escapes decoded, an empty query removed.
 * Query parameter order is kept: some sites give it meaning.
 */
export function normalizeUrl(input: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = base === undefined ? new URL(input) : new URL(input, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  url.hash = '';
  url.pathname = normalizeEscapes(url.pathname);
  const search = normalizeEscapes(url.search);
  url.search = search === '?' ? '' : search;
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  return url.href;
}

/** A short stable key of a normalized URL, for job ids and Redis keys. */
export function urlKey(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex').slice(0, 32);
}

/** Path and query: what scope, follow and extract patterns and robots.txt rules are matched against. */
export function pathAndQuery(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return `${u.pathname}${u.search}`;
}

function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

/** The source may fetch this URL at all: an allowed host, and the scope's include/exclude patterns. */
export function inScope(source: CrawlSource, normalized: string): boolean {
  const url = new URL(normalized);
  if (!source.scope.hosts.includes(url.host)) return false;
  const path = pathAndQuery(url);
  if (source.scope.include.length > 0 && !matchesAny(source.scope.include, path)) return false;
  return !matchesAny(source.scope.exclude, path);
}

/** A link found on a page is followed: in scope and accepted by the follow rules. */
export function shouldFollow(source: CrawlSource, normalized: string): boolean {
  if (!inScope(source, normalized)) return false;
  const path = pathAndQuery(normalized);
  if (source.follow.include.length > 0 && !matchesAny(source.follow.include, path)) return false;
  return !matchesAny(source.follow.exclude, path);
}

/** A fetched page becomes a record (pages outside extract.include only lead to other pages). */
export function shouldExtract(source: CrawlSource, normalized: string): boolean {
  return source.extract.include.length === 0 || matchesAny(source.extract.include, pathAndQuery(normalized));
}
