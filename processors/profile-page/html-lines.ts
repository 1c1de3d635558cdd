import type { CheerioAPI } from 'cheerio';
import { cleanText } from '../common/evidence.js';
import type { ParseBudget } from '../common/parse-budget.js';

/**
 * Flattens a page into visual lines. Faculty and lab pages are hand-written HTML whose meaning is
 * in the layout (a name in bold, then `<br>`-separated title, department, university), not in
 * the tag structure, so the extractors work on lines: block elements and `<br>` end a line.
 */

export interface PageLink {
  href: string;
  text: string;
}

export interface PageLine {
  index: number;
  text: string;
  /** CSS-like path of the block holding the line (`body>table#tlayout>…>p[2]`), plus `br` position. */
  path: string;
  /** 1–6 for `<h1>`…`<h6>`, 0 for ordinary lines. */
  headingLevel: number;
  links: PageLink[];
  /** Text of an emphasised element (b, strong, u, a, em) the line starts with. */
  lead?: string;
  /** Path of the nearest "card" ancestor (table cell, list item…): lines of one card describe one person. */
  card?: string;
}

/** The structural subset of domhandler's nodes the walker needs (cheerio's parser produces them). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const BLOCK = new Set(
  'address article aside blockquote body center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul'.split(
    ' ',
  ),
);
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'iframe',
  'select',
  'object',
  'canvas',
]);
const EMPHASIS = new Set(['b', 'strong', 'u', 'a', 'em', 'i', 'font', 'span']);
/** Characters of a link's text kept: enough to hold any name, bounded so nested anchors stay linear. */
const MAX_LINK_TEXT = 500;
/** Path segments shown in full at each end of a deep path; the middle is elided so a line costs O(1), not O(depth). */
const PATH_ENDS = 12;
const VISIBLE = /[^\s\u00a0\u3000]/;
const CARD = new Set(['td', 'th', 'li', 'dd', 'article', 'figure']);
const CARD_CLASS = /\b(member|person|people|profile|card|student|faculty|staff|bio)\b/i;

function segmentOf(node: DomNode, siblingIndex: number): string {
  const name = node.name ?? '?';
  const id = node.attribs?.['id'];
  if (id !== undefined && /^[\w-]+$/.test(id)) return `${name}#${id}`;
  return siblingIndex > 1 ? `${name}[${siblingIndex}]` : name;
}

/** `body>div>…>p[2]`: the full path when short, both ends of it when deep. */
function pathText(stack: readonly string[]): string {
  if (stack.length <= 2 * PATH_ENDS) return stack.join('>');
  return `${stack.slice(0, PATH_ENDS).join('>')}>…>${stack.slice(-PATH_ENDS).join('>')}`;
}

/**
 * The page's lines. Linear in the size of the DOM (whose depth `loadHtml` has capped): every node
 * is visited once and counted on `budget`; link texts and paths are bounded per line.
 */
export function pageLines($: CheerioAPI, budget: ParseBudget): PageLine[] {
  const lines: PageLine[] = [];
  let buffer = '';
  // Whether `buffer` holds visible text yet, kept as text arrives (re-scanning the buffer at each
  // emphasised element was quadratic on long inline runs).
  let bufferVisible = false;
  // Text of the open anchors, innermost last; text goes to the innermost only (nested anchors are
  // invalid HTML, and copying text into every open one was quadratic).
  const anchors: string[] = [];
  let links: PageLink[] = [];
  let lead: string | undefined;
  let leadOpen: { node: DomNode; start: number } | undefined;
  let brCount = 0;
  const pathStack: string[] = [];
  const cardStack: Array<string | undefined> = [];

  const flush = (headingLevel = 0): void => {
    const text = cleanText(buffer);
    if (text !== '') {
      const path = pathText(pathStack) + (brCount > 0 ? ` (line ${brCount + 1})` : '');
      const line: PageLine = { index: lines.length, text, path, headingLevel, links };
      const cleanLead = cleanText(lead);
      if (cleanLead !== '' && text.startsWith(cleanLead)) line.lead = cleanLead;
      const card = cardStack[cardStack.length - 1];
      if (card !== undefined) line.card = card;
      lines.push(line);
    }
    buffer = '';
    bufferVisible = false;
    links = [];
    lead = undefined;
    leadOpen = undefined;
  };

  // Recursive: the DOM's depth is capped when it is built (processors.maxNestingDepth).
  const walk = (node: DomNode): void => {
    budget.step();
    if (node.type === 'text') {
      const data = node.data ?? '';
      buffer += data;
      if (!bufferVisible && VISIBLE.test(data)) bufferVisible = true;
      const top = anchors.length - 1;
      const anchor = anchors[top];
      if (anchor !== undefined && anchor.length < MAX_LINK_TEXT)
        anchors[top] = anchor + data.slice(0, MAX_LINK_TEXT - anchor.length);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = node.name ?? '';
    if (SKIP.has(name)) return;
    if (name === 'br') {
      flush();
      brCount++;
      return;
    }
    const isBlock = BLOCK.has(name);
    const heading = /^h[1-6]$/.test(name) ? Number(name.slice(1)) : 0;
    if (isBlock) {
      flush();
      cardStack.push(
        CARD.has(name) || CARD_CLASS.test(node.attribs?.['class'] ?? '')
          ? pathText(pathStack) + `>${name}@${lines.length}`
          : cardStack[cardStack.length - 1],
      );
    }
    if (
      !isBlock &&
      name !== 'span' &&
      EMPHASIS.has(name) &&
      leadOpen === undefined &&
      lead === undefined &&
      !bufferVisible
    )
      leadOpen = { node, start: buffer.length };
    if (name === 'a') anchors.push('');
    const savedBr = brCount;
    if (isBlock) brCount = 0;
    const seen = new Map<string, number>();
    for (const child of node.children ?? []) {
      if (child.type === 'tag' && child.name !== undefined) {
        const n = (seen.get(child.name) ?? 0) + 1;
        seen.set(child.name, n);
        // The text so far belongs to the parent block: end its line before the path changes.
        if (BLOCK.has(child.name)) {
          flush();
          pathStack.push(segmentOf(child, n));
        }
        walk(child);
        if (BLOCK.has(child.name)) pathStack.pop();
      } else walk(child);
    }
    if (name === 'a') {
      const text = anchors.pop() ?? '';
      const href = node.attribs?.['href'];
      if (href !== undefined && href.trim() !== '') links.push({ href: href.trim(), text: cleanText(text) });
    }
    if (leadOpen?.node === node) {
      lead = buffer.slice(leadOpen.start);
      leadOpen = undefined;
    }
    if (isBlock) {
      flush(heading);
      brCount = savedBr;
      cardStack.pop();
    }
  };

  const body = $('body').get(0) ?? $.root().get(0);
  if (body !== undefined) {
    pathStack.push('body');
    walk(body as unknown as DomNode);
    flush();
  }
  return lines;
}
