import type { RawName, RawPlace } from '../model/mention.js';
import { extractZhEntities, type ZhEntity } from './zh-entities.js';
import { professionalTitleTail, provinces } from './zh-lexicon.js';
import { surnameOf } from './zh-names.js';

/** Where in the text a fact was read: offsets of the clause that states it. */
export interface ZhSource {
  start: number;
  end: number;
}

export interface ZhAffiliation {
  organization: string;
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

/** Bounds of the sentence (up to 。；or a line end) and clause (up to ，、 too) around an offset. */
function boundsAt(text: string, at: number, stops: RegExp): ZhSource {
  let start = at;
  while (start > 0 && !stops.test(text[start - 1] ?? '')) start--;
  let end = at;
  while (end < text.length && !stops.test(text[end] ?? '')) end++;
  return { start, end };
}
const sentenceOf = (text: string, at: number): ZhSource => boundsAt(text, at, /[。；;\n]/);
const clauseOf = (text: string, at: number): ZhSource => boundsAt(text, at, /[，,。；;、\n]/);

const pad = (n: string | undefined): string | undefined => (n === undefined ? undefined : n.padStart(2, '0'));
function ymd(year: string, month?: string, day?: string): string {
  const m = pad(month);
  const d = pad(day);
  return m === undefined ? year : d === undefined ? `${year}-${m}` : `${year}-${m}-${d}`;
}

const BIRTH = [
  /出生(?:年月|日期)\s*[：:]\s*(\d{4})\s*[年.\-/]\s*(?:(\d{1,2})\s*[月.\-/]?\s*(?:(\d{1,2})\s*日?)?)?/,
  /(?:出生于|生于)\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?/,
  /(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?\s*(?:出生|生人|生(?![产效活]))/,
  /(\d{4})\s*[.\-/]\s*(\d{1,2})(?:\s*[.\-/]\s*(\d{1,2}))?\s*(?:出生|生)/,
];

/** Reads the subject's facts from a biography: entities first, then clause-level patterns. */
export function extractZhResumeFields(text: string): ZhResumeFields {
  const entities = extractZhEntities(text);
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
    fields.nameSource = clauseOf(text, subject.start);
  }
  readPersonal(text, fields, subject);
  const first = (type: ZhEntity['type']): ZhEntity | undefined => entities.find((e) => e.type === type);
  fields.nationality = first('CONT')?.text;
  fields.ethnicity = first('RACE')?.text;
  const loc = first('LOC');
  if (loc !== undefined) fields.location = { value: placeOf(loc.text), source: clauseOf(text, loc.start) };
  const schools = readEducation(text, entities, fields);
  readAffiliations(text, entities, fields, schools);
  return fields;
}

function readPersonal(text: string, fields: ZhResumeFields, subject: ZhEntity | undefined): void {
  const gender =
    /性别\s*[：:]\s*([男女])/.exec(text) ?? /(?:^|[，,：:\s。）)])([男女])(?=[，,。；;\s]|$)/m.exec(text);
  if (gender?.[1] !== undefined) {
    fields.gender = { value: gender[1], source: clauseOf(text, gender.index + gender[0].length - 1) };
  } else if (subject !== undefined) {
    // 张三先生 / 李四女士: the honorific after the name states the gender.
    const honorific = /^(先生|女士)/.exec(text.slice(subject.end));
    if (honorific?.[1] !== undefined)
      fields.gender = { value: honorific[1] === '先生' ? '男' : '女', source: clauseOf(text, subject.start) };
  }
  for (const pattern of BIRTH) {
    const m = pattern.exec(text);
    if (m?.[1] === undefined) continue;
    const year = Number(m[1]);
    if (year < 1900 || year > 2030) continue;
    fields.birthDate = { value: ymd(m[1], m[2], m[3]), source: clauseOf(text, m.index) };
    break;
  }
  const age = /(?:现年|年龄\s*[：:]?\s*)(\d{2})\s*岁?/.exec(text);
  if (age?.[1] !== undefined) fields.age = { value: Number(age[1]), source: clauseOf(text, age.index) };
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
function readEducation(text: string, entities: ZhEntity[], fields: ZhResumeFields): Set<ZhEntity> {
  const used = new Set<ZhEntity>();
  for (const edu of entities.filter((e) => e.type === 'EDU')) {
    const clause = clauseOf(text, edu.start);
    const inClause = (e: ZhEntity): boolean => e.start >= clause.start && e.end <= clause.end;
    // The school is the organization right before the degree (or its major), one that reads as a
    // school, or one after 毕业于 (本科毕业于清华大学); not any employer in a run-on line.
    const major0 = entities.find((e) => e.type === 'PRO' && inClause(e) && e.end <= edu.start);
    const anchor = major0?.start ?? edu.start;
    let school = entities
      .filter((e) => e.type === 'ORG' && inClause(e) && !used.has(e))
      .filter((e) =>
        e.end <= anchor
          ? anchor - e.end <= 2 || SCHOOL.test(e.text)
          : /^[^，,]{0,4}(?:毕业于|就读于|获)/.test(text.slice(edu.end, e.start)),
      )
      .at(-1);
    if (school === undefined) {
      // 毕业于南京大学，学士学位: the school sits in the clause before, in the same sentence.
      const sentence = sentenceOf(text, edu.start);
      school = entities
        .filter(
          (e) =>
            e.type === 'ORG' && e.end <= clause.start && e.start >= sentence.start && SCHOOL.test(e.text),
        )
        .filter((e) => !used.has(e) && /毕业|就读|学习|获/.test(text.slice(sentence.start, edu.end)))
        .at(-1);
    }
    const major = major0;
    if (school !== undefined) used.add(school);
    const entry: ZhEducation = { institution: school?.text ?? '', degree: edu.text, source: clause };
    if (major !== undefined) entry.area = major.text;
    fields.education.push(entry);
  }
  for (const org of entities.filter((e) => e.type === 'ORG' && !used.has(e) && SCHOOL.test(e.text))) {
    const clause = clauseOf(text, org.start);
    if (!/毕业|就读|学习/.test(text.slice(clause.start, clause.end))) continue;
    used.add(org);
    const major = entities.find((e) => e.type === 'PRO' && e.start >= org.end && e.end <= clause.end);
    const entry: ZhEducation = { institution: org.text, source: clause };
    if (major !== undefined) entry.area = major.text;
    fields.education.push(entry);
  }
  fields.education.sort((a, b) => a.source.start - b.source.start);
  return used;
}

const CURRENT_CUE = /现任|现为|现担任|现在|目前|至今|—今|-今|至现在/g;
const PAST_CUE = /曾任|曾|历任|原任|原|先后|前任|期间/g;
const RANGE =
  /(\d{4})\s*(?:年\s*(?:(\d{1,2})\s*月)?|[.](\d{1,2}))?\s*(?:至|到|[-—－~～]+)\s*(?:(今|至今|现在)|(\d{4})\s*(?:年\s*(?:(\d{1,2})\s*月)?|[.](\d{1,2}))?)/g;
const SINCE = /(\d{4})\s*年\s*(?:(\d{1,2})\s*月)?\s*(?:起|开始|加入|进入|以来)/g;

/** Pairs each title with the organization before it in its sentence; dates and tense from cues. */
function readAffiliations(
  text: string,
  entities: ZhEntity[],
  fields: ZhResumeFields,
  schools: Set<ZhEntity>,
): void {
  const found: Array<{ at: number; entry: ZhAffiliation }> = [];
  const seen = new Set<string>();
  const withTitle = new Set<ZhEntity>();
  const push = (org: ZhEntity, title: ZhEntity | undefined): void => {
    const at = title ?? org;
    const sentence = sentenceOf(text, at.start);
    const before = text.slice(sentence.start, org.start);
    const lastCue = (re: RegExp): number => Math.max(-1, ...[...before.matchAll(re)].map((m) => m.index));
    const entry: ZhAffiliation = { organization: org.text, source: sentence };
    if (title !== undefined) entry.title = title.text;
    const range = [...before.matchAll(RANGE)].at(-1);
    const since = [...before.matchAll(SINCE)].at(-1);
    if (range?.[1] !== undefined) {
      entry.startDate = ymd(range[1], range[2] ?? range[3]);
      if (range[5] !== undefined) entry.endDate = ymd(range[5], range[6] ?? range[7]);
    } else if (since?.[1] !== undefined) entry.startDate = ymd(since[1], since[2]);
    if (range?.[4] !== undefined || lastCue(CURRENT_CUE) > lastCue(PAST_CUE)) entry.current = true;
    else if (entry.endDate !== undefined || lastCue(PAST_CUE) >= 0) entry.current = false;
    const key = `${entry.organization}|${entry.title ?? ''}|${entry.startDate ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ at: at.start, entry });
  };
  for (const title of entities.filter((e) => e.type === 'TITLE')) {
    const sentence = sentenceOf(text, title.start);
    const org = entities
      .filter((e) => e.type === 'ORG' && !schools.has(e) && e.end <= title.start && e.start >= sentence.start)
      .at(-1);
    if (org !== undefined) {
      withTitle.add(org);
      push(org, title);
    } else if (professionalTitleTail.test(title.text) && !fields.professionalTitles.includes(title.text)) {
      // A qualification stated on its own (高级工程师, 教授级高工) rather than a post at an employer.
      fields.professionalTitles.push(title.text);
    }
  }
  // Employers named without a title (在某公司工作, 加入某公司).
  for (const org of entities.filter((e) => e.type === 'ORG' && !schools.has(e) && !withTitle.has(e)))
    if (!found.some((f) => f.entry.organization === org.text)) push(org, undefined);
  fields.affiliations = found.sort((a, b) => a.at - b.at).map((f) => f.entry);
}
