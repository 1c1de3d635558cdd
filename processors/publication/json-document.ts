import { ProcessingError } from '../../lib/errors.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { decodeText } from '../common/decode-text.js';
import { checkJsonBounds } from '../common/json-bounds.js';
import type { ParseBudget } from '../common/parse-budget.js';
import { parseJson } from '../common/parse-json.js';
import type { ParseLimits } from '../parser.js';

/** One JSON value of a record and the path prefix its evidence paths start with (`line 3` for JSON Lines). */
export interface JsonDocument {
  value: unknown;
  path: string;
}

/**
 * The JSON values of a record. File inputs split JSON Lines into one record per line (so one bad
 * line costs only itself), but a record from Kafka or standard input may still hold several
 * lines: those are read line by line, and the record is rejected only when no line parses.
 */
export function readJsonDocuments(
  envelope: RecordEnvelope,
  limits: ParseLimits,
  budget: ParseBudget,
): { ok: true; documents: JsonDocument[]; badLines: number } | { ok: false; error: ProcessingError } {
  const decoded = decodeText(envelope.body, envelope.contentType, limits);
  if (!decoded.ok) return decoded;
  const body = decoded.text.replace(/^\uFEFF/, '');
  // Depth and value count are checked before anything is built (throws a typed `too-deep`/`too-complex`).
  checkJsonBounds(body, budget);
  const whole = parseJson(body);
  if (whole.ok) return { ok: true, documents: [{ value: whole.value, path: '' }], badLines: 0 };
  const lines = body.split('\n');
  if (lines.filter((l) => l.trim() !== '').length < 2) return { ok: false, error: whole.error };
  const documents: JsonDocument[] = [];
  let badLines = 0;
  let firstError: ProcessingError | undefined;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    if (parsed.ok) documents.push({ value: parsed.value, path: `line ${i + 1}: ` });
    else {
      badLines++;
      firstError ??= new ProcessingError('malformed-json', `line ${i + 1}: ${parsed.error.message}`, {
        location: `line ${i + 1}`,
      });
    }
  });
  if (documents.length === 0) return { ok: false, error: firstError ?? whole.error };
  return { ok: true, documents, badLines };
}

/** True when the text starts like a JSON object or array (after a BOM and whitespace). */
export function startsLikeJson(head: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(head);
}
