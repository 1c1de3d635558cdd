import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio/slim';
import { normalizeUrl } from './url.js';

/**
 * What the crawler reads in a page: its links (to decide what to fetch next) and its robots meta
 * directives. People are the processors' business, not the crawler's: a page goes on as a record
 * exactly as fetched.
 */

export interface PageLinks {
  /** Normalized absolute http(s) URLs, in document order, without duplicates. */
  links: string[];
  /** `<meta name="robots" content="noindex">`: the page asks not to be indexed (no record). */
  noindex: boolean;
  /** `<meta name="robots" content="nofollow">`: the page asks that its links not be followed. */
  nofollow: boolean;
}

function charsetOf(contentType: string): string {
  return /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
}

/** The body as text in its declared charset (UTF-8 when undeclared or unknown). */
export function bodyText(body: Buffer, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(body);
  } catch {
    return body.toString('utf8');
  }
}

/**
 * The links of an HTML page: `<a href>` and `<area href>`, resolved against `<base href>` (or
 * the page's URL). With `respectNofollow`, links marked `rel="nofollow"` are left out.
 */
export function extractLinks(
  html: string,
  pageUrl: string,
  options: { respectNofollow: boolean },
): PageLinks {
  const $ = load(html);
  const robots = $('meta[name]')
    .filter((_, el) => /^(robots|talentbrainbot)$/i.test($(el).attr('name') ?? ''))
    .map((_, el) => ($(el).attr('content') ?? '').toLowerCase())
    .get()
    .join(',');
  const directives = new Set(robots.split(/[\s,]+/).filter(Boolean));
  const noindex = directives.has('noindex') || directives.has('none');
  const nofollow = directives.has('nofollow') || directives.has('none');
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref !== undefined ? normalizeUrl(baseHref, pageUrl) : undefined) ?? pageUrl;
  const links: string[] = [];
  const seen = new Set<string>();
  $('a[href], area[href]').each((_, el) => {
    const link = $(el);
    if (options.respectNofollow && /(^|\s)nofollow(\s|$)/i.test(link.attr('rel') ?? '')) return;
    const url = normalizeUrl((link.attr('href') ?? '').trim(), base);
    if (url === undefined || seen.has(url)) return;
    seen.add(url);
    links.push(url);
  });
  return { links, noindex, nofollow };
}

const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

export interface SitemapEntries {
  /** Page URLs (`<urlset><url><loc>`). */
  pages: string[];
  /** Nested sitemaps (`<sitemapindex><sitemap><loc>`). */
  sitemaps: string[];
}

/** The entries of an XML sitemap or sitemap index (gzip-compressed or not), or of a plain-text one (one URL a line). */
export function parseSitemap(body: Buffer, mediaType: string): SitemapEntries {
  // The sitemap protocol's own limit (50 MB uncompressed) bounds a compressed one.
  const bytes =
    body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body, { maxOutputLength: SITEMAP_MAX_BYTES }) : body;
  const text = bytes.toString('utf8');
  if (mediaType === 'text/plain' && !text.trimStart().startsWith('<')) {
    const pages = text
      .split(/\r?\n/)
      .map((line) => normalizeUrl(line.trim()))
      .filter((u): u is string => u !== undefined);
    return { pages, sitemaps: [] };
  }
  const $ = load(text, { xml: true });
  const locs = (selector: string): string[] =>
    $(selector)
      .map((_, el) => normalizeUrl($(el).text().trim()))
      .get()
      .filter((u): u is string => u !== undefined);
  return { pages: locs('urlset > url > loc'), sitemaps: locs('sitemapindex > sitemap > loc') };
}
