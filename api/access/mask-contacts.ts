import type { TalentProfile } from '../../processors/model/profile.js';

/**
 * Contact details hidden from roles that may read profiles but not reach people (analysts): e-mail,
 * phone, street address and birth date. They leave the profile's own fields and the evidence: a
 * fact read from a contact field loses its snippet, and other snippets and the summary lose
 * whatever looks like one of them, since free text (a résumé paragraph, a filing's address
 * line) repeats them.
 */
export const MASKED_FIELDS = ['emails', 'phones', 'birthDate', 'address'] as const;
export type MaskedField = (typeof MASKED_FIELDS)[number];

export const MASK = '[hidden]';

/** Evidence paths of contact facts: `basics.email`, `birthDate@line[3]`, `…/reportingOwnerAddress`. */
const CONTACT_PATH = /e-?mail|phone|mobile|\btel|fax|address|street|postal|birth/i;

const PATTERNS: RegExp[] = [
  // e-mail addresses
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  // Phone numbers, in shapes dates, patent numbers and amounts do not take: international
  // (+86 431 8517 6000), an area code in parentheses, 555-010-2030, Chinese mobiles and landlines.
  /\+\d{1,3}[\s.-]?\(?\d{1,4}\)?([\s.-]?\d{2,4}){2,4}(?!\d)/g,
  /\(\d{2,4}\)\s?\d{3,4}[\s.-]?\d{4}(?!\d)/g,
  /(?<![\d,.])\d{3}[\s.-]\d{3,4}[\s.-]\d{4}(?![\d,])/g,
  /(?<!\d)1[3-9]\d{9}(?!\d)/g,
  /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g,
  // Chinese birth dates: 1965年8月出生, 生于1965年, 出生年月：1973年11月
  /(出生年月[:：]?\s*|出生于\s*|生于\s*)?\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?\s*(出生|生人|生)(?![产活物])/g,
  /(出生年月[:：]?\s*|出生于\s*|生于\s*)\d{4}\s*年?(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?/g,
  // English: born on/in <date>, date of birth
  /\b(born|date of birth|DOB)\b[:\s]+(on\s+|in\s+)?[\w ,./-]{4,24}?\d{4}/gi,
];

/** Free text with anything shaped like a contact detail replaced by {@link MASK}. */
export function scrubContacts(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) out = out.replace(pattern, MASK);
  return out;
}

/** A copy of the profile without contact details, and which kinds it had. */
export function maskContacts(profile: TalentProfile): { profile: TalentProfile; hidden: MaskedField[] } {
  const hidden = new Set<MaskedField>();
  if (profile.emails.length > 0) hidden.add('emails');
  if (profile.phones.length > 0) hidden.add('phones');
  if (profile.birthDate !== undefined) hidden.add('birthDate');
  const evidence = profile.evidence.map((e) => ({
    ...e,
    facts: e.facts.map((fact) => {
      if (fact.snippet === undefined) return fact;
      if (CONTACT_PATH.test(fact.path)) {
        const kind = /address|street|postal/i.test(fact.path)
          ? 'address'
          : /birth/i.test(fact.path)
            ? 'birthDate'
            : /mail/i.test(fact.path)
              ? 'emails'
              : 'phones';
        hidden.add(kind);
        return { ...fact, snippet: MASK };
      }
      const scrubbed = scrubContacts(fact.snippet);
      return scrubbed === fact.snippet ? fact : { ...fact, snippet: scrubbed };
    }),
  }));
  const { birthDate: _birthDate, ...rest } = profile;
  const summary = profile.summary !== undefined ? scrubContacts(profile.summary) : undefined;
  return {
    profile: {
      ...rest,
      emails: [],
      phones: [],
      evidence,
      ...(summary !== undefined ? { summary } : {}),
    },
    hidden: MASKED_FIELDS.filter((f) => hidden.has(f)),
  };
}
