import type { AnyNode, Element } from 'domhandler';
import { loadHtml } from '../common/html-dom.js';
import type { ParseBudget } from '../common/parse-budget.js';

/**
 * Flattens filing HTML into text lines in document order, keeping which table cell each line sits
 * in. SEC filings are laid out with nested `<div>`/`<font>`/`<table>` markup from many generators
 * (Workiva, Donnelley, hand-made); a line-and-cell view is the common ground the extractors need.
 */

export interface CellRef {
  table: number;
  row: number;
  /** Grid column where the cell starts (colspans expanded), for header alignment. */
  colStart: number;
  colSpan: number;
}

export interface TextLine {
  text: string;
  el: Element;
  /** True when the line is short and emphasised (bold, heading tag) or all capitals: a likely heading. */
  heading: boolean;
  cell?: CellRef;
  /** Element of the row, for evidence paths of table rows. */
  rowEl?: Element;
}

export interface TableCell {
  colStart: number;
  colSpan: number;
  lines: string[];
  text: string;
}

export interface TableRow {
  el: Element;
  cells: TableCell[];
  /** Index in `lines` of the row's first line. */
  firstLine: number;
}

export interface TableView {
  index: number;
  rows: TableRow[];
}

export interface HtmlDoc {
  lines: TextLine[];
  tables: TableView[];
  /** `dei:*` facts of an inline XBRL document (EntityRegistrantName, DocumentType…). */
  dei: Map<string, string>;
  /** Text of `<title>`. */
  title: string;
  pathOf(el: Element): string;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'td',
  'th',
  'tr',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'center',
  'blockquote',
  'section',
  'article',
  'dt',
  'dd',
  'dl',
  'pre',
  'body',
  'html',
  'caption',
  'hr',
  'header',
  'footer',
  'main',
  'nav',
  'address',
  'form',
  'fieldset',
  'page',
]);
const SKIP_TAGS = new Set([
  'script',
  'style',
  'head',
  'noscript',
  'iframe',
  'ix:header',
  'template',
  'svg',
  'object',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'b', 'strong']);

