import { hintKinds, type CrawlSource } from '../config/sources.js';
import { sourceKindOfFormat, type FormatName, type SourceKind } from '../lib/envelope.js';
import { headText } from '../processors/common/decode-text.js';
import { detectFormat } from '../processors/registry.js';

/**
 * The record kind of a fetched page, from the source's extractor hint. The crawler does not parse
 * people; it only labels the record so it reaches the right topic and parser: a format the hint
 * allows and the content shows is declared, a single-format hint declares its format, anything
 * else is left for the processors to detect (format null).
 */
export function classifyPage(
  source: CrawlSource,
  body: Buffer,
  contentType: string,
): { sourceKind: SourceKind; format: FormatName | null } {
  const { sourceKind, formats } = hintKinds[source.extract.hint];
  const detected = detectFormat(headText(body, 16 * 1024, contentType), contentType);
  if (formats.length === 0)
    return detected === undefined
      ? { sourceKind, format: null }
      : { sourceKind: sourceKindOfFormat[detected], format: detected };
  if (detected !== undefined && formats.includes(detected)) return { sourceKind, format: detected };
  return { sourceKind, format: formats.length === 1 ? (formats[0] as FormatName) : null };
}

const HTML = ['text/html', 'application/xhtml+xml'];
const XML = ['application/xml', 'text/xml'];

/** Media types worth reading for a page of this source (others are recorded as unsupported). */
export function pageMediaTypes(source: CrawlSource): ReadonlySet<string> {
  switch (source.extract.hint) {
    case 'profile-page':
      return new Set(HTML);
    case 'filing-index':
      return new Set([...HTML, ...XML, 'text/plain']);
    case 'patent-listing':
      return new Set([...HTML, ...XML]);
    case 'publication-api':
      return new Set([
        ...XML,
        'application/json',
        'application/vnd.crossref.unixref+xml',
        'application/orcid+xml',
        'application/orcid+json',
        'application/vnd.orcid+json',
        'application/vnd.orcid+xml',
      ]);
    case 'generic':
      return new Set([...HTML, ...XML, 'text/plain', 'application/json', 'application/ld+json']);
  }
}

/** Media types of a sitemap: XML, gzip-compressed XML, or plain text with one URL a line. */
export const SITEMAP_MEDIA_TYPES: ReadonlySet<string> = new Set([
  ...XML,
  'text/plain',
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
]);

export function isHtml(mediaType: string): boolean {
  return HTML.includes(mediaType);
}
