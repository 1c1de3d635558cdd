/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** `YYYYMMDD` of a UTC day. */
export function ymd(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** `YYYY-MM-DD` of a UTC day. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
