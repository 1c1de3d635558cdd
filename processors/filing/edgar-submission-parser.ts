import type { RecordEnvelope } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import { ParseBudget, ParseLimitError, rejectionOf, withinBudget } from '../common/parse-budget.js';
import type { PersonMention } from '../model/mention.js';
import { defaultParseLimits, type ParseOutcome, type Parser } from '../parser.js';
import { classifyDocument, splitDocuments, type EdgarDocument } from './edgar-documents.js';
import { mergeSubmissionMentions } from './edgar-merge.js';
import type { FilingContext } from './filing-context.js';
import { extractFilingHtml } from './filing-html-parser.js';
import { parseOwnershipXml } from './ownership-parser.js';
import { parseEdgarFormInSubmission } from './edgar-form-xml-parser.js';
import {
  edgarDateToIso,
  headerCompany,
  headerSic,
  locateSecHeader,
  parseSecHeader,
  type SecHeader,
} from './sec-header.js';

/**
 * An EDGAR full-submission text file (`0000320193-22-000061.txt`): an SEC header followed by the
 * filing's documents. The header supplies what the documents lack (the filer's SIC code, the
 * accession number, the filing date); each readable document is handed to its own extractor
 * (ownership XML, or the HTML of a 10-K, proxy, 8-K or 20-F) and the people found are merged.
 */

/** Submission starts: the `.txt` forms (optionally inside a PEM envelope, 1993–2000s) and `.nc` feeds. */
function detectSubmission(head: string): boolean {
  const start = head.trimStart();
  if (/^<(SEC|IMS)-(DOCUMENT|HEADER)>/.test(start)) return true;
  if (start.startsWith('-----BEGIN PRIVACY-ENHANCED MESSAGE-----')) return /<(SEC|IMS)-HEADER>/.test(start);
  return start.startsWith('<SUBMISSION>') && /<ACCESSION-NUMBER>/.test(start.slice(0, 2048));
}

function documentContext(
  envelope: RecordEnvelope,
  header: SecHeader,
  doc: EdgarDocument,
  sic: string | undefined,
): FilingContext {
  const company = headerCompany(header);
  const ctx: FilingContext = { sourceId: envelope.id, pathPrefix: `document[${doc.sequence ?? doc.index}]` };
  const form = doc.type ?? header.submissionType;
  if (form !== undefined) ctx.form = form;
  if (company?.name !== undefined) ctx.issuer = company.name;
  if (company?.cik !== undefined) ctx.issuerCik = company.cik;
  if (sic !== undefined) ctx.sic = sic;
  const filed = edgarDateToIso(header.filedAsOf);
  if (filed !== undefined) ctx.filingDate = filed;
  const period = edgarDateToIso(header.periodOfReport);
  if (period !== undefined) ctx.periodOfReport = period;
  if (header.accession !== undefined) ctx.accession = header.accession;
  if (envelope.origin.uri !== undefined) ctx.uri = envelope.origin.uri;
  return ctx;
}

/**
 * Runs one document's extractor; an extractor that throws only costs that document, except when
 * the submission's time or element budget is spent (`too-complex`), which stops the submission.
 */
function parseDocument(doc: EdgarDocument, ctx: FilingContext, budget: ParseBudget): ParseOutcome {
  const kind = classifyDocument(doc);
  budget.step();
  try {
    if (kind.kind === 'ownership') return parseOwnershipXml(doc.body, ctx, budget);
    if (kind.kind === 'edgar-form') return parseEdgarFormInSubmission(doc.body, ctx, budget);
    if (kind.kind === 'html') return extractFilingHtml(doc.body, ctx, budget);
    return { status: 'skipped', reason: kind.reason };
  } catch (cause) {
    if (cause instanceof ParseLimitError && cause.code === 'too-complex') throw cause;
    const typed = rejectionOf(cause);
    if (typed !== undefined) return { status: 'rejected', error: typed };
    const message = cause instanceof Error ? cause.message : String(cause);
    return {
      status: 'rejected',
      error: new ProcessingError(
        'unsupported-document',
        `${ctx.pathPrefix ?? 'document'} could not be read: ${message}`,
        {
          cause,
          ...(ctx.pathPrefix !== undefined ? { location: ctx.pathPrefix } : {}),
        },
      ),
    };
  }
}

function parseEdgarSubmission(
  text: string,
  envelope: RecordEnvelope,
  budget: ParseBudget = new ParseBudget(defaultParseLimits),
): ParseOutcome {
  const at = locateSecHeader(text);
  const header = parseSecHeader(text);
  if (at === undefined || header === undefined)
    return {
      status: 'rejected',
      error: new ProcessingError(
        'schema-mismatch',
        'not an EDGAR submission: no <SEC-HEADER>, <IMS-HEADER> or <SUBMISSION> header',
      ),
    };
  const company = headerCompany(header);
  const sic = headerSic(header)?.sic;
  const docs = splitDocuments(text, at.end);
  if (docs.length === 0)
    return {
      status: 'rejected',
      error: new ProcessingError('no-person', 'submission holds no <DOCUMENT>, only a header'),
    };

  const perDocument: PersonMention[][] = [];
  const failures: ProcessingError[] = [];
  const notes: string[] = [];
  for (const doc of docs) {
    const ctx = documentContext(envelope, header, doc, sic);
    const outcome = parseDocument(doc, ctx, budget);
    if (outcome.status === 'parsed') perDocument.push(outcome.mentions);
    else if (outcome.status === 'rejected') {
      failures.push(outcome.error);
      notes.push(`${ctx.pathPrefix}: ${outcome.error.message}`);
    }
  }
  const mentions = mergeSubmissionMentions(perDocument, envelope.id, 'edgar-submission', {
    ...(company?.name !== undefined ? { name: company.name } : {}),
    ...(company?.cik !== undefined ? { cik: company.cik } : {}),
    ...(sic !== undefined ? { sic } : {}),
  });

  const form = header.submissionType ?? docs[0]?.type ?? 'filing';
  if (mentions.length === 0) {
    // A document that could not be read explains the failure better than "no person".
    const broken = failures.find((e) => e.code !== 'no-person');
    if (broken !== undefined) return { status: 'rejected', error: broken };
    const detail = notes.length > 0 ? `: ${notes.join('; ')}` : '';
    return {
      status: 'rejected',
      error: new ProcessingError(
        'no-person',
        `${form} submission ${header.accession ?? ''} names no person in any document${detail}`,
      ),
    };
  }

  const filed = edgarDateToIso(header.filedAsOf);
  const title = [form, company?.name, filed].filter((p) => p !== undefined).join(' · ');
  return {
    status: 'parsed',
    document: {
      sourceId: envelope.id,
      format: 'edgar-submission',
      title,
      ...(envelope.origin.uri !== undefined ? { uri: envelope.origin.uri } : {}),
      ...(filed !== undefined ? { date: filed } : {}),
    },
    mentions,
  };
}

export const edgarSubmissionParser: Parser = {
  format: 'edgar-submission',
  sourceKind: 'filing',
  detect: (head) => detectSubmission(head),
  parse(envelope, limits, budget = new ParseBudget(limits)) {
    const decoded = decodeText(envelope.body, envelope.contentType, limits);
    if (!decoded.ok) return { status: 'rejected', error: decoded.error };
    try {
      return withinBudget(() => parseEdgarSubmission(decoded.text, envelope, budget));
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      return {
        status: 'rejected',
        error: new ProcessingError('unsupported-document', `EDGAR submission could not be read: ${message}`, {
          cause,
        }),
      };
    }
  },
};
