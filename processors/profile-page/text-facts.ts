import type { PageLink } from './html-lines.js';

/**
 * Recognisers for the facts faculty, student and lab pages state in free text: e-mails (also
 * obfuscated), profile links, job-title lines, organisation names, degree lines and research
 * interests. Everything returned is a substring of the page, trimmed.
 */

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;
/** `name [at] dept [dot] edu`, `name(at)uni.edu`, `name AT host DOT org`, `name＠host.cn`. */
const OBFUSCATED_EMAIL =
  /([\w.+-]+)\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>|＠|\s+at\s+(?=[\w-]+\s+dot\s+))\s*([\w-]+(?:\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+|\.)\s*[\w-]+)+)/gi;

export function emailsIn(text: string, links: readonly PageLink[] = []): string[] {
  const out = new Set<string>();
  for (const link of links) {
    const m = link.href.match(/^mailto:\s*([^?]+)/i);
    if (m?.[1] !== undefined && m[1].includes('@')) out.add(decodeURIComponent(m[1]).trim());
  }
  for (const m of text.matchAll(EMAIL)) out.add(m[0].replace(/\.$/, ''));
  for (const m of text.matchAll(OBFUSCATED_EMAIL)) {
    const user = m[1] ?? '';
    const host = (m[2] ?? '')
      .replace(/\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+)\s*/gi, '.')
      .replace(/\s+/g, '');
    if (/\.[a-z]{2,}$/i.test(host)) out.add(`${user}@${host}`);
  }
  return [...out];
}

export const ORCID_ID = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/i;

