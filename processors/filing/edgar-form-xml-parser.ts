import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import { ParseBudget, rejectionOf } from '../common/parse-budget.js';
import type { ParseOutcome, Parser } from '../parser.js';
import type { FilingContext } from './filing-context.js';
import { readForm144 } from './form-144.js';
import { readFormD, type FormPeople } from './form-d.js';
import { edgarXmlRoot } from './ownership-xml-tree.js';

/**
 * EDGAR form XML whose root is `<edgarSubmission>`: Form D (related persons of private issuers
 * and funds) and Form 144 (the person selling restricted securities). Other `edgarSubmission`
 * forms (13F, N-PX…) name no people of the index and are rejected as `schema-mismatch`.
 */

const ROOT = /<(?:[\w.-]+:)?edgarSubmission[\s>]/;
const FORM_TYPE = /<(?:[\w.-]+:)?submissionType>\s*(D|D\/A|144|144\/A)\s*</;

function rejected(code: ConstructorParameters<typeof ProcessingError>[0], message: string): ParseOutcome {
  return { status: 'rejected', error: new ProcessingError(code, message) };
}

function parseEdgarFormXml(
  text: string,
  sourceId: string,
  uri: string | undefined,
  budget: ParseBudget,
): ParseOutcome {
  // Form 144 files from EDGAR start with a blank line before the XML declaration.
  const tree = edgarXmlRoot(text, 'edgarSubmission', 'EDGAR form document', budget);
  if (!tree.ok) return { status: 'rejected', error: tree.error };
  const { root, xml } = tree;
  const isFormD = root.children.some((c) => c.name === 'primaryIssuer');
  const is144 =
    root.children.some((c) => c.name === 'formData') && FORM_TYPE.exec(xml)?.[1]?.startsWith('144') === true;
  let people: FormPeople | string;
  if (isFormD) people = readFormD(root, sourceId, budget);
  else if (is144) people = readForm144(root, sourceId);
  else return rejected('schema-mismatch', 'edgarSubmission is neither a Form D nor a Form 144');
  if (typeof people === 'string') return rejected('schema-mismatch', people);
  const { issuer, mentions, organisations } = people;
  if (mentions.length === 0) {
    const why =
      organisations.length > 0 ? `only organisations (${organisations.join('; ')})` : 'no named person';
    return rejected('no-person', `Form ${issuer.form} for ${issuer.name}: ${why}`);
  }
  return {
    status: 'parsed',
    document: {
      sourceId,
      format: 'sec-form-xml',
      title: [`Form ${issuer.form}`, issuer.name, issuer.industryGroup, issuer.date]
        .filter((p) => p !== undefined)
        .join(' · '),
      ...(uri !== undefined ? { uri } : {}),
      ...(issuer.date !== undefined ? { date: issuer.date } : {}),
    },
    mentions,
  };
}

/** The XML of a Form D or Form 144 (bare or inside a submission's `<XML>` block). */
export function isEdgarFormXml(head: string): boolean {
  return ROOT.test(head) && FORM_TYPE.test(head);
}

/**
 * A Form D or Form 144 inside an EDGAR full submission: evidence paths under the document's
 * prefix, and the SIC code of the submission header on the issuer roles.
 */
export function parseEdgarFormInSubmission(
  text: string,
  ctx: FilingContext,
  budget: ParseBudget,
): ParseOutcome {
  const outcome = parseEdgarFormXml(text, ctx.sourceId, ctx.uri, budget);
  if (outcome.status !== 'parsed') return outcome;
  const prefix = ctx.pathPrefix === undefined || ctx.pathPrefix === '' ? '' : `${ctx.pathPrefix}/`;
  for (const m of outcome.mentions) {
    for (const e of m.evidence) e.path = `${prefix}${e.path}`;
    for (const a of m.affiliations) {
      if (a.evidence.path.startsWith(prefix) === false) a.evidence.path = `${prefix}${a.evidence.path}`;
      if (ctx.sic !== undefined) a.sic = ctx.sic;
    }
    for (const r of m.filingRoles) {
      if (ctx.sic !== undefined) r.sic = ctx.sic;
      if (ctx.accession !== undefined) r.accession = ctx.accession;
    }
  }
  return outcome;
}

export const edgarFormXmlParser: Parser = {
  format: 'sec-form-xml',
  sourceKind: 'filing',
  detect: (head) => {
    const at = head.search(ROOT);
    // A full EDGAR submission (.txt) wrapping the XML is the submission parser's.
    return (
      at >= 0 &&
      FORM_TYPE.test(head) &&
      !/<(SEC-DOCUMENT|SEC-HEADER|IMS-HEADER|SUBMISSION)>/.test(head.slice(0, at))
    );
  },
  parse(envelope, limits, budget = new ParseBudget(limits)) {
    try {
      const decoded = decodeText(envelope.body, envelope.contentType, limits);
      if (!decoded.ok) return { status: 'rejected', error: decoded.error };
      return parseEdgarFormXml(decoded.text, envelope.id, envelope.origin.uri, budget);
    } catch (cause) {
      const typed = rejectionOf(cause);
      if (typed !== undefined) return { status: 'rejected', error: typed };
      const message = cause instanceof Error ? cause.message : String(cause);
      return {
        status: 'rejected',
        error: new ProcessingError('malformed-xml', `EDGAR form XML could not be read: ${message}`, {
          cause,
        }),
      };
    }
  },
};
