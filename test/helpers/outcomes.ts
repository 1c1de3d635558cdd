import { expect } from 'vitest';
import type { ProcessingError } from '../../lib/errors.js';
import type { PersonMention } from '../../processors/model/mention.js';
import type { ParseOutcome } from '../../processors/parser.js';

/** The mentions of an outcome that must be `parsed`; anything else fails the test and shows the outcome. */
export function parsedMentions(outcome: ParseOutcome): PersonMention[] {
  if (outcome.status !== 'parsed') throw new Error(`expected parsed, got ${JSON.stringify(outcome)}`);
  return outcome.mentions;
}

/**
 * Runs a parse that must reject: it must not throw (parsers never throw on bad input) and must
 * return a rejection, whose typed error is returned for assertions on code and message.
 */
export function rejectionOf(run: () => ParseOutcome): ProcessingError {
  let outcome: ParseOutcome | undefined;
  expect(() => {
    outcome = run();
  }).not.toThrow();
  if (outcome?.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}
