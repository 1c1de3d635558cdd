import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.js';

/**
 * C0 control characters (but tab, line feed and carriage return) and DEL. None has a meaning in a
 * query, a name or an id, and a NUL carried into the index's query language fails there (a 500)
 * instead of being refused as bad input.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/** The dotted path of the first string under `value` holding a control character, and the character. */
function findControl(value: unknown, path: string): { path: string; char: string } | undefined {
  if (typeof value === 'string') {
    const m = CONTROL.exec(value);
    return m ? { path, char: m[0] } : undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findControl(item, path);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      const found = findControl(item, path === '' ? key : `${path}.${key}`);
      if (found) return found;
    }
  return undefined;
}

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Refuses (400, the API's error shape) any request whose path parameters, query or JSON body hold
 * a control character, on every route, before validation reads them. The value is not quoted back.
 */
export function refuseControlCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: Array<[string, unknown]> = [
      ['path parameter', request.params],
      ['query parameter', request.query],
      ['field', request.body],
    ];
    for (const [where, value] of parts) {
      const found = findControl(value, '');
      if (found)
        throw badRequest(
          `${where} "${found.path || '(body)'}" holds a control character (${codePoint(found.char)}); remove it`,
        );
    }
  });
}
