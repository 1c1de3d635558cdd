import type { RawName, RawPlace } from '../model/mention.js';
import {
  affiliationKindOf,
  isAnaphoricOrganization,
  repairOrganizationName,
  type AffiliationKind,
} from '../normalize/org-hygiene.js';
import { extractZhEntities, type ZhEntity } from './zh-entities.js';
import { professionalTitleTail, provinces } from './zh-lexicon.js';
import { surnameOf } from './zh-names.js';
import { tenseReader, ymd } from './zh-tense.js';
import { entitiesWithin, indexText, lowerBound, type ZhTextIndex } from './zh-text-index.js';

/** Where in the text a fact was read: offsets of the clause that states it. */
export interface ZhSource {
  start: number;
  end: number;
}

export interface ZhAffiliation {
  organization: string;
  /** A party or state organ (中国共产党…委员会, 市人民政府): an affiliation, never an industry employer. */
  kind?: AffiliationKind;
  title?: string;
  startDate?: string;
  endDate?: string;
  current?: boolean;
  source: ZhSource;
}

export interface ZhEducation {
  /** '' when the text gives a degree but no school (硕士研究生学历). */
  institution: string;
  area?: string;
  degree?: string;
  source: ZhSource;
}

/** Everything the rules read about the biography's subject, before evidence is attached. */
export interface ZhResumeFields {
  name?: RawName;
  nameSource?: ZhSource;
  gender?: { value: string; source: ZhSource };
  birthDate?: { value: string; source: ZhSource };
  age?: { value: number; source: ZhSource };
  nationality?: string;
  ethnicity?: string;
  location?: { value: RawPlace; source: ZhSource };
  affiliations: ZhAffiliation[];
  education: ZhEducation[];
  professionalTitles: string[];
  entities: ZhEntity[];
}

const BIRTH = [
  /出生(?:年月|日期)\s*[：:]\s*(\d{4})\s*[年.\-/]\s*(?:(\d{1,2})\s*[月.\-/]?\s*(?:(\d{1,2})\s*日?)?)?/,
  // 刘先生于1980年… is not a birth: 生于 must not be the end of 先生.
  /(?:出生于|(?<!先)生于)\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?/,
  /(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?\s*(?:出生|生人|生(?![产效活]))/,
  /(\d{4})\s*[.\-/]\s*(\d{1,2})(?:\s*[.\-/]\s*(\d{1,2}))?\s*(?:出生|生)/,
];

/** The text with its entities and bounds lookups, shared by the readers below. */
interface ZhDoc {
  text: string;
  /** Sorted by start, as the extractor returns them. */
  entities: ZhEntity[];
  starts: number[];
  index: ZhTextIndex;
}

/** Entities of one type inside [from, to], in text order. */
function within(doc: ZhDoc, type: ZhEntity['type'], from: number, to: number): ZhEntity[] {
  return entitiesWithin(doc.entities, doc.starts, from, to).filter((e) => e.type === type);
}

/** Reads the subject's facts from a biography: entities first, then clause-level patterns. */
export function extractZhResumeFields(text: string): ZhResumeFields {
  const entities = extractZhEntities(text);
  const doc: ZhDoc = { text, entities, starts: entities.map((e) => e.start), index: indexText(text) };
  const { clauseOf } = doc.index;
  const fields: ZhResumeFields = { affiliations: [], education: [], professionalTitles: [], entities };
  const names = entities.filter((e) => e.type === 'NAME');
  const subject = names.find((n) => n.text.length >= 2) ?? names[0];
  if (subject !== undefined) {
    const family = surnameOf(subject.text);
    fields.name = { full: subject.text, order: 'surname-first' };
    if (family !== undefined && family.length < subject.text.length) {
      fields.name.family = family;
      fields.name.given = subject.text.slice(family.length);
    }
    fields.nameSource = clauseOf(subject.start);
  }
  readPersonal(doc, fields, subject);
  const first = (type: ZhEntity['type']): ZhEntity | undefined => entities.find((e) => e.type === type);
  fields.nationality = first('CONT')?.text;
  fields.ethnicity = first('RACE')?.text;
  const loc = first('LOC');
  if (loc !== undefined) fields.location = { value: placeOf(loc.text), source: clauseOf(loc.start) };
  const schools = readEducation(doc, fields);
  readAffiliations(doc, fields, schools);
  return fields;
}

function readPersonal(doc: ZhDoc, fields: ZhResumeFields, subject: ZhEntity | undefined): void {
  const { text } = doc;
  const { clauseOf } = doc.index;
  const gender =
    /性别\s*[：:]\s*([男女])/.exec(text) ?? /(?:^|[，,：:\s。）)])([男女])(?=[，,。；;\s]|$)/m.exec(text);
  if (gender?.[1] !== undefined) {
    fields.gender = { value: gender[1], source: clauseOf(gender.index + gender[0].length - 1) };
  } else if (subject !== undefined) {
    // 张三先生 / 李四女士: the honorific after the name states the gender.
    const honorific = /^(先生|女士)/.exec(text.slice(subject.end, subject.end + 2));
    if (honorific?.[1] !== undefined)
      fields.gender = { value: honorific[1] === '先生' ? '男' : '女', source: clauseOf(subject.start) };
  }
  for (const pattern of BIRTH) {
    const m = pattern.exec(text);
    if (m?.[1] === undefined) continue;
    const year = Number(m[1]);
    if (year < 1900 || year > 2030) continue;
    fields.birthDate = { value: ymd(m[1], m[2], m[3]), source: clauseOf(m.index) };
    break;
  }
  const age = /(?:现年|年龄\s*[：:]?\s*)(\d{2})\s*岁?/.exec(text);
  if (age?.[1] !== undefined) fields.age = { value: Number(age[1]), source: clauseOf(age.index) };
}

