/**
 * Job titles as filings write them, and what they say about the role: a "Director" is a board
 * member, a "Managing Director" is not; "Chairman" alone means chair of the board.
 */

export type HtmlRole = 'officer' | 'director' | 'director-nominee';

const TITLE_WORD =
  /\b(?:chief|officers?|presidents?|co-presidents?|vice|chair|chairman|chairwoman|chairperson|directors?|secretary|treasurer|controller|comptroller|counsel|(?:co-)?ceos?|cfo|coo|cto|cio|cao|clo|chro|cso|head|managing|general manager|founder|portfolio manager|principal|partner|trustee|executive)\b/i;

const DIRECTOR_TITLE =
  /\b(?:(?:lead|independent|non-executive|presiding|outside|non-employee)\s+)?director\b|\bchair(?:man|woman|person)?\s+of\s+the\s+board\b|\bboard\s+member\b|\bmember\s+of\s+(?:the|our|its)\s+(?:company['’]s\s+)?board\b|\btrustee\b|^(?:non-executive\s+|executive\s+|independent\s+)?chair(?:man|woman|person)?\b/i;
const NOT_BOARD_DIRECTOR =
  /\b(?:managing|executive|creative|art|regional|sales|program|technical|medical)\s+director\b|\bdirector\s+(?:of|for|,\s*\w+\s+(?:operations|finance|sales))\b/i;
const OFFICER_TITLE =
  /\b(?:chief|officers?|presidents?|co-presidents?|vice|secretary|treasurer|controller|comptroller|counsel|(?:co-)?ceos?|cfo|coo|cto|cio|cao|clo|chro|head of|general manager|portfolio manager|managing director|executive director|founder)\b/i;

export function isTitleLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 160) return false;
  if (/^\$?[\d,.%]+$/.test(t)) return false;
  if (t.split(/\s+/).length > 22) return false;
  return TITLE_WORD.test(t);
}

export function isDirectorTitle(title: string): boolean {
  return (
    DIRECTOR_TITLE.test(title) &&
    !NOT_BOARD_DIRECTOR.test(title.replace(/\b(?:lead|independent)\s+director\b/gi, ''))
  );
}

function isOfficerTitle(title: string): boolean {
  return OFFICER_TITLE.test(title);
}

/** Roles a title implies; empty when it says neither. */
export function rolesOfTitle(title: string): Array<'officer' | 'director'> {
  const roles: Array<'officer' | 'director'> = [];
  if (isDirectorTitle(title)) roles.push('director');
  const withoutBoard = title
    .replace(/\bchair(?:man|woman|person)?(?:\s+of\s+the\s+board(?:\s+of\s+directors)?)?\b/gi, '')
    .replace(/\b(?:lead\s+independent|independent|non-executive)\s+director\b/gi, '');
  if (isOfficerTitle(withoutBoard) || (roles.length === 0 && isTitleLike(title))) roles.push('officer');
  return roles;
}

/**
 * Trims a title to what the person holds: drops "the"/"current"/"our", defined-term parentheses,
 * footnote marks and a trailing "of the Company"/"of <issuer>" (the issuer is the affiliation).
 */
export function cleanTitle(raw: string, issuer?: string): string {
  let t = raw.replace(/\s+/g, ' ').trim();
  t = t.replace(/\s*\((?:the\s+)?[“"][^”"]*[”"]\)/g, '').replace(/\s*\(\s*\d{1,2}\s*\)|\*+$/g, '');
  t = t.replace(/^(?:as\s+)?(?:(?:the|its|our|a|an|current|then-current|currently|serving|sole)\s+)+/i, '');
  t = t.replace(/[\s,;:.]+$/, '');
  const issuerHead = issuer
    ?.replace(/[,.]?\s*(?:inc|corp|corporation|co|ltd|llc|plc|n\.?v|s\.?a)\.?$/i, '')
    .trim();
  for (;;) {
    const before = t;
    t = t.replace(
      /,?\s+of\s+(?:the\s+)?(?:company|firm|registrant|corporation|bank|partnership|fund|trust)$/i,
      '',
    );
    t = t.replace(/\s+of\s+(?:the\s+)?company['’]s\s+board$/i, ' of the Board');
    if (issuerHead !== undefined && issuerHead.length > 2) {
      const idx = t.toLowerCase().lastIndexOf(` of ${issuerHead.toLowerCase()}`);
      // Only the issuer itself: "CEO of Acme BD, LLC" names a subsidiary and stays.
      const tail = idx > 0 ? t.slice(idx + 4 + issuerHead.length) : '';
      if (idx > 0 && /^[,.]?\s*(?:inc|corp|corporation|co|ltd|llc|plc)?\.?$/i.test(tail.trim()))
        t = t.slice(0, idx);
    }
    t = t.replace(/[\s,;:.]+$/, '').replace(/\s+(?:and|or|&)$/i, '');
    if (t === before) break;
  }
  return t;
}

/**
 * The title phrase at the start of `text` (after "as", "elected", an appositive comma): runs to
 * the first clause boundary such as ", effective", " since", " and has".
 */
export function titlePhrase(text: string, issuer?: string): string | undefined {
  const stop =
    /\s+(?:since|from|effective|until|on|as\s+of|by|with|who|beginning|commencing|through|following|pending|upon|when|where|who|which|while|after|before|for a|for the|to serve|to succeed|succeeding|replacing|in (?:january|february|march|april|may|june|july|august|september|october|november|december|\d{4}))\b|\s+and\s+(?:has|have|had|as|is|was|will|there|he|she|prior|previously|before|currently|in|on|also|served|the\s+\w+\s+(?:of|will))\b|[;]|\.(?:\s|$)|,\s+(?:effective|age|a|an|who|which|where|and\s+(?:has|as|he|she|was|will)|since|from|in|on|as|to|following|replacing|succeeding|the\s+company|subject|pending|with|until|at)\b|,\s*\d|,?\s*\(\s*(?:the\s+)?[“"]/i;
  const m = stop.exec(text);
  const phrase = (m === null ? text : text.slice(0, m.index)).trim();
  const cleaned = cleanTitle(phrase, issuer);
  if (!isTitleLike(cleaned) || cleaned.length > 120) return undefined;
  // A phrase that starts with a lower-case word ("a member of the team") is not a title as written.
  if (/^[a-z]/.test(cleaned) && !/^(?:co-|vice|member\b)/.test(cleaned)) return undefined;
  return cleaned;
}
