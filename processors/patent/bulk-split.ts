import type { FormatName } from '../../lib/envelope.js';
import { splitConcatenatedXml, type SplitDocument } from './split-concatenated.js';
import { splitElements } from './split-elements.js';
import { splitGreenbook } from './split-greenbook.js';

/**
 * How a patent bulk file is cut into documents, chosen from its first bytes. Every office ships
 * many documents per file, in one of four layouts:
 * - XML documents one after another, each with its own `<?xml` declaration (USPTO weekly files
 *   2002 on, EPO and CNIPA batches);
 * - one XML root wrapping the documents (DOCDB `exch:exchange-documents`);
 * - documents without declarations written one after another (the 2001 USPTO SGML `PATDOC`
 *   files, JPO gazette batches): cut at each document element;
 * - the pre-2001 USPTO "Green Book" text, one `PATN` record group per patent.
 * All of them stream: only the current document and one chunk are held.
 */

export interface BulkSplitter {
  /** The format when the file says it; per-document detection may refine it. */
  format: FormatName;
  split(
    source: AsyncIterable<Buffer | string>,
    options: { maxDocumentBytes: number },
  ): AsyncGenerator<SplitDocument>;
}

const DECLARED_ROOTS =
  /<(us-patent-grant|us-patent-application|sequence-cwu|ep-patent-document|cn-patent-document|(?:business:)?PatentDocumentAndRelated|jp-official-gazette|PATDOC|patent-application-publication)\b|<!DOCTYPE (us-patent-|ep-patent-document|PATDOC|patent-application-publication)/;

function rootFormat(root: string): FormatName {
  if (root.startsWith('us-patent') || root === 'sequence-cwu') return 'uspto-xml';
  if (root.startsWith('ep-patent')) return 'epo-xml';
  if (root.startsWith('cn-') || root.endsWith('PatentDocumentAndRelated')) return 'cnipa-xml';
  if (root.startsWith('jp-')) return 'jpo-xml';
  return 'uspto-legacy';
}

/** Formats whose bulk files are split here (each has its parser registered). */
const SPLIT_FORMATS = new Set<FormatName>([
  'uspto-xml',
  'epo-xml',
  'docdb-xml',
  'cnipa-xml',
  'jpo-xml',
  'uspto-legacy',
  'uspto-greenbook',
]);

export function bulkSplitterFor(head: string, format: FormatName | undefined): BulkSplitter | undefined {
  const text = head.replace(/^\uFEFF/, '');
  if ((format === undefined || format === 'docdb-xml') && /<(?:[\w-]+:)?exchange-documents[\s>]/.test(text))
    return {
      format: 'docdb-xml',
      split: (source, options) => splitElements(source, 'exchange-document', options),
    };
  if (
    SPLIT_FORMATS.has('uspto-greenbook') &&
    (format === undefined || format === 'uspto-greenbook') &&
    /^(?:HHHHHT[^\n]*\n)?PATN\r?\n/.test(text)
  )
    return { format: 'uspto-greenbook', split: (source, options) => splitGreenbook(source, options) };
  const root = DECLARED_ROOTS.exec(text);
  if (root === null) return undefined;
  const found = rootFormat(root[1] ?? root[2] ?? '');
  if ((format !== undefined && format !== found) || !SPLIT_FORMATS.has(found)) return undefined;
  if (/^\s*<\?xml/.test(text))
    return { format: found, split: (source, options) => splitConcatenatedXml(source, options) };
  if (found === 'jpo-xml' || found === 'uspto-legacy') {
    const element =
      found === 'jpo-xml'
        ? 'jp-official-gazette'
        : (root[1] ?? (root[2] === 'PATDOC' ? 'PATDOC' : 'patent-application-publication'));
    return { format: found, split: (source, options) => splitElements(source, element, options) };
  }
  return undefined;
}