function placeOf(written: string): RawPlace {
  const region = provinces.find((p) => written.startsWith(p));
  const rest = written
    .slice(region?.length ?? 0)
    .replace(/^(?:省|市|自治区)/, '')
    .replace(/人$/, '');
  const place: RawPlace = {};
  if (region !== undefined) place.region = region;
  if (rest !== '') place.city = rest;
  if (region === undefined && rest === '') place.city = written;
  return place;
}

const SCHOOL = /大学|学院|学校|党校|中学|研究生院|University|College|School/i;

/** Degree + school + major of the same clause; a school alone in a 毕业于 clause counts too. */
function readEducation(doc: ZhDoc, fields: ZhResumeFields): Set<ZhEntity> {
  const { text, entities } = doc;
  const { clauseOf, sentenceOf } = doc.index;
  const used = new Set<ZhEntity>();
  // Looked up once for the whole text, not re-read around every degree.
  const schoolOrgs = entities.filter((e) => e.type === 'ORG' && SCHOOL.test(e.text));
  const schoolStarts = schoolOrgs.map((e) => e.start);
  const studyCues = [...text.matchAll(/毕业|就读|学习|获/g)];
  const cueStarts = studyCues.map((m) => m.index);
  /** Whether a study cue lies wholly inside [from, to) (the cues never overlap one another). */
  const studied = (from: number, to: number): boolean => {
    const m = studyCues[lowerBound(cueStarts, from)];
    return m !== undefined && m.index + m[0].length <= to;
  };
  for (const edu of entities.filter((e) => e.type === 'EDU')) {
    const clause = clauseOf(edu.start);
    // The school is the organization right before the degree (or its major), one that reads as a
    // school, or one after 毕业于 (本科毕业于清华大学); not any employer in a run-on line.
    const major0 = within(doc, 'PRO', clause.start, clause.end).find((e) => e.end <= edu.start);
    const anchor = major0?.start ?? edu.start;
    let school = within(doc, 'ORG', clause.start, clause.end)
      .filter((e) => !used.has(e))
      .filter((e) =>
        e.end <= anchor
          ? anchor - e.end <= 2 || SCHOOL.test(e.text)
          : /^[^，,]{0,4}(?:毕业于|就读于|获)/.test(text.slice(edu.end, e.start)),
      )
      .at(-1);
    const sentence = sentenceOf(edu.start);
    if (school === undefined && studied(sentence.start, edu.end)) {
      // 毕业于南京大学，学士学位: the school sits in the clause before, in the same sentence; the
      // last one there that is still free.
      for (let i = lowerBound(schoolStarts, clause.start) - 1; i >= 0; i--) {
        const e = schoolOrgs[i];
        if (e === undefined || e.start < sentence.start) break;
        if (e.end <= clause.start && !used.has(e)) {
          school = e;
          break;
        }
      }
    }
    // 毕业于吉林大学物理系光学专业，获学士学位: the major follows the school in the earlier clause.
    const major =
      major0 ??
      (school !== undefined && school.end <= clause.start
        ? within(doc, 'PRO', school.end, clause.start)[0]
        : undefined);
    if (school !== undefined) used.add(school);
    const entry: ZhEducation = { institution: school?.text ?? '', degree: edu.text, source: clause };
    if (major !== undefined) entry.area = major.text;
    fields.education.push(entry);
  }
  for (const org of entities.filter((e) => e.type === 'ORG' && !used.has(e) && SCHOOL.test(e.text))) {
    const clause = clauseOf(org.start);
    if (!/毕业|就读|学习/.test(text.slice(clause.start, clause.end))) continue;
    used.add(org);
    const major = within(doc, 'PRO', org.end, clause.end)[0];
    const entry: ZhEducation = { institution: org.text, source: clause };
    if (major !== undefined) entry.area = major.text;
    fields.education.push(entry);
  }
  fields.education.sort((a, b) => a.source.start - b.source.start);
  return used;
}

