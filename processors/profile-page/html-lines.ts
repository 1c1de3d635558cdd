import type { CheerioAPI } from 'cheerio';
import { cleanText } from '../common/evidence.js';

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
const MAX_DEPTH = 400;
const CARD = new Set(['td', 'th', 'li', 'dd', 'article', 'figure']);
const CARD_CLASS = /\b(member|person|people|profile|card|student|faculty|staff|bio)\b/i;

function segmentOf(node: DomNode, siblingIndex: number): string {
  const name = node.name ?? '?';
  const id = node.attribs?.['id'];
  if (id !== undefined && /^[\w-]+$/.test(id)) return `${name}#${id}`;
  return siblingIndex > 1 ? `${name}[${siblingIndex}]` : name;
}

export function pageLines($: CheerioAPI): PageLine[] {
  const lines: PageLine[] = [];
  let buffer = '';
  let links: PageLink[] = [];
  let lead: string | undefined;
  let leadOpen: { node: DomNode; start: number } | undefined;
  let brCount = 0;
  const pathStack: string[] = [];
  const cardStack: Array<string | undefined> = [];

  const flush = (headingLevel = 0): void => {
    const text = cleanText(buffer);
    if (text !== '') {
      const path = pathStack.join('>') + (brCount > 0 ? ` (line ${brCount + 1})` : '');
      const line: PageLine = { index: lines.length, text, path, headingLevel, links };
      const cleanLead = cleanText(lead);
      if (cleanLead !== '' && text.startsWith(cleanLead)) line.lead = cleanLead;
      const card = cardStack[cardStack.length - 1];
      if (card !== undefined) line.card = card;
      lines.push(line);
    }
    buffer = '';
    links = [];
    lead = undefined;
    leadOpen = undefined;
  };

  const walk = (node: DomNode, depth = 0): void => {
    // Pathologically deep markup (broken generators, attacks) must not overflow the stack.
    if (depth > MAX_DEPTH) return;
    if (node.type === 'text') {
      buffer += node.data ?? '';
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
          ? pathStack.join('>') + `>${name}@${lines.length}`
          : cardStack[cardStack.length - 1],
      );
    }
    if (
      !isBlock &&
      EMPHASIS.has(name) &&
      leadOpen === undefined &&
      lead === undefined &&
      cleanText(buffer) === '' &&
      name !== 'span'
    )
      leadOpen = { node, start: buffer.length };
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
        walk(child, depth + 1);
        if (BLOCK.has(child.name)) pathStack.pop();
      } else walk(child, depth + 1);
    }
    if (name === 'a') {
      const href = node.attribs?.['href'];
      if (href !== undefined && href.trim() !== '')
        links.push({ href: href.trim(), text: cleanText(textOf(node)) });
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

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(textOf).join('');
}
