/**
 * CSV export of the analysts' tables: RFC 4180 quoting, CRLF lines, and a byte-order mark so
 * spreadsheet programs read the Chinese names as UTF-8.
 */
import { h } from './dom.js';

/** @param {ReadonlyArray<ReadonlyArray<string | number | null | undefined>>} rows */
export function csvOf(rows) {
  /** @param {string | number | null | undefined} v */
  const cell = (v) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Offers `text` as a file named `name`.
 * @param {string} name
 * @param {string} text
 */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: name, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `talent-<what>-YYYY-MM-DD.csv` @param {string} what */
export function csvName(what) {
  return `talent-${what}-${new Date().toISOString().slice(0, 10)}.csv`;
}
