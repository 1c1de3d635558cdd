import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import { ParseBudget, rejectionOf } from '../common/parse-budget.js';
import type { PersonMention } from '../model/mention.js';
import { defaultParseLimits, type ParseOutcome, type Parser } from '../parser.js';
import type { FilingContext } from './filing-context.js';
import { ownerMention, type OwnershipIssuer } from './ownership-owner.js';
import { childOf, childrenOf, edgarXmlRoot, valueAt, valueText } from './ownership-xml-tree.js';

/**
 * EDGAR Section 16 ownership XML (Forms 3, 4, 5 and amendments; schemas X0203 to X0508). Each
 * reporting owner that is a person becomes a mention with their relationship to the issuer;
 * organisations filing beside them (funds, general partners, trusts) are left out.
 */

function rejected(code: ConstructorParameters<typeof ProcessingError>[0], message: string): ParseOutcome {
  return { status: 'rejected', error: new ProcessingError(code, message) };
}

/**
 * Parses one ownership document. Used directly for bare XML files and by the EDGAR submission
 * parser for the `<XML>` block of a full submission, which supplies the SIC code, accession
 * number and an evidence path prefix through `ctx`.
 */
export function parseOwnershipXml(
  text: string,
  ctx: FilingContext,
  budget: ParseBudget = new ParseBudget(defaultParseLimits),
): ParseOutcome {
  const tree = edgarXmlRoot(text, 'ownershipDocument', 'ownership document', budget);
  if (!tree.ok) return { status: 'rejected', error: tree.error };
  const root = tree.root;

  const prefix = ctx.pathPrefix === undefined || ctx.pathPrefix === '' ? '' : `${ctx.pathPrefix}/`;
  const docPath = `${prefix}ownershipDocument`;
  const form = valueAt(root, ['documentType']) ?? ctx.form;
  if (form === undefined) return rejected('schema-mismatch', 'ownership document has no <documentType>');
  const issuerEl = childOf(root, 'issuer');
  const issuerCik = valueAt(issuerEl, ['issuerCik']) ?? ctx.issuerCik;
  const issuerName = valueAt(issuerEl, ['issuerName']) ?? ctx.issuer;
  if (issuerName === undefined)
    return rejected('schema-mismatch', 'ownership document names no issuer (<issuer>/<issuerName> missing)');
  const issuer: OwnershipIssuer = {
    name: issuerName,
    cik: issuerCik,
    ticker: valueAt(issuerEl, ['issuerTradingSymbol']) ?? ctx.ticker,
    form,
    date: valueAt(root, ['periodOfReport']) ?? ctx.periodOfReport ?? ctx.filingDate,
    accession: ctx.accession,
    sic: ctx.sic,
    remarks: valueText(childOf(root, 'remarks')),
    path: `${docPath}/issuer`,
  };

  const owners = childrenOf(root, 'reportingOwner');
  if (owners.length === 0)
    return rejected('no-person', `Form ${form} for ${issuerName} has no <reportingOwner>`);

  const mentions: PersonMention[] = [];
  const organisations: string[] = [];
  let nameless = 0;
  owners.forEach((owner, i) => {
    const result = ownerMention(owner, `${docPath}/reportingOwner[${i + 1}]`, issuer, ctx, mentions.length);
    if (result.kind === 'person') mentions.push(result.mention);
    else if (result.kind === 'organisation') organisations.push(result.name);
    else nameless++;
  });

  if (mentions.length === 0) {
    const why =
      organisations.length === owners.length
        ? `all ${owners.length} reporting owner(s) are organisations, not people (${organisations.join('; ')})`
        : `no reporting owner is a named person (${organisations.length} organisation(s), ${nameless} without a name)`;
    return rejected('no-person', `Form ${form} for ${issuerName}: ${why}`);
  }

  const title = [`Form ${form}`, issuerName, issuer.date].filter((p) => p !== undefined).join(' · ');
  return {
    status: 'parsed',
    document: {
      sourceId: ctx.sourceId,
      format: 'sec-ownership-xml',
      title,
      ...(ctx.uri !== undefined ? { uri: ctx.uri } : {}),
      ...(issuer.date !== undefined ? { date: issuer.date } : {}),
    },
    mentions,
  };
}

/** `<ownershipDocument` in the head, unless the head is an EDGAR submission wrapping one. */
function detectOwnership(head: string): boolean {
  const at = head.search(/<ownershipDocument[\s>]/);
  if (at < 0) return false;
  return !/<(SEC-DOCUMENT|SEC-HEADER|IMS-HEADER|SUBMISSION)>/.test(head.slice(0, at));
}

export const secOwnershipParser: Parser = {
  format: 'sec-ownership-xml',
  sourceKind: 'filing',
  detect: (head) => detectOwnership(head),
  parse(envelope, limits, budget = new ParseBudget(limits)) {
    try {
      const decoded = decodeText(envelope.body, envelope.contentType, limits);
      if (!decoded.ok) return { status: 'rejected', error: decoded.error };
      return parseOwnershipXml(
        decoded.text,
        {
          sourceId: envelope.id,
          ...(envelope.origin.uri !== undefined ? { uri: envelope.origin.uri } : {}),
        },
        budget,
      );
    } catch (cause) {
      const typed = rejectionOf(cause);
      if (typed !== undefined) return { status: 'rejected', error: typed };
      // A parser never throws on input; an unexpected failure is still this record's problem.
      const message = cause instanceof Error ? cause.message : String(cause);
      return {
        status: 'rejected',
        error: new ProcessingError('malformed-xml', `ownership XML could not be read: ${message}`, { cause }),
      };
    }
  },
};
