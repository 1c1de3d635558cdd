import { cleanNameText, isPersonName } from './html-names.js';
import type { PeopleBook, PersonFact } from './html-people.js';
import type { HtmlDoc } from './html-text.js';
import { cleanTitle, isTitleLike } from './html-titles.js';

/**
 * Signers: "By: /s/ Reid R. Broda … Corporate Secretary", 10-K signature tables
 * ("/s/ Jane Doe | Director | date") and "By Order of the Board of Directors, Jane A. Bell,
 * Secretary". A signer with no title is not kept: the signature alone does not say the role.
 */

export interface SignatureContext {
  doc: HtmlDoc;
  book: PeopleBook;
  issuer?: string;
  pathPrefix: string;
}

const SLASH_S = /^(?:By:?\s*)?\/s\/\s*(.+)$/i;
const LABELLED_TITLE = /^(?:Title|Its)\s*:\s*([^:\s].*)$/i;

function signerTitle(doc: HtmlDoc, at: number, name: string, issuer: string | undefined): string | undefined {
  const line = doc.lines[at];
  if (line === undefined) return undefined;
  // Same table row: the title is the next cell.
  if (line.cell !== undefined && line.rowEl !== undefined) {
    for (let k = at + 1; k < Math.min(doc.lines.length, at + 4); k++) {
      const next = doc.lines[k];
      if (next?.rowEl !== line.rowEl) break;
      if (next.cell?.colStart !== line.cell.colStart && isTitleLike(next.text))
        return cleanTitle(stripParens(next.text), issuer);
    }
  }
  const parts: string[] = [];
  for (let k = at + 1; k < Math.min(doc.lines.length, at + 6); k++) {
    const text = doc.lines[k]?.text ?? '';
    if (text === '' || SLASH_S.test(text) || /^date[d]?:?\b/i.test(text)) break;
    const plain = text.replace(/^Name:?\s*/i, '');
    if (cleanNameText(plain) === name || /^By:?$/i.test(text)) continue;
    const labelled = LABELLED_TITLE.exec(text);
    const candidate = labelled?.[1] ?? text;
    if (parts.length === 0 && !isTitleLike(candidate)) {
      if (labelled !== null) break;
      continue;
    }
    if (
      parts.length > 0 &&
      (isPersonName(cleanNameText(candidate)) || /\d{4}/.test(candidate) || labelled !== null)
    )
      break;
    parts.push(candidate);
    if (/\b(?:and|,|of)$/i.test(candidate) === false) break;
  }
  return parts.length === 0 ? undefined : cleanTitle(stripParens(parts.join(' ')), issuer);
}

function stripParens(text: string): string {
  // "(Principal Executive Officer)" restates the title for the SEC; the title as written stays.
  return text.replace(/\s*\((?:principal|duly)[^)]*\)/gi, '').trim();
}

export function extractSignatures(ctx: SignatureContext): void {
  const { lines } = ctx.doc;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    let name: string | undefined;
    let at = i;
    const slash = SLASH_S.exec(text);
    if (slash?.[1] !== undefined) {
      const cleaned = cleanNameText(slash[1]);
      if (isPersonName(cleaned)) name = cleaned;
    } else if (/^by\s+order\s+of\s+the\s+board/i.test(text)) {
      for (let k = i + 1; k < Math.min(lines.length, i + 8); k++) {
        const cleaned = cleanNameText(lines[k]?.text ?? '');
        if (isPersonName(cleaned)) {
          name = cleaned;
          at = k;
          break;
        }
      }
    }
    if (name === undefined) continue;
    const title = signerTitle(ctx.doc, at, name, ctx.issuer);
    if (title === undefined || title === '' || !isTitleLike(title)) continue;
    const line = lines[at] ?? lines[i];
    if (line === undefined) continue;
    const snippet = lines
      .slice(i, Math.min(lines.length, at + 4))
      .map((l) => l.text)
      .join(' ');
    const fact: PersonFact = { name, title, path: ctx.pathPrefix + ctx.doc.pathOf(line.el), snippet };
    ctx.book.add(fact);
  }
}
