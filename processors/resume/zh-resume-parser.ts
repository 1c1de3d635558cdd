import type { RecordEnvelope } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import { evidenceAt } from '../common/evidence.js';
import type { Evidence, PersonMention, RawAffiliation, RawEducation } from '../model/mention.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { extractZhResumeFields, type ZhSource } from './zh-resume-fields.js';

/** Words that mark a Chinese biography (gender, birth, degree, posts, nationality). */
const RESUME_CUES = /男|女|出生|学历|毕业|曾任|现任|担任|国籍|简历|籍贯/;
const MARKUP_OR_DATA = /^\s*(?:<|\{|\[)/;
const SUMMARY_CHARS = 500;

/** Share of Han characters among the non-space characters of `text`. */
export function hanShare(text: string): number {
  let han = 0;
  let total = 0;
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    total++;
    if (/[\u3400-\u9fff]/.test(ch)) han++;
  }
  return total === 0 ? 0 : han / total;
}

/**
 * Plain-text Chinese biographies of the kind listed companies publish (张三，男，1965年出生，中国
 * 国籍，硕士研究生学历，高级工程师。曾任…现任…). One document describes one person, who becomes one
 * `resume-subject` mention; the facts come from the rule-based extractor in zh-resume-fields.ts.
 */
export const zhResumeParser: Parser = {
  format: 'zh-resume-text',
  sourceKind: 'resume',

  detect(head: string): boolean {
    if (MARKUP_OR_DATA.test(head)) return false;
    const sample = head.slice(0, 4000);
    return hanShare(sample) > 0.3 && RESUME_CUES.test(sample);
  },

  parse(envelope: RecordEnvelope, limits: ParseLimits): ParseOutcome {
    const decoded = decodeText(envelope.body, envelope.contentType, limits);
    if (!decoded.ok) return { status: 'rejected', error: decoded.error };
    // Offsets below index this normalized text; evidence paths count its lines.
    const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    if (MARKUP_OR_DATA.test(text))
      return {
        status: 'rejected',
        error: new ProcessingError(
          'unsupported-document',
          'document is markup or data (HTML/XML/JSON), not résumé text',
        ),
      };
    try {
      return build(envelope, text);
    } catch (cause) {
      // The rules are plain string work; a failure here is a bug, but it must not kill the consumer.
      return {
        status: 'rejected',
        error: new ProcessingError(
          'unsupported-document',
          `could not read the résumé text: ${String(cause)}`,
          { cause },
        ),
      };
    }
  },
};

function build(envelope: RecordEnvelope, text: string): ParseOutcome {
  const fields = extractZhResumeFields(text);
  if (fields.name === undefined)
    return {
      status: 'rejected',
      error: new ProcessingError(
        'no-person',
        hanShare(text) < 0.1
          ? 'text holds almost no Chinese; no biography subject found'
          : 'no person named in the text (expected a name at a line start, e.g. "张三，男" or "张三先生")',
      ),
    };
  const id = envelope.id;
  const ev = (source: ZhSource, what: string): Evidence =>
    evidenceAt(id, `${what}@line[${lineOf(text, source.start)}]`, text.slice(source.start, source.end));
  const evidence: Evidence[] = [ev(fields.nameSource ?? { start: 0, end: 0 }, 'name')];
  const mention: PersonMention = {
    mentionId: `${id}#0`,
    sourceId: id,
    sourceKind: 'resume',
    format: 'zh-resume-text',
    role: 'resume-subject',
    name: fields.name,
    affiliations: fields.affiliations.map((a): RawAffiliation => {
      const out: RawAffiliation = { organization: a.organization, evidence: ev(a.source, 'affiliation') };
      if (a.title !== undefined) out.title = a.title;
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
  const doc: { sourceId: string; format: 'zh-resume-text'; title: string; uri?: string } = {
    sourceId: id,
    format: 'zh-resume-text',
    title: `简历 · ${fields.name.full}`,
  };
  if (envelope.origin.uri !== undefined) doc.uri = envelope.origin.uri;
  return { status: 'parsed', document: doc, mentions: [mention] };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
