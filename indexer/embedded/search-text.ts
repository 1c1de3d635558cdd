import type { TalentProfile } from '../../processors/model/profile.js';

/** Case and width folding applied to indexed text and to query terms alike (NFKC: full-width → ASCII). */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The FTS columns of one profile, in table order: name, title, org, skill, body. */
export interface SearchColumns {
  name: string;
  title: string;
  org: string;
  skill: string;
  body: string;
}

const join = (parts: Array<string | undefined>): string =>
  foldText([...new Set(parts.filter((p): p is string => p !== undefined && p !== ''))].join(' ; '));

export function searchColumns(p: TalentProfile): SearchColumns {
  return {
    name: join([p.displayName, ...p.names]),
    title: join([
      ...p.titles,
      ...p.affiliations.map((a) => a.title),
      ...p.honorifics,
      ...p.filingRoles.map((r) => r.title),
    ]),
    org: join([
      ...p.affiliations.flatMap((a) => [a.organization, a.department]),
      ...p.education.map((e) => e.institution),
      ...p.patents.flatMap((pt) => pt.assignees),
      ...p.filingRoles.map((r) => r.issuer),
    ]),
    skill: join([...p.skills.flatMap((s) => [s.label, s.zh]), ...p.education.map((e) => e.area)]),
    body: join([
      p.summary,
      ...p.patents.flatMap((pt) => [pt.title, pt.abstract]),
      ...p.locations.flatMap((l) => [l.label, l.cityZh, l.regionZh]),
    ]),
  };
}
