/**
 * Tells obvious organisations from people among Section 16 reporting owners. Funds, general
 * partners, trusts and holding companies file Forms 3/4/5 beside the people who control them
 * ("Mithril GP LP", "BERKSHIRE HATHAWAY INC"); they are not talent and must not become person
 * mentions. The test is deliberately conservative (legal-form words and unmistakable institution
 * words only): wrongly dropping a real person loses them for good, while a rare organisation that
 * slips through is still filtered by later stages.
 */

/** Words that mark an organisation wherever they appear in the name (compared without dots). */
const ORG_WORDS = new Set([
  'LP',
  'LLP',
  'LLLP',
  'LLC',
  'PLLC',
  'INC',
  'INCORPORATED',
  'CORP',
  'CORPORATION',
  'COMPANY',
  'COMPANIES',
  'LTD',
  'LIMITED',
  'GMBH',
  'SARL',
  'PLC',
  'PTE',
  'PTY',
  'TRUST',
  'TRUSTS',
  'FUND',
  'FUNDS',
  'HOLDINGS',
  'HOLDING',
  'PARTNERS',
  'PARTNERSHIP',
  'CAPITAL',
  'MANAGEMENT',
  'BANK',
  'BANCORP',
  'BANCSHARES',
  'FOUNDATION',
  'ENDOWMENT',
  'VENTURES',
  'INVESTMENTS',
  'INVESTORS',
  'ADVISORS',
  'ADVISERS',
  'ASSOCIATES',
  'ENTERPRISES',
  'SECURITIES',
  'INSURANCE',
  'UNIVERSITY',
  'ASSOCIATION',
  'GROUP',
  'GP',
  'UGP',
  'SPONSOR',
  'ACQUISITION',
  'OPPORTUNITIES',
  'EQUITY',
  'FINANCIAL',
]);

/**
 * Legal-form abbreviations that are also plausible initials or short surnames, so they count only
 * as the last word ("DANONE SA", "SIEMENS AG", "PHILIPS NV"; not "SA JOHN").
 */
const TRAILING_ORG_WORDS = new Set(['CO', 'SA', 'AG', 'NV', 'BV', 'SPA', 'ASA', 'SAS', 'SRL']);

/** Words of a name, upper-cased, with dots and trailing commas removed (`L.P.,` → `LP`). */
function wordsOf(name: string): string[] {
  return name
    .toUpperCase()
    .split(/[\s,;()/]+/)
    .map((w) => w.replace(/\./g, ''))
    .filter((w) => w !== '');
}

export function isOrganizationName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0) return false;
  if (words.some((w) => ORG_WORDS.has(w))) return true;
  const last = words[words.length - 1] ?? '';
  if (words.length >= 2 && TRAILING_ORG_WORDS.has(last)) return true;
  // "Smith & Co", "& Co." anywhere, and "Estate of …" (the estate files, not a living person).
  if (/&\s*CO\b/i.test(name)) return true;
  if (words[0] === 'ESTATE' && words[1] === 'OF') return true;
  return false;
}
