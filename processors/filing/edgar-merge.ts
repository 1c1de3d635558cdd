import type { FormatName } from '../../lib/envelope.js';
import type { PersonMention, RawAffiliation } from '../model/mention.js';

/**
 * Folds the mentions of a submission's documents into one list for the submission's record:
 * mention ids are renumbered across documents (each document's parser counted from 0), the format
 * becomes the record's, and the header's SIC code is put where the documents could not know it.
 */

export interface SubmissionCompany {
  name?: string;
  cik?: string;
  sic?: string;
}

const LEGAL_WORDS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'plc',
  'llc',
  'lp',
  'the',
]);

/**
 * A loose company key: "NVIDIA CORP", "NVIDIA Corporation" and "180 DEGREE CAPITAL CORP. /NY/"
 * vs "180 Degree Capital Corp." compare equal. EDGAR conformed names add state suffixes (`/NY/`)
 * and abbreviate legal forms, so exact comparison would miss the issuer itself.
 */
function companyKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\/[a-z]{2,3}\/?\s*$/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !LEGAL_WORDS.has(w))
    .join(' ');
}

function isCompany(aff: RawAffiliation, company: SubmissionCompany): boolean {
  const cik = aff.organizationIds?.secCik;
  if (cik !== undefined && company.cik !== undefined) return Number(cik) === Number(company.cik);
  if (company.name === undefined) return false;
  const a = companyKey(aff.organization);
  const b = companyKey(company.name);
  if (a === '' || b === '') return false;
  return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
}

/**
 * Every filing role is a role at the filing's company, so it gets the header's SIC. Affiliations
 * get it only when they are with that company: a biography in a proxy also names past employers,
 * whose industry the header says nothing about.
 */
export function mergeSubmissionMentions(
  perDocument: PersonMention[][],
  recordId: string,
  format: FormatName,
  company: SubmissionCompany,
): PersonMention[] {
  const merged: PersonMention[] = [];
  for (const mentions of perDocument)
    for (const mention of mentions) {
      const sic = company.sic;
      merged.push({
        ...mention,
        mentionId: `${recordId}#${merged.length}`,
        sourceId: recordId,
        format,
        filingRoles: mention.filingRoles.map((r) =>
          sic === undefined || r.sic !== undefined ? r : { ...r, sic },
        ),
        affiliations: mention.affiliations.map((a) =>
          sic === undefined || a.sic !== undefined || !isCompany(a, company) ? a : { ...a, sic },
        ),
      });
    }
  return merged;
}
