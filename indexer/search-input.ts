import { createHash } from 'node:crypto';
import { InvalidCursorError, type SearchQuery, type SortOrder } from './contract.js';

/**
 * What every backend reads from a SearchQuery, normalised once so the backends cannot differ on
 * it: the sort in force, the page size, and the digest that binds a cursor to its query.
 */
export interface SearchInput {
  sort: SortOrder;
  /** 1–200; 20 when not given (or not a number). */
  limit: number;
  /** Digest of the text and filters: a cursor belongs to one query. */
  digest: string;
}

const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 200;

/**
 * The search input of `query`. `hasText`: whether the text holds anything to match (the backend's
 * parse of it); it decides the default sort, relevance with text and priority without. An unknown
 * sort reads as the default rather than failing: it comes from a URL parameter.
 */
export function searchInput(query: SearchQuery, hasText: boolean): SearchInput {
  const asked = query.sort;
  const sort: SortOrder =
    asked === 'relevance' || asked === 'priority' || (typeof asked === 'string' && asked.startsWith('score:'))
      ? asked
      : hasText
        ? 'relevance'
        : 'priority';
  const limit = Number.isFinite(query.limit) ? Math.floor(query.limit as number) : DEFAULT_LIMIT;
  return { sort, limit: Math.min(MAX_LIMIT, Math.max(1, limit)), digest: queryDigest(query) };
}

function queryDigest(query: Pick<SearchQuery, 'text' | 'filters'>): string {
  return createHash('sha256')
    .update(JSON.stringify([query.text ?? '', query.filters ?? {}]))
    .digest('base64url')
    .slice(0, 12);
}

interface Cursor {
  /** Sort order. */
  s: string;
  /** Digest of the text and filters. */
  q: string;
  /** The backend's position after the last hit shown. */
  a: unknown;
}

/** The `nextCursor` of a page: the backend's position `after` its last hit, bound to this input. */
export function encodeCursor(input: SearchInput, after: unknown): string {
  return Buffer.from(JSON.stringify({ s: input.sort, q: input.digest, a: after } satisfies Cursor)).toString(
    'base64url',
  );
}

/**
 * The position a cursor holds, or undefined without a cursor. Throws InvalidCursorError for a cursor
 * that cannot be read, whose position is not one the backend issues (`isPosition`), or that belongs
 * to a search with another sort, text or filters. The page size may change from page to page.
 */
export function decodeCursor<T>(
  text: string | undefined,
  input: SearchInput,
  isPosition: (after: unknown) => after is T,
): T | undefined {
  if (text === undefined) return undefined;
  const unreadable = new InvalidCursorError('the cursor cannot be read; start again without a cursor');
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw unreadable;
  }
  if (typeof c !== 'object' || c === null) throw unreadable;
  const { s, q, a } = c as Partial<Cursor>;
  if (typeof s !== 'string' || typeof q !== 'string') throw unreadable;
  if (s !== input.sort)
    throw new InvalidCursorError(`the cursor belongs to a search sorted by ${s}, not ${input.sort}`);
  if (q !== input.digest)
    throw new InvalidCursorError('the cursor belongs to another query; start again without a cursor');
  if (!isPosition(a)) throw unreadable;
  return a;
}