/** Pairs each title with the organization before it in its sentence; dates and tense from cues. */
function readAffiliations(doc: ZhDoc, fields: ZhResumeFields, schools: Set<ZhEntity>): void {
  const { entities } = doc;
  const { sentenceOf } = doc.index;
  const tenseAt = tenseReader(doc.text);
  const found: Array<{ at: number; entry: ZhAffiliation }> = [];
  const seen = new Set<string>();
  const withTitle = new Set<ZhEntity>();
  const foundOrgs = new Set<string>();
  const push = (org: ZhEntity, title: ZhEntity | undefined): void => {
    const at = title ?? org;
    const sentence = sentenceOf(at.start);
    const entry: ZhAffiliation = { organization: org.text, source: sentence };
    if (title !== undefined) entry.title = title.text;
    Object.assign(entry, tenseAt(sentence, org.start));
    const key = `${entry.organization}|${entry.title ?? ''}|${entry.startDate ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    foundOrgs.add(entry.organization);
    found.push({ at: at.start, entry });
  };
  // One pass in text order: the employer of a title is the last organization before it (entities do
  // not overlap, so it also ends before the title), provided it is in the title's sentence.
  let lastOrg: ZhEntity | undefined;
  for (const e of entities) {
    if (e.type === 'ORG' && !schools.has(e)) lastOrg = e;
    if (e.type !== 'TITLE') continue;
    const sentence = sentenceOf(e.start);
    const org =
      lastOrg === undefined || lastOrg.end <= e.start
        ? lastOrg
        : within(doc, 'ORG', sentence.start, e.start)
            .filter((o) => !schools.has(o))
            .at(-1);
    if (org !== undefined && org.start >= sentence.start) {
      withTitle.add(org);
      push(org, e);
    } else if (professionalTitleTail.test(e.text) && !fields.professionalTitles.includes(e.text)) {
      // A qualification stated on its own (高级工程师, 教授级高工) rather than a post at an employer.
      fields.professionalTitles.push(e.text);
    }
  }
  // Employers named without a title (在某公司工作, 加入某公司).
  for (const org of entities.filter((e) => e.type === 'ORG' && !schools.has(e) && !withTitle.has(e)))
    if (!foundOrgs.has(org.text)) push(org, undefined);
  fields.affiliations = cleanAffiliations(
    found.sort((a, b) => a.at - b.at).map((f) => f.entry),
    issuerNamed(entities),
    fields,
  );
}

/** A company form that only a joint-stock (listed or listable) company takes. */
const JOINT_STOCK = /股份有限公司$|股份公司$|股份有限公司[)）]?$/u;

/**
 * The issuer a biography names: the one joint-stock company among its organisations. Biographies of
 * a listed company's officers say 本公司 / 公司 for it; with none or several named, nobody can
 * tell which company is meant.
 */
function issuerNamed(entities: readonly ZhEntity[]): string | undefined {
  const named = new Set(
    entities
      .filter((e) => e.type === 'ORG')
      .map((e) => repairOrganizationName(e.text))
      .filter((t): t is string => t !== undefined && JOINT_STOCK.test(t)),
  );
  return named.size === 1 ? [...named][0] : undefined;
}

/**
 * Repairs names a cue verb was glued to, resolves 本公司 / 公司 to the issuer the text names (or
 * drops the organisation, keeping the title), and marks party and state organs.
 */
function cleanAffiliations(
  found: readonly ZhAffiliation[],
  issuer: string | undefined,
  fields: ZhResumeFields,
): ZhAffiliation[] {
  const out: ZhAffiliation[] = [];
  const seen = new Set<string>();
  for (const entry of found) {
    const repaired = repairOrganizationName(entry.organization);
    const organization =
      repaired ?? (issuer !== undefined && isAnaphoricOrganization(entry.organization) ? issuer : undefined);
    if (organization === undefined) {
      // The post is known, its organisation is not: the title stays with the person.
      if (entry.title !== undefined && !fields.professionalTitles.includes(entry.title))
        fields.professionalTitles.push(entry.title);
      continue;
    }
    const key = `${organization}|${entry.title ?? ''}|${entry.startDate ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cleaned: ZhAffiliation = { ...entry, organization };
    const kind = affiliationKindOf(organization);
    if (kind !== undefined) cleaned.kind = kind;
    out.push(cleaned);
  }
  return out;
}
