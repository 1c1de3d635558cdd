import type { PersonMention, RawPatent } from '../../processors/model/mention.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';

/**
 * Builders for made-up mentions, records and patents, for tests of the stages after parsing
 * (merging, scoring, indexing) that should not depend on any parser or on the corpus.
 */

let sequence = 0;

/** A résumé-subject mention with empty sections; `sourceId` defaults to a fresh `test:<n>`. */
export function madeUpMention(
  input: Partial<PersonMention> & { name: PersonMention['name'] },
): PersonMention {
  const sourceId = input.sourceId ?? `test:${++sequence}`;
  return {
    mentionId: `${sourceId}#0`,
    sourceId,
    sourceKind: 'resume',
    format: 'json-resume',
    role: 'resume-subject',
    affiliations: [],
    education: [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles: [],
    evidence: [{ sourceId, path: 'basics.name', snippet: input.name.full }],
    ...input,
  };
}

/** One source record holding the mentions (the first one's source id and format name the record). */
export function madeUpRecord(
  mentions: PersonMention[],
  fetchedAt = '2026-01-01T00:00:00.000Z',
): ParsedRecord {
  const first = mentions[0];
  if (first === undefined) throw new Error('a record needs at least one mention');
  return {
    sourceId: first.sourceId,
    fetchedAt,
    document: { sourceId: first.sourceId, format: first.format, title: 'fixture' },
    mentions,
  };
}

/** A US grant by "Ada Example" assigned to Example Chips Inc., published 2024-01-02. */
export function madeUpPatent(
  number: string,
  cpc: string[],
  title = 'A device',
  abstract?: string,
): RawPatent {
  return {
    number,
    country: 'US',
    kind: 'B2',
    docType: 'grant',
    title,
    ...(abstract === undefined ? {} : { abstract }),
    cpc,
    ipc: [],
    assignees: ['Example Chips Inc.'],
    applicants: [],
    inventors: ['Ada Example'],
    publicationDate: '20240102',
  };
}
