import { evidenceAt } from '../common/evidence.js';
import type { Evidence, MentionRole, PersonMention, RawFilingRole, RawPlace } from '../model/mention.js';
import { valueAt, type XmlElement } from './ownership-xml-tree.js';

/**
 * The parts Form D and Form 144 mentions share: the issuer they name, EDGAR's common address
 * block and the mention built from a name, its relationships and its evidence.
 */

export interface FormIssuer {
  name: string;
  cik: string | undefined;
  form: string;
  date: string | undefined;
  /** Form D's industry group ("Biotechnology", "Pooled Investment Fund"); EDGAR gives no SIC there. */
  industryGroup: string | undefined;
  path: string;
}

/** A relationship as the form states it, mapped to the filing roles the index knows. */
export interface FormRelationship {
  role: RawFilingRole['role'];
  /** The relationship as written when it is not a plain director / officer one ("Promoter", "Affiliate"). */
  title?: string;
}

/** `Executive Officer`, `Director`, `Promoter` (Form D); `Officer`, `Director`, `10% Stockholder`, `Affiliate` (Form 144). */
export function relationshipOf(text: string): FormRelationship {
  const t = text.trim();
  if (/^director$/i.test(t)) return { role: 'director' };
  if (/officer/i.test(t))
    return { role: 'officer', ...(/^(?:executive\s+)?officer$/i.test(t) ? {} : { title: t }) };
  if (/10\s*%|ten percent/i.test(t)) return { role: 'ten-percent-owner' };
  return { role: 'other', title: t };
}

/** EDGAR's address block (`street1`, `street2`, `city`, `stateOrCountry`, `stateOrCountryDescription`, `zipCode`). */
export function readFormAddress(el: XmlElement | undefined): RawPlace | undefined {
  if (el === undefined) return undefined;
  const street = [valueAt(el, ['street1']), valueAt(el, ['street2'])]
    .filter((s) => s !== undefined)
    .join(', ');
  const place: RawPlace = {};
  if (street !== '') place.street = street;
  const city = valueAt(el, ['city']);
  if (city !== undefined) place.city = city;
  const state = valueAt(el, ['stateOrCountry']);
  if (state !== undefined) place.region = state;
  const zip = valueAt(el, ['zipCode']);
  if (zip !== undefined) place.postalCode = zip;
  return Object.keys(place).length === 0 ? undefined : place;
}

export function placeText(place: RawPlace): string {
  return [place.street, place.city, place.region, place.postalCode].filter((p) => p !== undefined).join(', ');
}

function mentionRole(rels: FormRelationship[]): MentionRole {
  if (rels.some((r) => r.role === 'officer')) return 'officer';
  if (rels.some((r) => r.role === 'director')) return 'director';
  return 'reporting-owner';
}

export interface FormPersonInput {
  sourceId: string;
  index: number;
  format: PersonMention['format'];
  name: { full: string; given?: string; family?: string };
  relationships: FormRelationship[];
  issuer: FormIssuer;
  evidence: Evidence[];
  location?: RawPlace;
  secCik?: string;
}

export function formPersonMention(input: FormPersonInput): PersonMention {
  const { issuer, sourceId } = input;
  const base = {
    issuer: issuer.name,
    form: issuer.form,
    ...(issuer.cik !== undefined ? { issuerCik: issuer.cik } : {}),
    ...(issuer.date !== undefined ? { date: issuer.date } : {}),
  };
  const filingRoles: RawFilingRole[] = input.relationships.map((r) => ({
    ...base,
    role: r.role,
    ...(r.title !== undefined ? { title: r.title } : {}),
  }));
  const first = input.relationships[0];
  const title =
    first === undefined
      ? undefined
      : input.relationships
          .map(
            (r) =>
              r.title ??
              (r.role === 'officer' ? 'Executive Officer' : r.role === 'director' ? 'Director' : '10% Owner'),
          )
          .join(', ');
  const issuerEvidence = evidenceAt(
    sourceId,
    issuer.path,
    [issuer.name, issuer.cik, issuer.industryGroup].filter((p) => p !== undefined).join(' '),
  );
  const mention: PersonMention = {
    mentionId: `${sourceId}#${input.index}`,
    sourceId,
    sourceKind: 'filing',
    format: input.format,
    role: mentionRole(input.relationships),
    name: { ...input.name, order: 'given-first' },
    affiliations: [
      {
        organization: issuer.name,
        current: true,
        evidence: input.evidence[1] ?? issuerEvidence,
        ...(title !== undefined ? { title } : {}),
        ...(issuer.cik !== undefined ? { organizationIds: { secCik: issuer.cik } } : {}),
        // Industry words ("Biotechnology", "Oil and Gas") reach the scorer's keyword match.
        ...(issuer.industryGroup !== undefined ? { summary: `Industry group: ${issuer.industryGroup}` } : {}),
      },
    ],
    education: [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles,
    evidence: [...input.evidence, issuerEvidence],
  };
  if (input.location !== undefined) mention.location = input.location;
  if (input.secCik !== undefined) mention.secCik = input.secCik;
  return mention;
}
