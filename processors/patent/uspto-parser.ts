import type { RecordEnvelope } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import { checkXmlSafety } from '../common/xml-safety.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { collectPatent } from './uspto-collector.js';
import { buildMentions, documentInfo } from './uspto-mentions.js';

/**
 * USPTO patent grants and pre-grant publications in the ICE XML format (DTD v4.0, 2005, through
 * v4.7): one `us-patent-grant` or `us-patent-application` document per record (weekly bulk files
 * are split first, see `split-concatenated.ts`). One mention per inventor; attorneys, agents,
 * examiners and correspondence addresses are never people of the index.
 */

/**
 * Older USPTO formats that are patents but not this schema: the 2001–2004 ST.32 `PATDOC` grants and
 * `patent-application-publication` applications. They are rejected as unsupported rather than
 * skipped, so they show up in the dead-letter place instead of silently vanishing.
 */
const UNSUPPORTED_PATENT_ROOTS = new Set(['PATDOC', 'patent-application-publication', 'ep-patent-document']);

function rejected(error: ProcessingError): ParseOutcome {
  return { status: 'rejected', error };
}

export const usptoParser: Parser = {
  format: 'uspto-xml',
  sourceKind: 'patent',

  detect(head: string): boolean {
    if (head.includes('<us-patent-grant') || head.includes('<us-patent-application')) return true;
    return /^\s*(?:\ufeff)?<\?xml[^>]*\?>\s*<!DOCTYPE\s+us-patent-/.test(head);
  },

  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => parseUspto(envelope, limits, budget));
  },
};

function parseUspto(envelope: RecordEnvelope, limits: ParseLimits, budget: ParseBudget): ParseOutcome {
  const decoded = decodeText(envelope.body, envelope.contentType, limits);
  if (!decoded.ok) return rejected(decoded.error);
  const unsafe = checkXmlSafety(decoded.text);
  if (unsafe !== undefined) return rejected(unsafe);

  const collected = collectPatent(decoded.text, budget);
  if (collected.kind === 'error') {
    const location = `line ${collected.line}, column ${collected.column}`;
    const reason =
      collected.undefinedEntity !== undefined
        ? `undefined entity &${collected.undefinedEntity}; (only a fixed table of ISO/HTML character entities is known; the external DTD is never fetched)`
        : `not well-formed XML: ${collected.message} (${location})`;
    return rejected(new ProcessingError('malformed-xml', reason, { location }));
  }
  if (collected.kind === 'other-root') {
    if (UNSUPPORTED_PATENT_ROOTS.has(collected.root))
      return rejected(
        new ProcessingError(
          'unsupported-document',
          `root <${collected.root}> is a patent format this parser does not read (ICE XML v4.x only)`,
        ),
      );
    return {
      status: 'skipped',
      reason:
        collected.root === 'sequence-cwu'
          ? 'sequence listing (sequence-cwu): holds no people'
          : `root <${collected.root}> is not a USPTO patent document`,
    };
  }

  const patentDoc = collected.patent;
  if ((patentDoc.pubNumber ?? '').trim() === '')
    return rejected(
      new ProcessingError(
        'schema-mismatch',
        `<${patentDoc.root}> has no publication-reference/document-id/doc-number`,
        {
          location: patentDoc.root,
        },
      ),
    );
  const { patent, mentions } = buildMentions(envelope, patentDoc);
  if (mentions.length === 0)
    return rejected(
      new ProcessingError(
        'no-person',
        `patent ${patent.country} ${patent.number} lists no inventor with a person name`,
        {
          location: `${patentDoc.root}/inventors`,
        },
      ),
    );
  return { status: 'parsed', document: documentInfo(envelope.id, patent), mentions };
}
