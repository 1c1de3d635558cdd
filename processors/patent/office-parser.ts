import type { FormatName, RecordEnvelope } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import { checkXmlSafety } from '../common/xml-safety.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { buildOfficeMentions, type OfficePatent } from './office-patent.js';
import { buildTree, type TreeOptions, type XmlNode } from './xml-tree.js';

/**
 * The parser shell shared by the patent offices' XML formats: decode, refuse entity declarations,
 * build the bibliographic tree, let the office's reader map it, reject documents without a number
 * or without an inventor, build the mentions. The readers never throw on bad input.
 */

export type ReadResult =
  | { kind: 'patent'; patent: OfficePatent }
  | { kind: 'skipped'; reason: string }
  | { kind: 'rejected'; error: ProcessingError };

export interface OfficeFormat {
  format: FormatName;
  detect(head: string): boolean;
  tree: TreeOptions | ((text: string) => TreeOptions);
  read(root: XmlNode): ReadResult;
  /** Called before the safety check: lets a format drop harmless declarations it is known to carry. */
  prepare?(text: string): string;
}

function rejected(error: ProcessingError): ParseOutcome {
  return { status: 'rejected', error };
}

export function officeParser(office: OfficeFormat): Parser {
  return {
    format: office.format,
    sourceKind: 'patent',
    detect: (head) => office.detect(head),
    parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
      return withinBudget(() => parseOffice(office, envelope, limits, budget));
    },
  };
}

function parseOffice(
  office: OfficeFormat,
  envelope: RecordEnvelope,
  limits: ParseLimits,
  budget: ParseBudget,
): ParseOutcome {
  const decoded = decodeText(envelope.body, envelope.contentType, limits);
  if (!decoded.ok) return rejected(decoded.error);
  const unsafe = checkXmlSafety(office.prepare ? office.prepare(decoded.text) : decoded.text);
  if (unsafe !== undefined) return rejected(unsafe);
  const options = typeof office.tree === 'function' ? office.tree(decoded.text) : office.tree;
  const tree = buildTree(decoded.text, options, budget);
  if (tree.kind === 'error') {
    const location = `line ${tree.line}, column ${tree.column}`;
    return rejected(
      new ProcessingError('malformed-xml', `not well-formed XML: ${tree.message} (${location})`, {
        location,
      }),
    );
  }
  const read = office.read(tree.root);
  if (read.kind === 'skipped') return { status: 'skipped', reason: read.reason };
  if (read.kind === 'rejected') return rejected(read.error);
  const patent = read.patent;
  if (patent.number === '')
    return rejected(
      new ProcessingError('schema-mismatch', `${office.format} document has no publication number`, {
        location: patent.pubPath,
      }),
    );
  const { document, mentions } = buildOfficeMentions(envelope, patent);
  if (mentions.length === 0)
    return rejected(
      new ProcessingError(
        'no-person',
        `patent ${patent.country} ${patent.number}${patent.kind ?? ''} lists no inventor with a person name`,
        { location: `${patent.pubPath} (inventors)` },
      ),
    );
  return { status: 'parsed', document, mentions };
}
