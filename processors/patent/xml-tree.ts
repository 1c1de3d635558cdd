import { Parser as LenientParser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { ProcessingError } from '../../lib/errors.js';
import type { ParseBudget } from '../common/parse-budget.js';
import { usptoNamedEntities } from './uspto-entities.js';

/**
 * A small element tree of the parts of a patent document we read (the bibliographic section),
 * built in one streaming pass. Sections that are mostly text we never index (description, claims,
 * drawings, search reports) are parsed, so a malformed document is still rejected, but not stored:
 * a full-text grant costs a depth counter, not a DOM. Element names lose their namespace prefix
 * (`exch:inventor`, `business:Inventor` → `inventor`, `Inventor`): the offices are inconsistent
 * about declaring their prefixes (DOCDB single-document files use `exch:` undeclared), and no
 * two vocabularies we read share a local name with different meanings.
 */

export interface XmlNode {
  /** Local name, prefix removed. */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text pieces and child elements in document order (mixed content: `<B542>H<sub>2</sub>O</B542>`). */
  content: Array<string | XmlNode>;
}

export type TreeResult =
  | { kind: 'tree'; root: XmlNode; undefinedEntities: string[] }
  | { kind: 'error'; message: string; line: number; column: number };

export interface TreeOptions {
  /** Local names whose subtrees are parsed but not kept. */
  skip: ReadonlySet<string>;
  /**
   * SGML mode, for documents with no XML declaration that are not well-formed XML (the 2001
   * USPTO ST.32 SGML grants leave empty elements unclosed): an element is closed by its
   * parent's end tag, and nothing is rejected for well-formedness.
   */
  lenient?: boolean;
  /** Extra named entities beyond the ISO/HTML table. */
  entities?: Readonly<Record<string, string>>;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Builds the tree: `open`/`close`/`text` are fed by either parser. */
class TreeBuilder {
  readonly root: XmlNode = { name: '#document', attrs: {}, children: [], content: [] };
  private readonly stack: XmlNode[] = [this.root];
  /** Depth inside a skipped subtree (0 = not skipping). */
  private skipping = 0;

  constructor(
    private readonly skip: ReadonlySet<string>,
    private readonly budget: ParseBudget,
  ) {}

  open(qname: string, attrs: Record<string, string>): void {
    // Skipped elements count too: a hostile description is as costly as a hostile SDOBI.
    this.budget.enter(this.stack.length + this.skipping);
    const name = localName(qname);
    if (this.skipping > 0 || this.skip.has(name)) {
      this.skipping++;
      return;
    }
    const node: XmlNode = { name, attrs, children: [], content: [] };
    const parent = this.stack[this.stack.length - 1] as XmlNode;
    parent.children.push(node);
    parent.content.push(node);
    this.stack.push(node);
  }

  /** Closes `qname`; in lenient mode, also any unclosed elements opened inside it. */
  close(qname: string): void {
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    const name = localName(qname);
    for (let i = this.stack.length - 1; i > 0; i--) {
      if ((this.stack[i] as XmlNode).name === name) {
        this.stack.length = i;
        return;
      }
    }
  }

  text(value: string): void {
    this.budget.step();
    if (this.skipping > 0 || this.stack.length === 1) return;
    (this.stack[this.stack.length - 1] as XmlNode).content.push(value);
  }
}

const ENTITY = /&([A-Za-z][\w.-]*|#x[0-9a-fA-F]+|#\d+);/g;

function decodeEntities(text: string, table: Readonly<Record<string, string>>, unknown: Set<string>): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const known = table[name] ?? XML_ENTITIES[name];
    if (known !== undefined) return known;
    unknown.add(name);
    return whole;
  });
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Builds the tree, counting every element and text run on `budget`: past its limits it throws a
 * `ParseLimitError`, which the caller's `withinBudget` turns into a rejection.
 */
export function buildTree(text: string, options: TreeOptions, budget: ParseBudget): TreeResult {
  const builder = new TreeBuilder(options.skip, budget);
  const table = options.entities ? { ...usptoNamedEntities, ...options.entities } : usptoNamedEntities;
  const unknown = new Set<string>();
  if (options.lenient === true) {
    const parser = new LenientParser(
      {
        onopentag: (name, attrs) => builder.open(name, attrs),
        onclosetag: (name) => builder.close(name),
        ontext: (t) => builder.text(decodeEntities(t, table, unknown)),
      },
      { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
    );
    parser.write(text);
    parser.end();
    return { kind: 'tree', root: builder.root, undefinedEntities: [...unknown] };
  }

  const parser = new SaxesParser();
  Object.assign(parser.ENTITIES, table);
  let fatal: Error | undefined;
  parser.on('error', (error) => {
    // An entity declared only in the office's external DTD (never fetched) is kept as written
    // (`&foo;`) and reported; any other error means the document is not well-formed.
    if (/undefined entity/.test(error.message)) {
      const before = text.slice(Math.max(0, parser.position - 80), parser.position);
      const match = /&([^\s&;<]+);?[^&]*$/.exec(before);
      if (match?.[1] !== undefined) unknown.add(match[1]);
      return;
    }
    fatal ??= error;
  });
  parser.on('opentag', (node) => builder.open(node.name, node.attributes as Record<string, string>));
  parser.on('closetag', (node) => builder.close(node.name));
  parser.on('text', (t) => builder.text(t));
  parser.on('cdata', (t) => builder.text(t));
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof ProcessingError) throw error;
    fatal ??= error instanceof Error ? error : new Error(String(error));
  }
  if (fatal !== undefined) {
    const located = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(fatal.message);
    return located === null
      ? { kind: 'error', message: fatal.message, line: parser.line, column: parser.column }
      : {
          kind: 'error',
          message: located[3] ?? 'not well-formed',
          line: Number(located[1]),
          column: Number(located[2]),
        };
  }
  return { kind: 'tree', root: builder.root, undefinedEntities: [...unknown] };
}

/** The first child element named `name`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node === undefined ? [] : node.children.filter((c) => c.name === name);
}

/** Follows a path of child names (`['B700', 'B720', 'B721']` gives the first match at each step). */
export function at(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  return current;
}

/** Every descendant element named `name`, document order, not descending into matches. */
export function descendants(node: XmlNode | undefined, name: string, out: XmlNode[] = []): XmlNode[] {
  if (node === undefined) return out;
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    else descendants(c, name, out);
  }
  return out;
}

const BREAKS = new Set(['br', 'p', 'P', 'PARA', 'Paragraphs', 'text', 'name', 'snm', 'str', 'city', 'ctry']);

/** All text under the node, whitespace runs collapsed. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  const parts: string[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.content) {
      if (typeof c === 'string') parts.push(c);
      else {
        // Line breaks and paragraphs separate words; inline markup (<sub>, <i>) does not.
        if (BREAKS.has(c.name)) parts.push(' ');
        walk(c);
        if (BREAKS.has(c.name)) parts.push(' ');
      }
    }
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Text of the child at the path, or '' when absent. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string {
  return textOf(at(node, ...path));
}

/** The document element (first element child of the tree's root). */
export function documentElement(tree: XmlNode): XmlNode | undefined {
  return tree.children[0];
}