/** Collapses all Unicode spacing (nbsp, en/em/thin spaces, zero-width) to single spaces. */
export function flat(text: string): string {
  return text
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

function isHidden(el: Element): boolean {
  const style = el.attribs['style'];
  return style !== undefined && /display\s*:\s*none/i.test(style);
}

function isBoldStyle(el: Element): boolean {
  const style = el.attribs['style'];
  return style !== undefined && /font-weight\s*:\s*(bold|[6-9]00)/i.test(style);
}

interface Frame {
  el: Element;
  bold: boolean;
  cell?: CellRef;
  rowEl?: Element;
}

/**
 * The lines and tables of a filing. Linear in the document: the DOM's depth and size are capped
 * while it is built, and every node visit and line is counted on `budget`.
 */
export function parseHtmlDoc(html: string, budget: ParseBudget): HtmlDoc {
  const $ = loadHtml(html, budget);
  const dei = new Map<string, string>();
  $('[name^="dei:"]').each((_, el) => {
    const name = $(el).attr('name');
    if (name !== undefined && !dei.has(name)) dei.set(name, flat($(el).text()));
  });
  const title = flat($('title').first().text());

  const lines: TextLine[] = [];
  const tableCounters = { next: 0 };
  // Per open table: its index, current row and column cursor.
  const tableStack: Array<{ index: number; row: number; col: number; rowEl?: Element }> = [];
  let buffer = '';
  let boldChars = 0;
  let totalChars = 0;

  const flush = (frame: Frame): void => {
    const text = flat(buffer);
    if (text !== '') {
      const emphasised = totalChars > 0 && boldChars / totalChars > 0.8;
      const capitals = /[A-Z]/.test(text) && text === text.toUpperCase() && /[A-Z]{3}/.test(text);
      const line: TextLine = {
        text,
        el: frame.el,
        heading: text.length <= 150 && (emphasised || capitals || HEADING_TAGS.has(frame.el.tagName)),
      };
      if (frame.cell !== undefined) line.cell = frame.cell;
      if (frame.rowEl !== undefined) line.rowEl = frame.rowEl;
      lines.push(line);
    }
    buffer = '';
    boldChars = 0;
    totalChars = 0;
  };

  // Iterative walk: adversarial nesting depth must not overflow the call stack.
  type Step =
    | { node: AnyNode; exit: false; bold: boolean }
    | { node: Element; exit: true; frame: Frame; popTable: boolean };
  const root = $.root()[0];
  if (root === undefined) return { lines, tables: [], dei, title, pathOf: () => '' };
  const rootFrame: Frame = { el: root as unknown as Element, bold: false };
  const frames: Frame[] = [rootFrame];
  const stack: Step[] = [...root.children]
    .reverse()
    .map((node) => ({ node, exit: false as const, bold: false }));
  while (stack.length > 0) {
    const step = stack.pop();
    if (step === undefined) break;
    budget.step();
    const frame = frames[frames.length - 1] ?? rootFrame;
    if (step.exit) {
      flush(step.frame);
      frames.pop();
      if (step.popTable) tableStack.pop();
      continue;
    }
    const node = step.node;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      buffer += data;
      const visible = data.replace(/\s+/g, '').length;
      totalChars += visible;
      if (step.bold) boldChars += visible;
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP_TAGS.has(tag) || isHidden(el)) continue;
    const bold = step.bold || isBoldStyle(el) || HEADING_TAGS.has(tag);
    if (tag === 'br') {
      flush(frame);
      continue;
    }
    if (!BLOCK_TAGS.has(tag)) {
      for (let i = el.children.length - 1; i >= 0; i--) {
        const child = el.children[i];
        if (child !== undefined) stack.push({ node: child, exit: false, bold });
      }
      continue;
    }
    flush(frame);
    const next: Frame = { el, bold };
    if (frame.cell !== undefined) next.cell = frame.cell;
    if (frame.rowEl !== undefined) next.rowEl = frame.rowEl;
    let popTable = false;
    if (tag === 'table') {
      tableStack.push({ index: tableCounters.next++, row: -1, col: 0 });
      popTable = true;
      delete next.cell;
      delete next.rowEl;
    } else if (tag === 'tr') {
      const t = tableStack[tableStack.length - 1];
      if (t !== undefined) {
        t.row++;
        t.col = 0;
        next.rowEl = el;
      }
    } else if (tag === 'td' || tag === 'th') {
      const t = tableStack[tableStack.length - 1];
      if (t !== undefined) {
        const span = Math.max(1, Math.min(100, Number.parseInt(el.attribs['colspan'] ?? '1', 10) || 1));
        next.cell = { table: t.index, row: Math.max(0, t.row), colStart: t.col, colSpan: span };
        t.col += span;
      }
    }
    frames.push(next);
    stack.push({ node: el, exit: true, frame: next, popTable });
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (child !== undefined) stack.push({ node: child, exit: false, bold });
    }
  }
  flush(rootFrame);

  return { lines, tables: buildTables(lines), dei, title, pathOf: elementPath };
}

function buildTables(lines: TextLine[]): TableView[] {
  const tables = new Map<number, TableView>();
  lines.forEach((line, index) => {
    const ref = line.cell;
    if (ref === undefined || line.rowEl === undefined) return;
    let table = tables.get(ref.table);
    if (table === undefined) {
      table = { index: ref.table, rows: [] };
      tables.set(ref.table, table);
    }
    let row = table.rows[table.rows.length - 1];
    if (row === undefined || row.el !== line.rowEl) {
      row = { el: line.rowEl, cells: [], firstLine: index };
      table.rows.push(row);
    }
    let cell = row.cells.find((c) => c.colStart === ref.colStart);
    if (cell === undefined) {
      cell = { colStart: ref.colStart, colSpan: ref.colSpan, lines: [], text: '' };
      row.cells.push(cell);
    }
    cell.lines.push(line.text);
    cell.text = flat(cell.lines.join(' '));
  });
  return [...tables.values()].sort((a, b) => a.index - b.index);
}

/** An XPath-like path (`body/div[3]/table/tr[2]/td[1]`) used as evidence location. */
function elementPath(el: Element): string {
  const parts: string[] = [];
  let node: Element | null = el;
  while (node !== null && node.type === 'tag') {
    const tag = node.tagName.toLowerCase();
    if (tag === 'html') break;
    const parent: Element | null =
      node.parent !== null && node.parent.type === 'tag' ? (node.parent as Element) : null;
    const siblings = (node.parent?.children ?? []).filter(
      (c): c is Element => c.type === 'tag' && (c as Element).tagName === node?.tagName,
    );
    parts.push(siblings.length > 1 ? `${tag}[${siblings.indexOf(node) + 1}]` : tag);
    node = parent;
  }
  return parts.reverse().join('/');
}
