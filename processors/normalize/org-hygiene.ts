/**
 * Organisation names as parsers read them, checked before they become employers: words that only
 * point back at a company the document names elsewhere (本公司, "the Company"), party and state
 * organs (an affiliation of their own kind, never an industry employer), and names a cue verb was
 * glued to or cut from (锐奇股份任).
 */

/** What an affiliation is with, when it is not an employer of the ordinary kind. */
export type AffiliationKind = 'political' | 'government';

/**
 * Names that stand for "the company this document is about": they carry no name of their own. A
 * suffix on its own (研究所, 分公司) names no organisation either.
 */
const ANAPHORIC_ZH =
  /^(?:本|该|贵|我|其|原|母|子|分|总|集团|控股|上述)?(?:公司|集团|集团公司|股份公司|有限公司|企业|单位|本行|银行|研究所|研究院|工厂|厂)$/u;
const ANAPHORIC_EN =
  /^(?:the|our|this|such|said)?\s*(?:company|corporation|registrant|issuer|group|firm|bank|partnership|employer)(?:'s)?$/iu;

/** True when the name only points back at an organisation the document names elsewhere. */
export function isAnaphoricOrganization(name: string): boolean {
  const text = name.replace(/\s+/g, ' ').trim();
  return text === '' || ANAPHORIC_ZH.test(text) || ANAPHORIC_EN.test(text);
}

/** The party, its committees and the united-front bodies: political affiliations. */
const POLITICAL =
  /中国共产党|^中共|党委|党组|党支部|党总支|纪律检查委员会|纪委|共青团|人民代表大会|^.{0,12}人大(?:常委会)?(?:.{0,8}委员会)?$|政治协商会议|政协|民主同盟|民盟|民主建国会|民建|民主促进会|民进|农工民主党|致公党|九三学社|台湾民主自治同盟|国民党革命委员会|民革|工商业联合会|工商联|communist party|people's congress|political consultative/iu;
/** State organs: governments, their bureaus, departments and commissions, courts and procuratorates. */
const GOVERNMENT =
  /人民政府|^.{0,10}政府$|^国务院|(?:局|厅)$|(?:法院|检察院|公安局|海关)$|^(?:国家|中华人民共和国|[^\s]{1,8}?(?:省|市|区|县|自治区|自治州)).{0,14}(?:委员会|委)$|^(?:ministry|bureau) of |\bgovernment\b|\bministry\b/iu;
/** Names that read as a company, school or society even though a government word occurs in them. */
const NOT_AN_ORGAN =
  /公司|集团|大学|学院|学校|学会|协会|研究会|研究所|研究院|医院|银行|工厂|[^党]厂$|中心$|university|college|inc\b|ltd\b/iu;

/** The kind of a party or state organ, or undefined for an ordinary organisation. */
export function affiliationKindOf(name: string): AffiliationKind | undefined {
  const text = name.trim();
  if (POLITICAL.test(text) && !/公司|集团|大学|学院/.test(text)) return 'political';
  if (GOVERNMENT.test(text) && !NOT_AN_ORGAN.test(text)) return 'government';
  return undefined;
}

/** Cue words a clause splitter may leave glued to a name: 锐奇股份任 (…任董事), 现任XX公司. */
const TRAILING_CUE = /(?<=[\p{Script=Han}A-Za-z0-9)）])(?:曾任|现任|历任|担任|兼任|出任|任职|任)$/u;
/** Only cues of two characters or more: one character could begin a real name (现代汽车, 任丘市). */
const LEADING_CUE = /^(?:曾任|现任|历任|担任|兼任|出任|任职于|就职于|供职于|加入)/u;

/**
 * A name with the cue words a clause splitter glued to it removed (锐奇股份任 → 锐奇股份), or
 * undefined when what is left names nothing (one character, a bare suffix, a back-reference).
 */
export function repairOrganizationName(name: string): string | undefined {
  let text = name.replace(/\s+/g, ' ').trim();
  if (/\p{Script=Han}/u.test(text)) {
    for (let i = 0; i < 3; i++) {
      const next = text.replace(LEADING_CUE, '').replace(TRAILING_CUE, '');
      if (next === text) break;
      text = next;
    }
    if ([...text].length < 2) return undefined;
  }
  if (isAnaphoricOrganization(text)) return undefined;
  return text;
}
