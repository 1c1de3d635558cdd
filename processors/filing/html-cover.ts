import type { HtmlDoc } from './html-text.js';
import { flat } from './html-text.js';

/**
 * What a filing says about itself on its cover page (or in its inline XBRL `dei:` facts, or on
 * an EDGAR filing index page): form type, registrant, CIK, Commission File Number, dates.
 */
export interface CoverInfo {
  form?: string;
  issuer?: string;
  issuerCik?: string;
  fileNumber?: string;
  date?: string;
  accession?: string;
  sic?: string;
  /** True for an EDGAR "Filing Detail" index page (it lists documents, never people). */
  indexPage: boolean;
}

const FORM_RE = /\bFORM\s+(10-K405|10-KT|10-K|10-Q|8-K|20-F|40-F|6-K|S-1|S-4|10)(\/A)?\b/;
const MONTH_DATE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}/;

export function readCover(doc: HtmlDoc): CoverInfo {
  const info: CoverInfo = { indexPage: false };
  const head = doc.lines.slice(0, 150);
  const headText = flat(head.map((l) => l.text).join(' '));

  const docType = doc.dei.get('dei:DocumentType');
  if (docType !== undefined && docType !== '') info.form = docType;
  const name = doc.dei.get('dei:EntityRegistrantName');
  if (name !== undefined && name !== '') info.issuer = name;
  const cik = doc.dei.get('dei:EntityCentralIndexKey');
  if (cik !== undefined && /^\d{1,10}$/.test(cik)) info.issuerCik = cik;
  const fileNumber = doc.dei.get('dei:EntityFileNumber');
  if (fileNumber !== undefined && fileNumber !== '') info.fileNumber = fileNumber;

  if (/Filing Detail/.test(headText) && /SEC Accession No\.?\s*\d{10}-\d{2}-\d{6}/.test(headText)) {
    readIndexPage(doc, info);
    return info;
  }

  if (info.form === undefined) {
    const form = FORM_RE.exec(headText);
    if (form?.[1] !== undefined) info.form = `${form[1]}${form[2] ?? ''}`;
    else if (/SCHEDULE\s+14A/i.test(headText)) {
      info.form = /(?:☒|x|þ|ý|■)\s*Preliminary Proxy Statement/i.test(headText) ? 'PRE 14A' : 'DEF 14A';
    }
  }
  if (info.issuer === undefined) {
    const at = head.findIndex((l) =>
      /(?:exact\s+)?name\s+of\s+(?:the\s+)?registrant|registrant\s+as\s+specified/i.test(l.text),
    );
    if (at > 0) {
      // "(Name of" + "Registrant as Specified…" may be split over two lines.
      const labelStart = /^\(?name\s+of\s*$/i.test(head[at - 1]?.text ?? '') ? at - 1 : at;
      const prev = head[labelStart - 1]?.text ?? '';
      const prev2 = head[labelStart - 2]?.text ?? '';
      // A registrant name broken over two lines ("Cabot" / "Corporation").
      const issuer =
        prev.split(/\s+/).length === 1 && prev2.length < 40 && !/\d|\)$/.test(prev2)
          ? `${prev2} ${prev}`
          : prev;
      if (issuer !== '' && issuer.length < 150 && !/^\(/.test(issuer)) info.issuer = issuer.trim();
    }
  }
  if (info.fileNumber === undefined) {
    const m =
      /(?:File\s+No\.?|File\s+Number)[:\s)]*((?:0\d{0,2}|811|333|1)-\d{4,6})\b/i.exec(headText) ??
      /\b((?:00[01]|0|811|333|1)-\d{4,6})\b[^()]{0,80}\(\s*Commission/i.exec(headText);
    if (m?.[1] !== undefined) info.fileNumber = m[1];
  }
  const reported = /Date\s+of\s+(?:Report|earliest\s+event\s+reported)[^:]*:\s*(.{0,40})/i.exec(headText);
  const date = reported?.[1] === undefined ? undefined : MONTH_DATE.exec(reported[1]);
  if (date !== null && date !== undefined) info.date = date[0];
  return info;
}

function readIndexPage(doc: HtmlDoc, info: CoverInfo): void {
  info.indexPage = true;
  const all = doc.lines.map((l) => l.text);
  const text = flat(all.join(' '));
  const form = /\bForm\s+([\w/-]+(?:\s+14A)?)\s+-/.exec(text);
  if (form?.[1] !== undefined) info.form = form[1];
  const accession = /SEC Accession No\.?\s*(\d{10}-\d{2}-\d{6})/.exec(text);
  if (accession?.[1] !== undefined) info.accession = accession[1];
  const filed = all.findIndex((t) => t === 'Filing Date');
  if (filed >= 0 && /^\d{4}-\d{2}-\d{2}$/.test(all[filed + 1] ?? '')) info.date = all[filed + 1];
  const company = /([^|]{2,120}?)\s*\((?:Filer|Subject|Issuer|Reporting)\)\s*CIK:?\s*(\d{10})/.exec(text);
  if (company?.[1] !== undefined) info.issuer = company[1].replace(/^.*\bCompany\b\s*/i, '').trim();
  if (company?.[2] !== undefined) info.issuerCik = company[2];
  const sic = /\bSIC:?\s*(\d{4})\b/.exec(text);
  if (sic?.[1] !== undefined) info.sic = sic[1];
}

const INLINE_XBRL = /xmlns:ix\s*=\s*["']http:\/\/www\.xbrl\.org\/\d{4}\/inlineXBRL["']|<ix:header\b/i;
const SEC_DEI =
  /xmlns:dei\s*=\s*["']http:\/\/xbrl\.sec\.gov\/dei\/|name\s*=\s*["']dei:EntityCentralIndexKey["']/i;

/**
 * True for HTML that is an SEC filing: an SEC cover page, inline XBRL with `dei:DocumentType`,
 * or an EDGAR filing index page. Personal and faculty pages that merely mention "10-K" are not.
 */
export function looksLikeSecFilingHtml(head: string, contentType?: string): boolean {
  const isHtml = /<(?:html|body|div|p|table|font|ix:header)\b/i.test(head) || /html/i.test(contentType ?? '');
  if (!isHtml) return false;
  if (/name\s*=\s*["']dei:DocumentType["']/i.test(head)) return true;
  // Inline XBRL (Workiva and others) declares the SEC's dei taxonomy on the root element; its
  // hidden header can push dei:DocumentType and the cover page past the first 64 KiB.
  if (INLINE_XBRL.test(head) && SEC_DEI.test(head)) return true;
  const text = head
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .replace(/\s+/g, ' ');
  if (/Filing Detail/.test(text) && /EDGAR|SEC Accession No/i.test(text)) return true;
  const commission =
    /SECURITIES\s+AND\s+EXCHANGE\s+COMMISSION/.test(text) || /Securities and Exchange Commission/.test(text);
  const form =
    /\bFORM\s+(?:10-K|10-Q|8-K|20-F|40-F|6-K|S-1)\b/.test(text) ||
    /SCHEDULE\s+14A/i.test(text) ||
    /Exact name of (?:the )?registrant as specified/i.test(text) ||
    /Name of Registrant as Specified/i.test(text) ||
    /Commission File Number/i.test(text);
  return commission && form;
}
