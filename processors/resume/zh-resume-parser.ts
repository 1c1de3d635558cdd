import type { RecordEnvelope } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { decodeText } from '../common/decode-text.js';
import { evidenceAt } from '../common/evidence.js';
import { ParseBudget, rejectionOf } from '../common/parse-budget.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { splitZhPersons } from './zh-persons.js';
import { extractZhResumeFields } from './zh-resume-fields.js';
import { zhPersonMention, type ZhPersonPart } from './zh-resume-mention.js';
import { indexText } from './zh-text-index.js';

/** Words that mark a Chinese biography (gender, birth, degree, posts, nationality). */
const RESUME_CUES = /男|女|出生|学历|毕业|曾任|现任|担任|国籍|简历|籍贯/;
const MARKUP_OR_DATA = /^\s*(?:<|\{|\[)/;

/** Share of Han characters among the non-space characters of `text`. */
function hanShare(text: string): number {
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
 * 国籍，硕士研究生学历，高级工程师。曾任…现任…). A document may hold one person or a list of them
 * (a company's page of executives): zh-persons.ts cuts it into one segment per person, each of which
 * becomes one `resume-subject` mention (`${id}#0`, `#1`…); the facts come from the rule-based
 * extractor in zh-resume-fields.ts, run on that person's text alone.
 */
export const zhResumeParser: Parser = {
  format: 'zh-resume-text',
  sourceKind: 'resume',

  detect(head: string): boolean {
    if (MARKUP_OR_DATA.test(head)) return false;
    const sample = head.slice(0, 4000);
    return hanShare(sample) > 0.3 && RESUME_CUES.test(sample);
  },

  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
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
      return build(envelope, text, budget);
    } catch (cause) {
      const typed = rejectionOf(cause);
      if (typed !== undefined) return { status: 'rejected', error: typed };
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

function build(envelope: RecordEnvelope, text: string, budget: ParseBudget): ParseOutcome {
  const id = envelope.id;
  const segments = splitZhPersons(text);
  const parts: ZhPersonPart[] = [];
  for (const segment of segments) {
    const part =
      segment.start === 0 && segment.end === text.length ? text : text.slice(segment.start, segment.end);
    // The rules scan each segment a bounded number of times: count its length as the work.
    budget.step(part.length);
    const fields = extractZhResumeFields(part);
    // A segment always opens with a name the rules find; one without is skipped, not guessed at.
    if (fields.name === undefined) continue;
    parts.push({
      index: parts.length,
      text: part,
      offset: segment.start,
      fields: { ...fields, name: fields.name },
    });
  }
  const first = parts[0];
  if (first === undefined)
    return {
      status: 'rejected',
      error: new ProcessingError(
        'no-person',
        hanShare(text) < 0.1
          ? 'text holds almost no Chinese; no biography subject found'
          : 'no person named in the text (expected a name at a line start, e.g. "张三，男" or "张三先生")',
      ),
    };
  const { lineOf } = indexText(text);
  const mentions = parts.map((part) => zhPersonMention(id, part, lineOf));
  if (parts.length > 1)
    // Several people: say which lines each one's facts were read from.
    for (const [i, part] of parts.entries()) {
      const from = lineOf(part.offset);
      const to = lineOf(part.offset + part.text.length);
      mentions[i]?.evidence.push(evidenceAt(id, `person@line[${from}-${to}]`, part.text.split('\n')[0]));
    }
  const doc: { sourceId: string; format: 'zh-resume-text'; title: string; uri?: string } = {
    sourceId: id,
    format: 'zh-resume-text',
    title:
      parts.length === 1
        ? `简历 · ${first.fields.name.full}`
        : `简历 · ${first.fields.name.full} 等 ${parts.length} 人`,
  };
  if (envelope.origin.uri !== undefined) doc.uri = envelope.origin.uri;
  return { status: 'parsed', document: doc, mentions };
}
