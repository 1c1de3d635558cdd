import type { RecordEnvelope } from '../../lib/envelope.js';
import { encodeEnvelope } from '../../lib/envelope.js';

/** Where in the pipeline a record failed. */
export type DeadLetterStage = 'read' | 'decode' | 'parse' | 'index';

/**
 * A dead-letter message: the original bytes (the whole message value as received, base64), why,
 * at which stage, and where it came from. `talent-brain dlq replay` sends `value` back to `topic`.
 */
export interface DeadLetter {
  schemaVersion: 1;
  stage: DeadLetterStage;
  reason: { code: string; message: string; location?: string };
  source: { topic?: string; partition?: number; offset?: string; key?: string; file?: string };
  /** Id of the record when the bytes could be decoded as an envelope. */
  recordId?: string;
  valueBase64: string;
  deadAt: string;
}

export function deadLetterOf(
  stage: DeadLetterStage,
  reason: DeadLetter['reason'],
  source: DeadLetter['source'],
  value: Buffer,
  recordId?: string,
): DeadLetter {
  return {
    schemaVersion: 1,
    stage,
    reason,
    source,
    ...(recordId ? { recordId } : {}),
    valueBase64: value.toString('base64'),
    deadAt: new Date().toISOString(),
  };
}

/** The dead letter of an envelope that failed after decoding: its wire form is the original value. */
export function envelopeDeadLetter(
  stage: DeadLetterStage,
  reason: DeadLetter['reason'],
  source: DeadLetter['source'],
  envelope: RecordEnvelope,
): DeadLetter {
  return deadLetterOf(stage, reason, source, encodeEnvelope(envelope), envelope.id);
}

export function parseDeadLetter(value: Buffer | null): DeadLetter | undefined {
  if (!value) return undefined;
  try {
    const d = JSON.parse(value.toString('utf8')) as Partial<DeadLetter>;
    return d.schemaVersion === 1 && typeof d.valueBase64 === 'string' && typeof d.stage === 'string'
      ? (d as DeadLetter)
      : undefined;
  } catch {
    return undefined;
  }
}
