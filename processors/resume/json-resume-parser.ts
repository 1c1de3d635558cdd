import { ProcessingError } from '../../lib/errors.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { decodeText } from '../common/decode-text.js';
import { checkJsonBounds } from '../common/json-bounds.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import { evidenceAt } from '../common/evidence.js';
import { parseJson } from '../common/parse-json.js';
import type { Evidence, PersonMention, RawName } from '../model/mention.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import {
  ShapeError,
  firstString,
  isObject,
  objectsOf,
  optObject,
  optString,
  typeName,
  type Json,
  type JsonObject,
} from './json-resume-shape.js';
import { placeOf, readAwards, readEducation, readSkills, readWork } from './json-resume-sections.js';

/**
 * JSON Resume (https://jsonresume.org/schema, v1.0.0 and the older pre-1.0 key names): one
 * résumé, one person, role `resume-subject`.
 */

const ORCID_ID = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/i;
const HAN_ONLY = /^[\u3400-\u9fff\u00b7·]+$/;

function orcidOf(text: string | undefined): string | undefined {
  return text?.match(ORCID_ID)?.[1]?.toUpperCase();
}

/** The person's name: `basics.name`, or the split forms some generators write instead. */
function nameOf(basics: JsonObject): RawName | undefined {
  const full = optString(basics, 'name', 'basics');
  const given = firstString(basics, ['firstName', 'givenName'], 'basics');
  const family = firstString(basics, ['lastName', 'familyName'], 'basics');
  const written = full ?? ([given, family].filter(Boolean).join(' ') || undefined);
  if (written === undefined) return undefined;
  const name: RawName = { full: written.replace(/\s+/g, ' ') };
  if (given !== undefined) name.given = given;
  if (family !== undefined) name.family = family;
  // Chinese names are written surname first; say so instead of leaving the order to be guessed.
  if (HAN_ONLY.test(name.full)) name.order = 'surname-first';
  return name;
}

function buildMention(root: JsonObject, envelope: RecordEnvelope): ParseOutcome {
  const sourceId = envelope.id;
  const basicsValue = root['basics'];
  if (basicsValue !== undefined && basicsValue !== null && !isObject(basicsValue))
    throw new ShapeError('basics', `expected object, got ${typeName(basicsValue)}`);
  const basics: JsonObject = isObject(basicsValue) ? basicsValue : {};
  const name = nameOf(basics);

  // Read every section before deciding, so a broken section is reported even without a name.
  const affiliations = readWork(root, sourceId);
  const education = readEducation(root, sourceId);
  const skills = readSkills(root);
  const awards = readAwards(root);
  const location = placeOf(basics['location'], 'basics.location');
  const profiles = objectsOf(basics, 'profiles', 'basics');
  optObject(root, 'meta', '');

  if (name === undefined)
    return {
      status: 'rejected',
      error: new ProcessingError('no-person', 'JSON Resume has no basics.name', { location: 'basics.name' }),
    };

  const evidence: Evidence[] = [evidenceAt(sourceId, 'basics.name', name.full)];
  const email = optString(basics, 'email', 'basics');
  const phone = optString(basics, 'phone', 'basics');
  const label = optString(basics, 'label', 'basics');
  const summary = optString(basics, 'summary', 'basics');
  const homepage = firstString(basics, ['url', 'website'], 'basics');

  const urls: string[] = [];
  let orcid: string | undefined;
  if (homepage !== undefined) urls.push(homepage);
  for (const { item, path } of profiles) {
    const network = optString(item, 'network', path);
    const url = optString(item, 'url', path);
    const username = optString(item, 'username', path);
    if (url !== undefined && !/^javascript:/i.test(url) && !urls.includes(url)) urls.push(url);
    const isOrcid = /orcid/i.test(network ?? '') || /orcid\.org/i.test(url ?? '');
    if (isOrcid && orcid === undefined) {
      orcid = orcidOf(url) ?? orcidOf(username);
      if (orcid !== undefined) evidence.push(evidenceAt(sourceId, path, url ?? username));
    }
  }
  if (orcid === undefined && homepage !== undefined && /orcid\.org/i.test(homepage))
    orcid = orcidOf(homepage);

  const mention: PersonMention = {
    mentionId: `${sourceId}#0`,
    sourceId,
    sourceKind: 'resume',
    format: 'json-resume',
    role: 'resume-subject',
    name,
    affiliations,
    education,
    professionalTitles: [...(label === undefined ? [] : [label]), ...awards.honours],
    skills,
    patents: [],
    filingRoles: [],
    evidence,
  };
  if (email !== undefined && email.includes('@')) {
    mention.emails = [email];
    evidence.push(evidenceAt(sourceId, 'basics.email', email));
  }
  // "Upon request" and similar placeholders are not phone numbers.
  if (phone !== undefined && /\d{3}/.test(phone)) mention.phones = [phone];
  if (urls.length > 0) mention.urls = urls;
  if (orcid !== undefined) mention.orcid = orcid;
  if (location !== undefined) mention.location = location;
  const summaryParts = [summary, awards.lines.length > 0 ? `Awards: ${awards.lines.join('; ')}` : undefined];
  const fullSummary = summaryParts.filter(Boolean).join('\n');
  if (fullSummary !== '') mention.summary = fullSummary;
  for (const a of affiliations) evidence.push(a.evidence);
  for (const e of education) evidence.push(e.evidence);
  if (skills.length > 0) evidence.push(evidenceAt(sourceId, 'skills', skills.slice(0, 8).join(', ')));

  const title = label === undefined ? name.full : `${name.full} · ${label}`;
  return {
    status: 'parsed',
    document: {
      sourceId,
      format: 'json-resume',
      title,
      ...(envelope.origin.uri ? { uri: envelope.origin.uri } : {}),
    },
    mentions: [mention],
  };
}

