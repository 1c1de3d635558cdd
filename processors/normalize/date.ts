const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

function valid(y: number, m?: number, d?: number): boolean {
  if (y < 1900 || y > 2100) return false;
  if (m !== undefined && (m < 1 || m > 12)) return false;
  if (d !== undefined && (d < 1 || d > 31)) return false;
  return true;
}

/** Words that mean "still ongoing" as an end date. */
export function isOngoing(text: string | undefined): boolean {
  return text !== undefined && /^(present|current|now|today|ongoing|至今|今|现在|目前)$/i.test(text.trim());
}

/**
 * A date as written → ISO 8601 at the precision the source gives (`2019`, `2019-05`, `2019-05-01`),
 * or undefined. Accepts `20041202` (USPTO), `2004-12-02`, `12/02/2004` (US), `May 2019`,
 * `1965年5月`, `2019.05`.
 */
export function toIsoDate(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{4})(\d{2})(\d{2})$/))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
  }
  if ((m = t.match(/^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?(?:[T ].*)?$/))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    const d = m[3] === undefined ? undefined : Number(m[3]);
    if (!valid(y, mo, d)) return undefined;
    return d === undefined ? `${y}-${pad(mo)}` : `${y}-${pad(mo)}-${pad(d)}`;
  }
  if ((m = t.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) {
    const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
  }
  if ((m = t.match(/^(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?/))) {
    const y = Number(m[1]);
    const mo = m[2] === undefined ? undefined : Number(m[2]);
    const d = m[3] === undefined ? undefined : Number(m[3]);
    if (!valid(y, mo, d)) return undefined;
    return mo === undefined ? `${y}` : d === undefined ? `${y}-${pad(mo)}` : `${y}-${pad(mo)}-${pad(d)}`;
  }
  if ((m = t.match(/^([A-Za-z]{3,9})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/))) {
    const mo = MONTHS[(m[1] as string).toLowerCase()];
    const y = Number(m[3]);
    const d = m[2] === undefined ? undefined : Number(m[2]);
    if (mo === undefined || !valid(y, mo, d)) return undefined;
    return d === undefined ? `${y}-${pad(mo)}` : `${y}-${pad(mo)}-${pad(d)}`;
  }
  if ((m = t.match(/^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/))) {
    const mo = MONTHS[(m[2] as string).toLowerCase()];
    const [d, y] = [Number(m[1]), Number(m[3])];
    return mo !== undefined && valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
  }
  if ((m = t.match(/^(\d{4})$/))) return valid(Number(m[1])) ? (m[1] as string) : undefined;
  return undefined;
}

/** The year of an ISO date at any precision. */
export function yearOf(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Number(iso.slice(0, 4));
}
