import { ProcessingError } from '../../lib/errors.js';
import type { ParseLimits, ParseOutcome } from '../parser.js';

/**
 * Worst-case bounds for every parser: a per-document work budget checked cooperatively in the
 * parsers' own loops, plus depth and element-count caps. A hostile document (nested 50,000 deep,
 * a million empty elements, a regex-hostile line) is rejected with a typed reason instead of
 * stalling a worker, and the run goes on with the next record.
 *
 * How a parser uses it (see docs/parser-limits.md):
 *
 * ```ts
 * parse(envelope, limits, budget = new ParseBudget(limits)) {
 *   return withinBudget(() => {
 *     // in every loop over untrusted structure:
 *     budget.step();                 // or budget.step(text.length) for work proportional to text
 *     budget.enter(depth);           // when opening an element / array / object at `depth`
 *     ...
 *   });
 * }
 * ```
 *
 * The budget throws a {@link ParseLimitError} (a {@link ProcessingError}), which unwinds the
 * parser's loops; {@link withinBudget} (and `processRecord`) turn it into a `rejected` outcome.
 */

/** Defaults for the optional limits; documented in docs/parser-limits.md and the config reference. */
export const parseLimitDefaults = {
  /** Wall-clock budget per document. Generous: real documents parse in well under a second per MB. */
  maxParseMs: 20_000,
  /** Nesting depth of elements / arrays / objects. Browsers cap HTML trees at 512; real pages stay under 100. */
  maxDepth: 512,
  /** Elements (markup), or values (JSON), per document. Real filings hold at most a few hundred thousand. */
  maxElements: 2_000_000,
} as const;

/** The reasons a budget rejects a document; all are {@link ProcessingError} codes. */
export type ParseLimitCode = 'too-complex' | 'too-deep' | 'too-large';

/** A document that exceeded a parse limit. Never retried: the same bytes exceed it again. */
export class ParseLimitError extends ProcessingError {
  declare readonly code: ParseLimitCode;

  constructor(code: ParseLimitCode, message: string, options?: { location?: string }) {
    super(code, message, options);
  }
}

/** How often (in steps) the clock is read: often enough to stop within a few ms, rarely enough to cost nothing. */
const CLOCK_EVERY_STEPS = 4096;

/**
 * The work budget of one document. Counters are public so tests can bound the work a parser does
 * per input byte (linearity) without timing anything.
 */
export class ParseBudget {
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxParseMs: number;
  /** Units of work done so far (loop iterations, characters scanned): the parser's own measure. */
  steps = 0;
  /** Elements (or JSON values) counted with {@link enter}. */
  elements = 0;
  /** Deepest nesting seen with {@link enter}. */
  deepest = 0;
  private readonly deadline: number;
  private nextClockCheck = CLOCK_EVERY_STEPS;
  private readonly now: () => number;

  /** @param now a monotonic clock in ms; injectable so tests can expire a budget without waiting. */
  constructor(limits: ParseLimits, now: () => number = () => performance.now()) {
    this.maxDepth = limits.maxDepth ?? parseLimitDefaults.maxDepth;
    this.maxElements = limits.maxElements ?? parseLimitDefaults.maxElements;
    this.maxParseMs = limits.maxParseMs ?? parseLimitDefaults.maxParseMs;
    this.now = now;
    this.deadline = now() + this.maxParseMs;
  }

  /**
   * Counts `units` of work and, every few thousand units, checks the clock. Call it in every loop
   * whose iteration count depends on the input; pass the length of text a step scans.
   * @throws ParseLimitError `too-complex` once the time budget is spent.
   */
  step(units = 1): void {
    this.steps += units;
    if (this.steps >= this.nextClockCheck) this.checkClock();
  }

  /**
   * Counts one element (or JSON value) opened at nesting `depth` (the root is 1), and one step.
   * @throws ParseLimitError `too-deep` past `maxDepth`, `too-complex` past `maxElements` or the time budget.
   */
  enter(depth: number): void {
    this.elements++;
    if (depth > this.deepest) this.deepest = depth;
    if (depth > this.maxDepth)
      throw new ParseLimitError(
        'too-deep',
        `document nests deeper than ${this.maxDepth} levels (processors.maxNestingDepth)`,
      );
    if (this.elements > this.maxElements)
      throw new ParseLimitError(
        'too-complex',
        `document has more than ${this.maxElements} elements (processors.maxElements)`,
      );
    this.step();
  }

  /** Checks the clock now (before or after one long native call, e.g. a regex over a whole document). */
  checkClock(): void {
    this.nextClockCheck = this.steps + CLOCK_EVERY_STEPS;
    if (this.now() > this.deadline)
      throw new ParseLimitError(
        'too-complex',
        `document took more than ${this.maxParseMs} ms to parse (processors.maxParseMs)`,
      );
  }
}

/**
 * Runs a parser body and turns a thrown {@link ProcessingError} (a limit, or any typed rejection
 * raised deep in a walk) into a `rejected` outcome. A stack overflow (a recursive helper meeting
 * nesting that slipped past the depth cap) becomes `too-deep` rather than a crash. Anything else
 * is a bug and propagates (`processRecord` reports it as `parser-failure`).
 */
export function withinBudget(body: () => ParseOutcome): ParseOutcome {
  try {
    return body();
  } catch (cause) {
    const error = rejectionOf(cause);
    if (error === undefined) throw cause;
    return { status: 'rejected', error };
  }
}

/** The typed rejection an exception stands for, or undefined when it is a bug. */
export function rejectionOf(cause: unknown): ProcessingError | undefined {
  if (cause instanceof ProcessingError) return cause;
  if (cause instanceof RangeError && /call stack/i.test(cause.message))
    return new ParseLimitError('too-deep', 'document is nested too deeply to process (stack exhausted)');
  return undefined;
}