function detectJsonResume(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('{')) return false;
  try {
    const value = JSON.parse(text) as Json;
    if (!isObject(value)) return false;
    if (isObject(value['basics'])) return true;
    if (Array.isArray(value['work']) && Array.isArray(value['education'])) return true;
    const schema = value['$schema'];
    return typeof schema === 'string' && /jsonresume/i.test(schema);
  } catch {
    // A head cut at 64 KiB is not parseable; fall back to looking for the keys.
    return (
      /"basics"\s*:\s*\{/.test(text) ||
      (/"work"\s*:\s*\[/.test(text) && /"education"\s*:\s*\[/.test(text)) ||
      /"\$schema"\s*:\s*"[^"]*jsonresume/i.test(text)
    );
  }
}

export const jsonResumeParser: Parser = {
  format: 'json-resume',
  sourceKind: 'resume',
  detect: (head: string): boolean => detectJsonResume(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => parseResume(envelope, limits, budget));
  },
};

function parseResume(envelope: RecordEnvelope, limits: ParseLimits, budget: ParseBudget): ParseOutcome {
  const decoded = decodeText(envelope.body, envelope.contentType, limits);
  if (!decoded.ok) return { status: 'rejected', error: decoded.error };
  const text = decoded.text.replace(/^\uFEFF/, '');
  checkJsonBounds(text, budget);
  const parsed = parseJson(text);
  if (!parsed.ok) return { status: 'rejected', error: parsed.error };
  const root = parsed.value;
  if (!isObject(root))
    return {
      status: 'rejected',
      error: new ProcessingError('schema-mismatch', `(root): expected object, got ${typeName(root)}`, {
        location: '(root)',
      }),
    };
  try {
    return buildMention(root, envelope);
  } catch (error) {
    if (error instanceof ShapeError)
      return {
        status: 'rejected',
        error: new ProcessingError('schema-mismatch', `not a JSON Resume: ${error.message}`, {
          location: error.path,
        }),
      };
    throw error;
  }
}
