/**
 * The generated corpus's truth (`truth.jsonl`, written by synthetic/generate-corpus.ts) and
 * how one of its appearances names a stored mention. The ingest derives a record's id from its
 * origin (lib/envelope.ts: `file://<absolute path>`, plus `#<document index>` inside a concatenated
 * USPTO file), and each parser numbers a record's people from 0 (`<record id>#<position>`), the
 * numbering the generator writes as `mention`. So the id is computed, not looked up; the caller
 * checks that the stored mention it names carries the person's name.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Appearance, SynthFormat } from '../../synthetic/generate-corpus.js';
import { originIdentity, sourceKindOfFormat, stableRecordId } from '../../lib/envelope.js';

export interface TruthPerson {
  id: string;
  name: { latin: string; han?: string; pinyin?: string };
  email: string;
  employer: { en: string; zh?: string };
  appearances: Appearance[];
}

export async function readTruth(corpusDir: string): Promise<TruthPerson[]> {
  const people: TruthPerson[] = [];
  const lines = createInterface({ input: createReadStream(join(corpusDir, 'truth.jsonl'), 'utf8') });
  for await (const line of lines) if (line.trim() !== '') people.push(JSON.parse(line) as TruthPerson);
  return people;
}

/** The stored mention id an appearance should have; `corpusDir` absolute, as the ingest was given it. */
export function appearanceMentionId(corpusDir: string, a: Appearance): string {
  const origin = {
    file: join(corpusDir, a.file),
    ...(a.document !== undefined ? { documentIndex: a.document } : {}),
  };
  return `${stableRecordId(sourceKindOfFormat[a.format], originIdentity(origin))}#${a.mention}`;
}

const fold = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((t) => t !== '')
    .sort();

/**
 * Whether a parsed name is the truth person's: the same words in any order and case (a Form 4
 * writes "FAMILY GIVEN"), or the Han name. A check on the id mapping, not a resolution rule.
 */
export function sameTruthName(person: TruthPerson, parsed: string): boolean {
  if (person.name.han !== undefined && parsed.replace(/\s+/g, '') === person.name.han) return true;
  return fold(parsed).join(' ') === fold(person.name.latin).join(' ');
}

/** `a↔b` with the two formats in a fixed order, so a pair has one class whichever side comes first. */
export function formatPair(a: SynthFormat | string, b: SynthFormat | string): string {
  return a <= b ? `${a}↔${b}` : `${b}↔${a}`;
}
