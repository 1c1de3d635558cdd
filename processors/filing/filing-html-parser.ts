import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import type { DocumentInfo } from '../model/mention.js';
import { hasMarkup } from '../common/html-dom.js';
import { ParseBudget, ParseLimitError, rejectionOf, withinBudget } from '../common/parse-budget.js';
import { defaultParseLimits, type ParseLimits, type ParseOutcome, type Parser } from '../parser.js';
import type { FilingContext } from './filing-context.js';
import { extractCards, extractParagraphBios } from './html-bios.js';
import { looksLikeSecFilingHtml, readCover, type CoverInfo } from './html-cover.js';
import { extractItem502 } from './html-item-502.js';
import { extractFromTables } from './html-officer-tables.js';
import { PeopleBook } from './html-people.js';
import { sectionOfLines } from './html-sections.js';
import { extractSignatures } from './html-signatures.js';
import { parseHtmlDoc, type HtmlDoc } from './html-text.js';

/**
 * Officers, directors and director nominees in SEC filing HTML (10-K, DEF 14A, 8-K, 20-F).
 * `extractFilingHtml` serves both this parser and the EDGAR submission parser, which passes the
 * context of its SEC header; a bare HTML document supplies its own from the cover page.
 */

function contextFrom(ctx: FilingContext, cover: CoverInfo): FilingContext {
  // The container's header is authoritative; the cover page fills the gaps.
  const merged: FilingContext = { ...ctx };
  if (merged.form === undefined && cover.form !== undefined) merged.form = cover.form;
  if (merged.issuer === undefined && cover.issuer !== undefined) merged.issuer = cover.issuer;
  if (merged.issuerCik === undefined && cover.issuerCik !== undefined) merged.issuerCik = cover.issuerCik;
  if (merged.sic === undefined && cover.sic !== undefined) merged.sic = cover.sic;
  if (merged.accession === undefined && cover.accession !== undefined) merged.accession = cover.accession;
  if (merged.filingDate === undefined && merged.periodOfReport === undefined && cover.date !== undefined)
    merged.periodOfReport = cover.date;
  return merged;
}

function extractFromDoc(doc: HtmlDoc, ctx: FilingContext): ParseOutcome {
  const cover = readCover(doc);
  const full = contextFrom(ctx, cover);
  const form = full.form ?? 'filing';
  const prefix = ctx.pathPrefix === undefined || ctx.pathPrefix === '' ? '' : `${ctx.pathPrefix}/`;
  const book = new PeopleBook(ctx.sourceId);
  if (!cover.indexPage) {
    const sections = sectionOfLines(doc.lines);
    const base = {
      doc,
      sections,
      book,
      pathPrefix: prefix,
      ...(full.issuer === undefined ? {} : { issuer: full.issuer }),
    };
    // Structured sources first: they carry the fullest names for resolving "Mr. Smith" later.
    extractFromTables(base);
    extractCards(base);
    extractParagraphBios(base);
    extractItem502(base);
    extractSignatures(base);
  }
  if (book.size() === 0) {
    return {
      status: 'rejected',
      error: new ProcessingError('no-person', `no officers or directors found in ${form}`),
    };
  }
  const mentions = book.toMentions(full, form, full.issuer);
  const document: DocumentInfo = {
    sourceId: ctx.sourceId,
    format: 'sec-filing-html',
    title: [form, full.issuer, full.filingDate ?? full.periodOfReport]
      .filter((p) => p !== undefined && p !== '')
      .join(' · '),
  };
  if (full.uri !== undefined) document.uri = full.uri;
  const date = full.filingDate ?? full.periodOfReport;
  if (date !== undefined) document.date = date;
  return { status: 'parsed', document, mentions };
}

/**
 * People in one filing HTML document; never throws except a {@link ParseLimitError} `too-complex`
 * (the record's time or element budget is spent, so its container must stop too).
 */
export function extractFilingHtml(
  html: string,
  ctx: FilingContext,
  budget: ParseBudget = new ParseBudget(defaultParseLimits),
): ParseOutcome {
  try {
    return extractFromDoc(parseHtmlDoc(html, budget), ctx);
  } catch (cause) {
    if (cause instanceof ParseLimitError && cause.code === 'too-complex') throw cause;
    const typed = rejectionOf(cause);
    if (typed !== undefined) return { status: 'rejected', error: typed };
    // A parser bug must not take down the pipeline; the record goes to the dead-letter place with the reason.
    return {
      status: 'rejected',
      error: new ProcessingError(
        'unsupported-document',
        `filing HTML could not be read: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      ),
    };
  }
}

export const secFilingHtmlParser: Parser = {
  format: 'sec-filing-html',
  sourceKind: 'filing',
  detect(head: string, contentType?: string): boolean {
    return looksLikeSecFilingHtml(head, contentType);
  },
  parse(envelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    const decoded = decodeText(envelope.body, envelope.contentType, limits);
    if (!decoded.ok) return { status: 'rejected', error: decoded.error };
    if (!hasMarkup(decoded.text.slice(0, 65536), '!?/')) {
      return {
        status: 'rejected',
        error: new ProcessingError('unsupported-document', 'document is not HTML (no markup found)'),
      };
    }
    const ctx: FilingContext = { sourceId: envelope.id };
    if (envelope.origin.uri !== undefined) ctx.uri = envelope.origin.uri;
    return withinBudget(() => extractFilingHtml(decoded.text, ctx, budget));
  },
};
