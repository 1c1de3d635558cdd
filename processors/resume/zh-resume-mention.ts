import { evidenceAt } from '../common/evidence.js';
import type { Evidence, PersonMention, RawAffiliation, RawEducation, RawName } from '../model/mention.js';
import type { ZhResumeFields, ZhSource } from './zh-resume-fields.js';

const SUMMARY_CHARS = 500;

/** One person's part of a document and what the rules read from it. */
export interface ZhPersonPart {
  /** Position of the mention in the document's list: mentionId is `${sourceId}#${index}`. */
  index: number;
  /** The person's text; the fields' offsets index it. */
  text: string;
  /** Where that text starts in the whole document, so evidence can name document lines. */
  offset: number;
  fields: ZhResumeFields & { name: RawName };
}

/**
 * Turns the fields read from one person's text into a `resume-subject` mention. Evidence paths
 * name the line of the whole document (`affiliation@line[12]`), whichever person the line is in.
 */
export function zhPersonMention(
  sourceId: string,
  part: ZhPersonPart,
  lineOf: (documentOffset: number) => number,
): PersonMention {
  const { fields, text, offset } = part;
  const ev = (source: ZhSource, what: string): Evidence =>
    evidenceAt(
      sourceId,
      `${what}@line[${lineOf(offset + source.start)}]`,
      text.slice(source.start, source.end),
    );
  const evidence: Evidence[] = [ev(fields.nameSource ?? { start: 0, end: 0 }, 'name')];
  const mention: PersonMention = {
    mentionId: `${sourceId}#${part.index}`,
    sourceId,
    sourceKind: 'resume',
    format: 'zh-resume-text',
    role: 'resume-subject',
    name: fields.name,
    affiliations: fields.affiliations.map((a): RawAffiliation => {
      const out: RawAffiliation = { organization: a.organization, evidence: ev(a.source, 'affiliation') };
      if (a.title !== undefined) out.title = a.title;
      if (a.kind !== undefined) out.kind = a.kind;
      if (a.startDate !== undefined) out.startDate = a.startDate;
      if (a.endDate !== undefined) out.endDate = a.endDate;
      if (a.current !== undefined) out.current = a.current;
      return out;
    }),
    education: fields.education.map((e): RawEducation => {
      const out: RawEducation = { institution: e.institution, evidence: ev(e.source, 'education') };
      if (e.area !== undefined) out.area = e.area;
      if (e.degree !== undefined) out.degree = e.degree;
      return out;
    }),
    professionalTitles: fields.professionalTitles,
    skills: [],
    patents: [],
    filingRoles: [],
    evidence,
  };
  if (fields.gender !== undefined) {
    mention.gender = fields.gender.value;
    evidence.push(ev(fields.gender.source, 'gender'));
  }
  if (fields.birthDate !== undefined) {
    mention.birthDate = fields.birthDate.value;
    evidence.push(ev(fields.birthDate.source, 'birthDate'));
  }
  if (fields.age !== undefined) {
    mention.age = fields.age.value;
    evidence.push(ev(fields.age.source, 'age'));
  }
  const entityEvidence = (type: 'CONT' | 'RACE', what: string): void => {
    const e = fields.entities.find((x) => x.type === type);
    if (e !== undefined) evidence.push(ev({ start: e.start, end: e.end }, what));
  };
  if (fields.nationality !== undefined) {
    mention.nationality = fields.nationality;
    entityEvidence('CONT', 'nationality');
  }
  if (fields.ethnicity !== undefined) {
    mention.ethnicity = fields.ethnicity;
    entityEvidence('RACE', 'ethnicity');
  }
  if (fields.location !== undefined) {
    mention.location = fields.location.value;
    evidence.push(ev(fields.location.source, 'location'));
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  mention.summary = flat.length <= SUMMARY_CHARS ? flat : `${flat.slice(0, SUMMARY_CHARS - 1)}…`;
  return mention;
}
