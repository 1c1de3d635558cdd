import { SaxesParser } from 'saxes';
import { ProcessingError } from '../../lib/errors.js';
import { ParseBudget } from '../common/parse-budget.js';
import { checkXmlSafety } from '../common/xml-safety.js';
import { defaultParseLimits } from '../parser.js';

/**
 * A minimal element tree built with saxes. Ownership documents are small (a few KB to a few
 * hundred KB) and their fields are scattered (owners, issuer, remarks), so a tiny tree is simpler
 * than a streaming path collector and needs no DOM library.
 */
export interface XmlElement {
  /** Local name: a namespace prefix, if any, is dropped (EDGAR files normally have none). */
  name: string;
  children: XmlElement[];
  /** Direct character data of this element (text and CDATA), untrimmed. */
  text: string;
  /** 1-based line of the start tag, for error locations. */
  line: number;
  /** Attributes by qualified name (`sequence`, `contributor_role`, `xml:lang`). */
  attributes: Readonly<Record<string, string>>;
}

export type XmlTreeResult = { ok: true; root: XmlElement } | { ok: false; error: ProcessingError };

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/**
 * Parses XML into a tree. Never throws: any well-formedness error (truncation, mismatched tags,
 * an undefined entity) becomes a `malformed-xml` rejection with the line and column saxes reports.
 * Each element and text run is counted on `budget`, which rejects a document past its limits.
 */
export function parseXmlTree(
  text: string,
  budget: ParseBudget = new ParseBudget(defaultParseLimits),
): XmlTreeResult {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      name: localName(tag.name),
      children: [],
      text: '',
      line: parser.line,
      attributes: tag.attributes as Record<string, string>,
    };
    const parent = stack[stack.length - 1];
    if (parent === undefined) root ??= el;
    else parent.children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
    budget.enter(stack.length + (tag.isSelfClosing ? 1 : 0));
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const onText = (t: string): void => {
    budget.step();
    const current = stack[stack.length - 1];
    if (current !== undefined) current.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  try {
    parser.write(text).close();
  } catch (cause) {
    if (cause instanceof ProcessingError) return { ok: false, error: cause };
    const message = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      error: new ProcessingError('malformed-xml', `XML is not well-formed: ${message}`, {
        cause,
        location: `line ${parser.line}, column ${parser.column}`,
      }),
    };
  }
  if (root === undefined)
    return { ok: false, error: new ProcessingError('malformed-xml', 'XML has no root element') };
  return { ok: true, root };
}

/** The first child element with this local name. */
export function childOf(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Every descendant element (depth first, document order) with this local name. */
export function descendantsOf(el: XmlElement | undefined, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement): void => {
    for (const child of node.children) {
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  if (el !== undefined) walk(el);
  return found;
}

export function childrenOf(el: XmlElement | undefined, name: string): XmlElement[] {
  return el === undefined ? [] : el.children.filter((c) => c.name === name);
}

/**
 * The trimmed text of an element. Section 16 schemas wrap many values in `<value>` (securityTitle,
 * transactionDate) but write others plainly (officerTitle); both shapes occur for the same field
 * across schema versions and filer software, so a `<value>` child is read when present.
 */
export function valueText(el: XmlElement | undefined): string | undefined {
  if (el === undefined) return undefined;
  const wrapped = childOf(el, 'value');
  const raw = wrapped !== undefined ? wrapped.text : el.text;
  const text = raw.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** The value of the child element at this path of local names, e.g. `['reportingOwnerId', 'rptOwnerName']`. */
export function valueAt(el: XmlElement | undefined, path: readonly string[]): string | undefined {
  let current = el;
  for (const name of path) current = childOf(current, name);
  return valueText(current);
}

/**
 * Reads a Section 16 boolean flag. Filers write `1`/`0`, `true`/`false` (any case), sometimes with
 * whitespace; a missing or empty flag means false (the schema makes them optional).
 */
export function flagValue(el: XmlElement | undefined): boolean {
  const v = valueText(el)?.toLowerCase();
  return v === '1' || v === 'true' || v === 'y' || v === 'yes';
}

/**
 * An EDGAR XML document's root element, checked to be `expected`. EDGAR puts a newline before the
 * XML declaration (which XML forbids) and a BOM may precede it; entity declarations are refused.
 */
export function edgarXmlRoot(
  text: string,
  expected: string,
  what: string,
  budget: ParseBudget,
): { ok: true; root: XmlElement; xml: string } | { ok: false; error: ProcessingError } {
  const xml = text.replace(/^\uFEFF/, '').trimStart();
  if (xml === '') return { ok: false, error: new ProcessingError('empty-input', `${what} is empty`) };
  const unsafe = checkXmlSafety(xml);
  if (unsafe !== undefined) return { ok: false, error: unsafe };
  const tree = parseXmlTree(xml, budget);
  if (!tree.ok) return tree;
  if (tree.root.name !== expected)
    return {
      ok: false,
      error: new ProcessingError(
        'schema-mismatch',
        `root element is <${tree.root.name}>, expected <${expected}>`,
      ),
    };
  return { ok: true, root: tree.root, xml };
}
