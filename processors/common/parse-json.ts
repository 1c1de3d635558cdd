import { ProcessingError } from '../../lib/errors.js';

/** 1-based line and column of a character offset, for a `malformed-json` location. */
function lineColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}

export function parseJson<T = unknown>(
  text: string,
): { ok: true; value: T } | { ok: false; error: ProcessingError } {
  try {
    return { ok: true, value: JSON.parse(text) as T };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    // V8 reports "... at position N"; newer versions add "(line L column C)". Derive both from N.
    const position = message.match(/position (\d+)/)?.[1];
    const location =
      position !== undefined
        ? `${lineColumn(text, Number(position))} (position ${position})`
        : /Unexpected end of JSON input/i.test(message)
          ? `${lineColumn(text, text.length)} (end of input)`
          : undefined;
    return {
      ok: false,
      error: new ProcessingError('malformed-json', `not valid JSON: ${message}`, {
        cause,
        ...(location === undefined ? {} : { location }),
      }),
    };
  }
}
