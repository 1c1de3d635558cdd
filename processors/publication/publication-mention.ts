import type { FormatName } from '../../lib/envelope.js';
import { evidenceAt } from '../common/evidence.js';
import type { MentionRole, PersonMention, RawName, RawPublication } from '../model/mention.js';

const HAN_ONLY = /^[\u3400-\u9fff\u00b7·]+$/;

/**
 * A name from a scholarly source: one display string, optionally with given and family parts.
 * Han-only names are written surname first (粟毅); the Latin ones given-first.
 */
export function scholarName(full: string | undefined, given?: string, family?: string): RawName | undefined {
  const written = full ?? ([given, family].filter((p) => p !== undefined && p !== '').join(' ') || undefined);
  if (written === undefined) return undefined;
  const name: RawName = { full: written.replace(/\s+/g, ' ').trim() };
  if (given !== undefined) name.given = given;
  if (family !== undefined) name.family = family;
  if (HAN_ONLY.test(name.full)) name.order = 'surname-first';
  else if (given !== undefined || family !== undefined) name.order = 'given-first';
  return name;
}

/** A new mention with empty collections; `path` and `snippet` become its first evidence. */
export function publicationMention(input: {
  sourceId: string;
  format: FormatName;
  index: number;
  role: MentionRole;
  name: RawName;
  path: string;
  snippet: string;
}): PersonMention {
  return {
    mentionId: `${input.sourceId}#${input.index}`,
    sourceId: input.sourceId,
    sourceKind: 'publication',
    format: input.format,
    role: input.role,
    name: input.name,
    affiliations: [],
    education: [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles: [],
    publications: [],
    evidence: [evidenceAt(input.sourceId, input.path, input.snippet)],
  };
}

/** The evidence snippet of a work authorship: the name, then the work's identity (`W…`, `doi:…`). */
export function workSnippet(name: string, work: Pick<RawPublication, 'id' | 'doi'>): string {
  const ids = [work.id, work.doi === undefined || work.doi === work.id ? undefined : `doi:${work.doi}`];
  return [name, ...ids.filter((v) => v !== undefined)].join(' · ');
}

/** Distinct non-blank strings in first-seen order. */
export function distinct(values: Iterable<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const v of values) if (v !== undefined && v.trim() !== '') seen.add(v.trim());
  return [...seen];
}
