import type { Evidence } from '../model/mention.js';

const MAX_SNIPPET_CHARS = 200;

/** Collapses whitespace and trims a snippet to a readable length. */
function snippetOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_SNIPPET_CHARS ? flat : `${flat.slice(0, MAX_SNIPPET_CHARS - 1)}…`;
}

export function evidenceAt(sourceId: string, path: string, snippet?: string): Evidence {
  return snippet === undefined || snippet.trim() === ''
    ? { sourceId, path }
    : { sourceId, path, snippet: snippetOf(snippet) };
}

/** Collapses runs of whitespace (XML indentation, `&nbsp;`) to one space and trims. */
export function cleanText(text: string | undefined | null): string {
  return (text ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}
