import type { CheerioAPI } from 'cheerio';
import { cleanText } from '../common/evidence.js';
import type { PageLine } from './html-lines.js';
import { isHanName, isPersonName, splitBilingual, stripHonorifics } from './person-name.js';
import { orgsInSentence } from './text-facts.js';

/**
 * Who a personal or lab page is about, from the places authors put their name: `<h1>`, `og:title`,
 * `<title>`, `meta author`, a "X's home page" description, or "headed by Dr. X" on a lab page.
 */

export interface SubjectName {
  name: string;
  otherNames: string[];
  path: string;
  snippet: string;
}

const POSSESSIVE =
  /['’]s\s+(?:personal\s+)?(?:home\s*page|homepage|web\s*(?:site|page)|website|page|lab(?:oratory)?|research\s+group|group|site)\b.*$/i;
const SUFFIX =
  /\s+(?:personal\s+)?(?:home\s*page|homepage|web\s*(?:site|page)|website|lab(?:oratory)?|research\s+group|group|team)$|(?:的)?(?:个人主页|个人网页|主页|课题组|实验室|研究组|团队)$/i;
const PREFIX = /^(?:welcome\s+to\s+|about\s+|homepage\s+of\s+|home\s+page\s+of\s+)/i;

/** The person's name in a heading-like string, with any other-script form beside it. */
function nameInHeading(raw: string): { name: string; otherNames: string[] } | undefined {
  const pieces = cleanText(raw).split(/\s+[|–—·-]\s+|\s*[|–—·:：]\s*|,\s+|\s+@\s+/);
  for (const piece of pieces) {
    const cleaned = stripHonorifics(
      piece.replace(PREFIX, '').replace(POSSESSIVE, '').replace(SUFFIX, '').trim(),
    );
    if (cleaned === '') continue;
    const { latin, han } = splitBilingual(cleaned);
    if (latin !== undefined && isPersonName(stripHonorifics(latin)))
      return { name: stripHonorifics(latin), otherNames: han === undefined ? [] : [han] };
    if (
      han !== undefined &&
      isHanName(han) &&
      cleaned.replace(/\s/g, '').length <= han.length + (latin?.length ?? 0) + 2
    )
      return { name: han, otherNames: [] };
  }
  return undefined;
}

export function subjectFromHead($: CheerioAPI): SubjectName | undefined {
  const candidates: Array<{ text: string; path: string }> = [];
  $('h1')
    .slice(0, 3)
    .each((i, el) => {
      candidates.push({ text: $(el).text(), path: i === 0 ? 'h1' : `h1[${i + 1}]` });
    });
  const meta = (selector: string): string | undefined => $(selector).attr('content');
  const og = meta('meta[property="og:title"]');
  if (og !== undefined) candidates.push({ text: og, path: 'meta[property=og:title]' });
  const title = $('title').first().text();
  if (title.trim() !== '') candidates.push({ text: title, path: 'title' });
  const author = meta('meta[name="author"]');
  if (author !== undefined) candidates.push({ text: author, path: 'meta[name=author]' });
  const description = meta('meta[name="description"]');
  if (description !== undefined && POSSESSIVE.test(description))
    candidates.push({ text: description.replace(POSSESSIVE, ''), path: 'meta[name=description]' });
  // A name only in <title>/<meta> must show up in the page body too: site titles ("Acme Widgets")
  // pass the name test more often than a page's own heading does.
  const body = cleanText($('body').text());
  for (const c of candidates) {
    const found = nameInHeading(c.text);
    if (found === undefined) continue;
    if (!c.path.startsWith('h1') && !body.includes(found.name)) continue;
    return { ...found, path: c.path, snippet: cleanText(c.text) };
  }
  return undefined;
}

/** "headed by Dr. Arun Kumar", "PI: Jane Roe", "led by Prof. Li Wei", "负责人：张三". */
export function subjectFromText(lines: readonly PageLine[]): SubjectName | undefined {
  const re =
    /\b(?:headed|led|directed|supervised)\s+by\s+((?:(?:Dr|Prof|Professor)\.?\s+)?\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'.-]*){1,3})|\b(?:PI|Principal\s+Investigator|Director)\s*[:：]\s*((?:(?:Dr|Prof)\.?\s+)?\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'.-]*){1,3})|(?:负责人|课题组长|导师)\s*[:：]\s*([\u4e00-\u9fff]{2,4})/u;
  for (const line of lines) {
    const m = line.text.match(re);
    const raw = m?.[1] ?? m?.[2] ?? m?.[3];
    if (raw === undefined) continue;
    const name = stripHonorifics(raw);
    if (isPersonName(name)) return { name, otherNames: [], path: line.path, snippet: line.text };
  }
  return undefined;
}

/** The organisation a page belongs to: the first university or institute named near the top. */
export function pageOrganization($: CheerioAPI, lines: readonly PageLine[]): string | undefined {
  const texts = [$('title').first().text(), ...lines.slice(0, 60).map((l) => l.text)];
  for (const text of texts) {
    const [org] = orgsInSentence(text);
    if (org !== undefined) return org;
  }
  return undefined;
}
