import { normalizeOrcid } from '../profile/mention-keys.js';

/** `https://openalex.org/A5023888391`, `openalex:A5023888391` or `A5023888391` → `A5023888391`. */
export function openalexIdOf(value: string | undefined, kind: 'A' | 'W' | 'I' | 'S'): string | undefined {
  const match = value?.match(new RegExp(`(?:^|/|:)(${kind}\\d{4,})$`, 'i'));
  return match?.[1]?.toUpperCase();
}

/** A DOI without resolver or `doi:` prefix, lower-cased (DOIs are case-insensitive). */
export function doiOf(value: string | undefined): string | undefined {
  const match = value?.trim().match(/(10\.\d{4,9}\/\S+)$/i);
  return match?.[1]?.toLowerCase();
}

export function orcidOf(value: string | undefined): string | undefined {
  return normalizeOrcid(value);
}

/** A ROR id without its resolver: `https://ror.org/02nr0ka47` → `02nr0ka47`. */
export function rorOf(value: string | undefined): string | undefined {
  const match = value?.trim().match(/(?:ror\.org\/)?(0[a-z0-9]{6}\d{2})$/i);
  return match?.[1]?.toLowerCase();
}