/** Hosts whose links are the person's own research or code profiles. */
const PROFILE_HOST =
  /(?:scholar\.google\.[a-z.]+\/citations|orcid\.org\/|github\.com\/[\w.-]+\/?(?:[?#]|$)|gitlab\.com\/[\w.-]+\/?(?:[?#]|$)|linkedin\.com\/in\/|dblp\.(?:org|uni-trier\.de)\/(?:pid|pers)|semanticscholar\.org\/author|researchgate\.net\/profile|twitter\.com\/|x\.com\/|scopus\.com\/authid|webofscience\.com|researcherid|openreview\.net\/profile|zhihu\.com\/people)/i;

export function isProfileLink(href: string): boolean {
  return PROFILE_HOST.test(href);
}

/** Link texts that label a profile link instead of naming a person ("Google Scholar", "[CV]", "Homepage"). */
export const SITE_LABEL =
  /^\[?(?:google\s*scholar|scholar|orcid|github|gitlab|linkedin|dblp|semantic\s*scholar|research\s*gate|twitter|x|homepage|home\s*page|website|personal\s*(?:web)?(?:site|page)|cv|curriculum vitae|openreview|publications?|[^\w]*)\]?$/i;

// ---------------------------------------------------------------------------------------------
// Job titles

const EN_TITLE =
  /\b(?:(?:Tenure[- ]track|Full|Assistant|Associate|Adjunct|Visiting|Research|Clinical|Emeritus|Distinguished|Chair(?:ed)?|Endowed|University|Teaching)\s+)*Professor(?:\s+of\s+(?:Instruction|Practice|[A-Z][\w&'-]*(?:\s+(?:and|&|of|in)?\s*[A-Z][\w&'-]*)*))?\b|\b(?:(?:Senior|Principal|Staff|Chief|Lead|Junior|Associate|Assistant|Visiting)\s+)*(?:Lecturer|Reader|Research\s+Scientist|Scientist|Researcher|Research\s+Fellow|Postdoctoral\s+(?:Research\s+)?(?:Fellow|Researcher|Scholar|Associate)|Postdoc|Research\s+(?:Assistant|Associate|Engineer)|Principal\s+Investigator|Instructor|Engineer|Director|Dean|Department\s+Chair|Head\s+of\s+[A-Z][\w ]+)\b|\b(?:Ph\.?\s?D\.?|Doctoral|Graduate|Master'?s?|Undergraduate)\s+(?:student|candidate|researcher)\b/i;
const ZH_TITLE =
  /(?:中国科学院|中国工程院)?院士|(?:副|助理|特聘|讲席|客座|名誉|正)?教授|(?:副|助理|特聘|正高级)?研究员|博士生导师|博导|硕士生导师|硕导|(?:高级)?讲师|(?:正高级|高级)?工程师|(?:副)?院长|(?:副)?所长|(?:副)?主任|博士后|(?:在读)?(?:博士|硕士)研究生/g;

/** The job titles in a short line ("Associate Professor, CSE and HDSI", "研究员，博士生导师"). */
/** A short phrase that is a whole job title: "Senior Data Scientist", "Technique Lead", "Postdoctoral". */
const TITLE_PHRASE =
  /^(?:[\p{Lu}][\p{L}-]*\s+){0,3}(?:Scientist|Engineer|Researcher|Professor|Lecturer|Lead|Director|Fellow|Postdoc(?:toral)?|Analyst|Developer|Architect|Manager|Intern|(?:Visiting|Postdoctoral)\s+Scholar)$/u;

export function titlesInLine(text: string): string[] {
  if (text.length > 100) return [];
  const first = text.split(/\s*[,，(（;；]\s*/)[0]?.trim() ?? '';
  if (first.length <= 50 && TITLE_PHRASE.test(first)) return [first];
  const zh = [...text.matchAll(ZH_TITLE)].map((m) => m[0]);
  if (zh.length > 0 && /^[\u4e00-\u9fff\s，、,;；/]+$/.test(text.replace(/[A-Za-z0-9()（）]+/g, '')))
    return zh;
  const en = text.match(EN_TITLE);
  // A title line starts with the title (a few words of prefix at most), and is not a sentence.
  if (
    en?.index !== undefined &&
    en.index <= 30 &&
    !/\b(?:I|I'm|am|is|was|were|has|have|my|his|her)\b/.test(text)
  )
    return [en[0].trim()];
  return [];
}

export function hasTitle(text: string): boolean {
  return EN_TITLE.test(text) || new RegExp(ZH_TITLE.source).test(text);
}

// ---------------------------------------------------------------------------------------------
// Organisations

/** A top-level organisation: a university, an institute, a hospital, a company. */
const TOP_ORG =
  /\b(?:University|Universit[éeä]t?|Universidad|Universidade|Università|Institute\s+of\s+Technology|Polytechnic|Academy\s+of\s+Sciences|Cancer\s+Center|Medical\s+Center|Hospital|Inc\.?|Corporation|Corp\.?|Ltd\.?|LLC|GmbH|Company|Research\s+Institute)\b|(?:大学|科学院|研究院|医院|公司|集团)$/;
/** A unit inside one. */
const DEPT =
  /^(?:the\s+)?(?:Department|Dept\.?|Division|Faculty|Program(?:me)?|School|College|Graduate\s+School|Institute|Center|Centre|Lab(?:oratory)?|Group)\b|(?:Lab(?:oratory)?|Group|Center|Centre|Institute)(?:\s*\([A-Z][\w&-]*\))?$|(?:学院|学系|系|研究所|实验室|研究中心|中心|课题组)$/i;
const ORG_WORD =
  /\b(?:University|Universit[éeä]t?|Universidad|Institute|College|Academy|School|Hospital|Laborator(?:y|ies)|Lab|Center|Centre|Inc\.?|Corporation|Company|Foundation)\b|大学|学院|研究所|研究院|科学院|医院|公司|实验室/;

const ACADEMIC_UNIT =
  /^(?:the\s+)?(?:Department|Dept\.?|School|College|Faculty|Division)\b|(?:学院|学系|系)$/i;

export type OrgKind = 'top' | 'unit' | undefined;

export function orgKind(segment: string): OrgKind {
  const s = segment.trim();
  if (s.length < 3 || s.length > 120) return undefined;
  if (DEPT.test(s) && !/\b(?:University|Universidad|Universit[éeä])\b|大学$/.test(s)) return 'unit';
  if (TOP_ORG.test(s)) return 'top';
  if (ORG_WORD.test(s)) return 'unit';
  return undefined;
}

function looksLikeOrg(segment: string): boolean {
  return orgKind(segment) !== undefined;
}

/** Splits an affiliation line into its parts: commas, Chinese separators, " at ", " @ ". */
export function orgSegments(text: string): string[] {
  return text
    .split(/\s*(?:[,，;；、|]|\s@\s|\s+at\s+(?:the\s+)?)\s*/)
    .map((s) => s.replace(/^the\s+/i, (m) => (/^The/.test(m) ? m : '')).trim())
    .filter((s) => s !== '');
}

/**
 * The organisation and unit named in affiliation parts. A country or city after the university
 * ("Nankai University, China") is left out; a lone unit is the organisation when nothing else is.
 */
export function orgFromSegments(
  segments: readonly string[],
): { organization: string; department?: string } | undefined {
  let top: string | undefined;
  let unit: string | undefined;
  for (const s of segments) {
    const kind = orgKind(s);
    if (kind === 'top') top ??= s;
    else if (kind === 'unit') {
      // A department or school describes the post better than a lab inside it.
      if (unit === undefined || (!ACADEMIC_UNIT.test(unit) && ACADEMIC_UNIT.test(s))) unit = s;
    }
  }
  if (top !== undefined)
    return unit === undefined ? { organization: top } : { organization: top, department: unit };
  if (unit !== undefined) return { organization: unit };
  return undefined;
}

/** Universities and institutes named inside running text ("… at the University of California, San Diego (UCSD)."). */
export function orgsInSentence(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:The\s+)?University\s+of\s+\p{Lu}[\p{L}'-]*(?:(?:\s+|,\s+)(?:\p{Lu}[\p{L}'-]*|at|of|and))*(?:\s+\([A-Z]{2,}\))?/gu,
    /\b(?:\p{Lu}[\p{L}'-]*\s+){1,5}(?:University|Institute\s+of\s+Technology|Polytechnic\s+University)(?:\s+of\s+\p{Lu}[\p{L}'-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'-]*)*)?(?:\s+\([A-Z]{2,}\))?/gu,
    /[\u4e00-\u9fff]{2,12}?(?:大学|科学院|研究院)/g,
  ];
  for (const re of patterns)
    for (const m of text.matchAll(re)) out.push(m[0].replace(/(?:\s+|,\s+)(?:at|of|and)$/, '').trim());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Education

const DEGREE =
  /^(?:(?:First|Second|Third|Fourth|Fifth|Sixth|\d+(?:st|nd|rd|th))[- ]year\s+)?(Ph\.?\s?D\.?|D\.?Phil\.?|Doctor(?:ate)?(?:\s+of\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*)?|M\.\s?S\.?c?\.?|MSc\.?|MS|M\.?\s?Eng\.?|M\.?\s?Phil\.?|M\.A\.|MA|MBA|M\.?D\.?|Master(?:'s)?(?:\s+of\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*)?|B\.\s?S\.?c?\.?|BSc\.?|BS|B\.?\s?Eng\.?|B\.?E\.|B\.A\.|BA|Bachelor(?:'s)?(?:\s+of\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*)?|博士|硕士|学士|本科)(?=$|[\s,@(（，:])/;
const YEAR = /\b(?:19|20)\d{2}\b/g;
const ACRONYM = /^[A-Z][A-Za-z&-]{1,9}$/;

export interface DegreeLine {
  degree: string;
  area?: string;
  institution?: string;
  startDate?: string;
  endDate?: string;
  /** True for a programme in progress ("Second-year PhD in Statistics"). */
  ongoing: boolean;
}

/** A degree line: "Ph.D. in Statistics, University of X, 2016", "MS, CSE, UCSD, 2025", "B.S.@WHU". */
export function parseDegreeLine(text: string): DegreeLine | undefined {
  const t = text.trim();
  const m = t.match(DEGREE);
  if (m?.[1] === undefined) return undefined;
  const out: DegreeLine = { degree: m[1].trim(), ongoing: /year\s/i.test(m[0]) };
  let rest = t.slice(m[0].length);
  const at = rest.match(/^\s*@\s*([^\s,(（]+(?:\s+[A-Z][\w&-]*)*)/);
  if (at?.[1] !== undefined) {
    out.institution = at[1];
    rest = rest.slice(at[0].length);
  }
  const area = rest.match(/^\s+in\s+([^,(@]+)/i);
  if (area?.[1] !== undefined) {
    out.area = area[1].trim();
    rest = rest.slice(area[0].length);
  }
  rest = rest.replace(/\([^)]*\)/g, ' ');
  const years = [...rest.matchAll(YEAR)].map((y) => y[0]);
  const openRange = rest.match(/((?:19|20)\d{2})\s*[-–~]\s*(?:now|present|至今|$)/i);
  if (openRange?.[1] !== undefined) {
    out.startDate = openRange[1];
    out.ongoing = true;
  } else if (years.length >= 2) {
    out.startDate = years[0];
    out.endDate = years[years.length - 1];
  } else if (years[0] !== undefined) out.endDate = years[0];
  const parts = rest
    .split(/[,，;]/)
    .map((p) =>
      p
        .replace(YEAR, '')
        .replace(/[.\s–-]+$/, '')
        .trim(),
    )
    .filter((p) => p !== '');
  if (out.institution === undefined) {
    const org = parts.find((p) => orgKind(p) === 'top') ?? parts.find((p) => looksLikeOrg(p));
    const acronyms = parts.filter((p) => ACRONYM.test(p) && (p.match(/[A-Z]/g)?.length ?? 0) >= 2);
    out.institution = org ?? acronyms[acronyms.length - 1];
    if (out.area === undefined && org === undefined && acronyms.length >= 2)
      out.area = acronyms.slice(0, -1).join(', ');
  }
  return out;
}

/** Degrees stated in bio sentences: "I received my bachelor's degree in Applied Math from X in 2013." */
export function degreesInSentence(text: string): DegreeLine[] {
  const out: DegreeLine[] = [];
  const received =
    /\b(?:received|obtained|earned|completed|got)\s+(?:my|his|her|their|a|the)\s+(.{2,40}?)\s+(?:degree\s+)?(?:in\s+([^,.]{2,60}?)\s+)?from\s+(?:the\s+)?(.{3,100}?)(?:\s+in\s+((?:19|20)\d{2}))?(?=[.,;]\s|[.,;]?$|\s+(?:under|where|with|before|after|while)\b)/gi;
  for (const m of text.matchAll(received)) {
    const d: DegreeLine = { degree: (m[1] ?? '').replace(/\s+degree$/i, ''), ongoing: false };
    if (m[2] !== undefined) d.area = m[2].trim();
    if (m[3] !== undefined) d.institution = m[3].trim();
    if (m[4] !== undefined) d.endDate = m[4];
    out.push(d);
  }
  const student =
    /\b(?:was|am|is)\s+an?\s+(?:([\w-]+)\s+)?(Ph\.?\s?D\.?|doctoral|master'?s?|graduate)\s+student\s+(?:at|in)\s+(?:the\s+)?(\p{Lu}[^,.;]{2,80})/giu;
  for (const m of text.matchAll(student)) {
    const d: DegreeLine = {
      degree: m[2] ?? '',
      ongoing: /\b(?:am|is)\b/i.test(m[0]),
      institution: (m[3] ?? '').trim(),
    };
    if (m[1] !== undefined && !/^(?:former|current)$/i.test(m[1])) d.area = m[1];
    out.push(d);
  }
  out.push(...zhDegrees(text));
  return out;
}

/** "2010年获吉林大学光学工程博士学位": Chinese degree statements, which name no subject. */
export function zhDegrees(text: string): DegreeLine[] {
  const out: DegreeLine[] = [];
  const zh =
    /((?:19|20)\d{2})年(?:获得?|于|毕业于|在)?\s*([\u4e00-\u9fff]{2,20}?(?:大学|学院|研究所|研究院|科学院))\s*([\u4e00-\u9fff]{0,12}?)\s*(?:获得?)?(博士|硕士|学士)(?:学位)?/g;
  for (const m of text.matchAll(zh)) {
    const d: DegreeLine = {
      degree: m[4] ?? '',
      institution: m[2] ?? '',
      endDate: m[1] ?? '',
      ongoing: false,
    };
    if (m[3] !== undefined && m[3] !== '' && !/^(?:获得?|的)$/.test(m[3]))
      d.area = m[3].replace(/^(?:获得?)/, '').replace(/专业$/, '');
    out.push(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Research interests

export function splitInterests(list: string): string[] {
  return list
    .replace(/[.。]\s*$/, '')
    .split(/\s*(?:[,;，、；]|\band\b|\s和|和(?=[\u4e00-\u9fff])|及)\s*/)
    .map((s) =>
      s
        .replace(/^(?:and|or)\s+/i, '')
        .replace(/[.。]$/, '')
        .trim(),
    )
    .filter((s) => s.length >= 2 && s.length <= 80)
    .slice(0, 25);
}

/** "Research interest: TWAS, integrative analysis", "研究方向：光电子器件、激光技术", or a bio sentence saying so. */
export function interestsInText(text: string): string[] {
  const label = text.match(
    /^(?:(?:my|his|her|main|current)\s+)?(?:research\s+)?(?:interests?|areas?|topics?|focus|fields?)\s*(?:include|includes|are|is|:|：)\s*(?:(?:in|on)\s+)?(.+)$/i,
  );
  if (
    label?.[1] !== undefined &&
    /^(?:research|interests?)/i.test(text.replace(/^(?:my|his|her|main|current)\s+/i, ''))
  )
    return splitInterests(label[1]);
  const zh = text.match(/(?:主要)?研究(?:方向|领域|兴趣)(?:主要)?(?:为|是|包括|：|:)\s*([^。；;]+)/);
  if (zh?.[1] !== undefined) return splitInterests(zh[1]);
  const sentence = text.match(
    /research\s+(?:interests?|focus)\s+(?:is|are|lies?|include[s]?)\s+(?:in\s+|on\s+)?([^.]+)\./i,
  );
  if (sentence?.[1] !== undefined) return splitInterests(sentence[1]);
  return [];
}
