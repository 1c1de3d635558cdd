import iconv from 'iconv-lite';
import { ProcessingError } from '../../lib/errors.js';
import type { ParseLimits } from '../parser.js';

/** The `charset` parameter of a MIME type, lower-cased, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = contentType?.match(/charset\s*=\s*"?([\w.:-]+)"?/i);
  return match?.[1]?.toLowerCase();
}

/** The `encoding` of an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`), lower-cased. */
function xmlDeclaredEncoding(body: Buffer): string | undefined {
  const head = body.subarray(0, 200).toString('latin1');
  return head.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/)?.[1]?.toLowerCase();
}

/** The share of characters in the CJK Unified Ideographs block; GBK bytes decoded as GBK score high. */
function cjkShare(text: string): number {
  if (text.length === 0) return 0;
  let cjk = 0;
  for (const ch of text) if (ch >= '\u4e00' && ch <= '\u9fff') cjk++;
  return cjk / text.length;
}

/** The share of Japanese kana: Shift_JIS text decoded as Shift_JIS has many, Chinese text none. */
function kanaShare(text: string): number {
  if (text.length === 0) return 0;
  let kana = 0;
  for (const ch of text) if (ch >= '\u3040' && ch <= '\u30ff') kana++;
  return kana / text.length;
}

/**
 * Which legacy East Asian encoding undeclared non-UTF-8 bytes most likely are, as a hint for the
 * rejection. Only a hint: the bytes of GBK and Big5 overlap too much to decode undeclared text
 * safely (a wrong guess would put wrong names into the index), so the text is never decoded on a guess.
 */
export function legacyEncodingHint(head: Buffer): string {
  // NUL bytes mean binary data, not text in some encoding (UTF-16 without a BOM aside).
  if (head.includes(0)) return '';
  const how = (charset: string): string =>
    `: declare it (content type "text/plain; charset=${charset}" or --encoding ${charset})`;
  if (kanaShare(iconv.decode(head, 'shift_jis')) > 0.05)
    return `; the bytes read as Shift_JIS Japanese text${how('shift_jis')}`;
  if (cjkShare(iconv.decode(head, 'gb18030')) > 0.2) {
    const big5 = iconv.decode(head, 'big5');
    const big5Clean = !big5.includes('\ufffd') && cjkShare(big5) > 0.2;
    return big5Clean
      ? `; the bytes read as GBK/GB18030 or Big5 Chinese text${how('gbk')} (or big5)`
      : `; the bytes read as GBK/GB18030 Chinese text${how('gbk')}`;
  }
  return '';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns a record body into text, or a typed rejection. Size and emptiness are checked first so
 * oversize records cost nothing to reject. UTF-8 is the default and is validated strictly: a
 * silent U+FFFD in a name would corrupt the index; a declared charset (content type or XML
 * declaration) is honoured, including the GB family common for Chinese résumés.
 */
export function decodeText(
  body: Buffer,
  contentType: string | undefined,
  limits: ParseLimits,
): { ok: true; text: string } | { ok: false; error: ProcessingError } {
  if (body.length > limits.maxDocumentBytes)
    return {
      ok: false,
      error: new ProcessingError(
        'too-large',
        `document is ${body.length} bytes, over the limit of ${limits.maxDocumentBytes} (processors.maxDocumentBytes)`,
      ),
    };
  if (body.length === 0 || body.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09))
    return { ok: false, error: new ProcessingError('empty-input', 'document is empty') };

  if (body[0] === 0xff && body[1] === 0xfe) return { ok: true, text: body.subarray(2).toString('utf16le') };
  if (body[0] === 0xfe && body[1] === 0xff)
    return { ok: true, text: iconv.decode(body.subarray(2), 'utf16-be') };

  const declared = charsetOf(contentType) ?? xmlDeclaredEncoding(body);
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8' && declared !== 'us-ascii') {
    if (!iconv.encodingExists(declared))
      return {
        ok: false,
        error: new ProcessingError('invalid-encoding', `unsupported character encoding "${declared}"`),
      };
    return { ok: true, text: iconv.decode(body, declared) };
  }
  try {
    return { ok: true, text: strictUtf8.decode(body) };
  } catch {
    const offset = firstInvalidUtf8Offset(body);
    const hint = legacyEncodingHint(body.subarray(0, 64 * 1024));
    return {
      ok: false,
      error: new ProcessingError(
        'invalid-encoding',
        `document is not valid UTF-8 (first bad byte at offset ${offset})${hint}`,
        {
          location: `byte ${offset}`,
        },
      ),
    };
  }
}

/** Byte offset of the first invalid UTF-8 sequence, for the rejection message. */
function firstInvalidUtf8Offset(body: Buffer): number {
  let i = 0;
  while (i < body.length) {
    const b = body[i] ?? 0;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = body[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The encoding a byte-order mark announces, if any. */
function bomEncoding(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * The first bytes decoded for format detection only: with the encoding a BOM announces, else the
 * declared one (content type, e.g. from `--encoding gbk`, or an XML declaration), else leniently
 * as UTF-8. Reading a declared GBK résumé's head as UTF-8 turned its Chinese into U+FFFD, and no
 * parser recognised it (`unknown-format`).
 */
export function headText(body: Buffer, maxBytes = 64 * 1024, contentType?: string): string {
  const head = body.subarray(0, maxBytes);
  const bom = bomEncoding(head);
  if (bom !== undefined) return iconv.decode(head.subarray(bom.length), bom.encoding);
  const declared = charsetOf(contentType) ?? xmlDeclaredEncoding(head);
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared))
    return iconv.decode(head, declared);
  return head.toString('utf8');
}
