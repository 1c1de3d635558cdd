import { existsSync } from 'node:fs';
import type { TalentProfile } from '../../processors/model/profile.js';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { rejectsPath, rewriteRejects, type RejectEntry } from './rejects-file.js';

/** What identifies a person in a dead letter that could not be parsed: exact contact strings. */
export interface DeadLetterMarks {
  /** Source ids of the person's evidence: a later version of one of their documents that failed. */
  sourceIds: readonly string[];
  /** Lower-cased e-mail addresses. */
  emails: readonly string[];
  /** Phone numbers as digits only (7 digits or more). */
  phones: readonly string[];
}

const digitsOf = (text: string): string => text.replace(/\D+/g, '');

export function deadLetterMarks(profile: TalentProfile): DeadLetterMarks {
  return {
    sourceIds: [...new Set(profile.evidence.map((e) => e.sourceId))],
    emails: profile.emails.map((e) => e.toLowerCase()),
    phones: profile.phones.map(digitsOf).filter((d) => d.length >= 7),
  };
}

/** Whether a dead letter holds one of the marks: its id, or an e-mail or phone in its original bytes. */
function holdsPerson(entry: RejectEntry, marks: DeadLetterMarks): boolean {
  if (marks.sourceIds.includes(entry.id)) return true;
  const text = `${Buffer.from(entry.bodyBase64, 'base64').toString('utf8')}\n${JSON.stringify(entry.origin ?? {})}`;
  const lower = text.toLowerCase();
  if (marks.emails.some((e) => lower.includes(e))) return true;
  if (marks.phones.length === 0) return false;
  const digits = digitsOf(text);
  return marks.phones.some((p) => digits.includes(p));
}

/**
 * Erasure reaches the dead letters: the entries of `<dataDir>/rejects.jsonl` holding the person
 * (see {@link holdsPerson}) are dropped, the rest kept byte for byte. A dead letter is a document
 * that could not be parsed, so who it is about is only known from these exact strings: one naming
 * the person by name alone stays (docs/security.md). Runs under the data directory's write lock
 * (taken here unless the caller holds it), so no line an ingest appends meanwhile is lost; while
 * an ingest holds it, nothing is rewritten and the answer is `undefined`, which the erasure
 * reports (its audit entry says the dead letters were not reached). Otherwise, how many went.
 */
export async function forgetDeadLetters(
  dataDir: string,
  marks: DeadLetterMarks,
  options: { locked: boolean },
): Promise<number | undefined> {
  const path = rejectsPath(dataDir);
  if (!existsSync(path)) return 0;
  let lock: DataDirLock = { release: () => undefined };
  if (!options.locked)
    try {
      lock = await lockDataDir(dataDir, { waitMs: 2000, command: 'erasure of dead letters' });
    } catch (error) {
      if (error instanceof DataDirLockedError) return undefined;
      throw error;
    }
  try {
    let dropped = 0;
    await rewriteRejects(path, (entry) => {
      if (!holdsPerson(entry, marks)) return true;
      dropped++;
      return false;
    });
    return dropped;
  } finally {
    lock.release();
  }
}
