import { evidenceAt } from '../common/evidence.js';
import type {
  Evidence,
  MentionRole,
  PersonMention,
  RawAffiliation,
  RawFilingRole,
  RawPlace,
} from '../model/mention.js';
import type { FilingContext } from './filing-context.js';
import { isOrganizationName } from './ownership-entity.js';
import { childOf, flagValue, valueAt, type XmlElement } from './ownership-xml-tree.js';

/** What one ownership document says about its issuer, shared by all its reporting owners. */
export interface OwnershipIssuer {
  name: string;
  cik: string | undefined;
  ticker: string | undefined;
  form: string;
  /** periodOfReport as written (`2011-06-08`). */
  date: string | undefined;
  accession: string | undefined;
  sic: string | undefined;
  remarks: string | undefined;
  path: string;
}

export type OwnerResult =
  { kind: 'person'; mention: PersonMention } | { kind: 'organisation'; name: string } | { kind: 'nameless' };

interface Relationship {
  director: boolean;
  officer: boolean;
  tenPercent: boolean;
  other: boolean;
  officerTitle: string | undefined;
  otherText: string | undefined;
}

function readRelationship(el: XmlElement | undefined): Relationship {
  return {
    director: flagValue(childOf(el, 'isDirector')),
    officer: flagValue(childOf(el, 'isOfficer')),
    tenPercent: flagValue(childOf(el, 'isTenPercentOwner')),
    other: flagValue(childOf(el, 'isOther')),
    officerTitle: valueAt(el, ['officerTitle']),
    otherText: valueAt(el, ['otherText']),
  };
}

function readAddress(el: XmlElement | undefined): RawPlace | undefined {
  const street = [valueAt(el, ['rptOwnerStreet1']), valueAt(el, ['rptOwnerStreet2'])]
    .filter((s) => s !== undefined)
    .join(', ');
  const place: RawPlace = {};
  if (street !== '') place.street = street;
  const city = valueAt(el, ['rptOwnerCity']);
  if (city !== undefined) place.city = city;
  const state = valueAt(el, ['rptOwnerState']);
  if (state !== undefined) place.region = state;
  const zip = valueAt(el, ['rptOwnerZipCode']);
  if (zip !== undefined) place.postalCode = zip;
  // The schema fills stateDescription only for addresses outside the US ("CANADA", "UNITED KINGDOM").
  const foreign = valueAt(el, ['rptOwnerStateDescription']);
  if (foreign !== undefined) place.country = foreign;
  return Object.keys(place).length === 0 ? undefined : place;
}

/**
 * Filers often write "See Remarks" as the officer title and give the real one in `<remarks>`
 * ("Title: Senior Vice President of Quality"). The filing role keeps the title as written; the
 * affiliation uses the remarks' title when there is an unambiguous one.
 */
function titleFromRemarks(title: string | undefined, remarks: string | undefined): string | undefined {
  if (title === undefined || remarks === undefined || !/see\s+remarks/i.test(title)) return undefined;
  const match = remarks.match(/\btitle\s*:\s*([^;\n]+?)(?:\.\s|\.?$|;|\n)/i);
  return match?.[1]?.trim() || undefined;
}

function filingRoles(rel: Relationship, issuer: OwnershipIssuer): RawFilingRole[] {
  const base = {
    issuer: issuer.name,
    form: issuer.form,
    ...(issuer.cik !== undefined ? { issuerCik: issuer.cik } : {}),
    ...(issuer.ticker !== undefined ? { ticker: issuer.ticker } : {}),
    ...(issuer.date !== undefined ? { date: issuer.date } : {}),
    ...(issuer.accession !== undefined ? { accession: issuer.accession } : {}),
    ...(issuer.sic !== undefined ? { sic: issuer.sic } : {}),
  };
  const roles: RawFilingRole[] = [];
  if (rel.director) roles.push({ ...base, role: 'director' });
  if (rel.officer)
    roles.push({
      ...base,
      role: 'officer',
      ...(rel.officerTitle !== undefined ? { title: rel.officerTitle } : {}),
    });
  if (rel.tenPercent) roles.push({ ...base, role: 'ten-percent-owner' });
  if (rel.other)
    roles.push({ ...base, role: 'other', ...(rel.otherText !== undefined ? { title: rel.otherText } : {}) });
  return roles;
}

/** The position held at the issuer, most specific first: officer title, director, 10% owner, other. */
function affiliationTitle(rel: Relationship, remarks: string | undefined): string | undefined {
  if (rel.officer) return titleFromRemarks(rel.officerTitle, remarks) ?? rel.officerTitle ?? 'Officer';
  if (rel.director) return 'Director';
  if (rel.tenPercent) return '10% Owner';
  if (rel.other) return rel.otherText ?? 'Other';
  return undefined;
}

function affiliation(rel: Relationship, issuer: OwnershipIssuer, evidence: Evidence): RawAffiliation {
  const title = affiliationTitle(rel, issuer.remarks);
  const ids = {
    ...(issuer.cik !== undefined ? { secCik: issuer.cik } : {}),
    ...(issuer.ticker !== undefined ? { ticker: issuer.ticker } : {}),
  };
  const aff: RawAffiliation = {
    organization: issuer.name,
    // A filing states the relationship on its period of report; "Former Director…" (an `isOther`
    // text some filers use after leaving) says it no longer holds.
    current: title === undefined || !/\bformer\b/i.test(title),
    evidence,
  };
  if (title !== undefined) aff.title = title;
  if (Object.keys(ids).length > 0) aff.organizationIds = ids;
  if (issuer.sic !== undefined) aff.sic = issuer.sic;
  if (
    rel.officer &&
    titleFromRemarks(rel.officerTitle, issuer.remarks) !== undefined &&
    issuer.remarks !== undefined
  )
    aff.summary = issuer.remarks;
  return aff;
}

function mentionRole(rel: Relationship): MentionRole {
  if (rel.officer) return 'officer';
  if (rel.director) return 'director';
  return 'reporting-owner';
}

function relationshipSnippet(rel: Relationship): string {
  const parts: string[] = [];
  if (rel.director) parts.push('Director');
  if (rel.officer) parts.push(`Officer${rel.officerTitle !== undefined ? `: ${rel.officerTitle}` : ''}`);
  if (rel.tenPercent) parts.push('10% Owner');
  if (rel.other) parts.push(`Other${rel.otherText !== undefined ? `: ${rel.otherText}` : ''}`);
  return parts.join('; ');
}

/** One `<reportingOwner>`: a person mention, or the reason it is not one. */
export function ownerMention(
  owner: XmlElement,
  path: string,
  issuer: OwnershipIssuer,
  ctx: FilingContext,
  index: number,
): OwnerResult {
  const idEl = childOf(owner, 'reportingOwnerId');
  const name = valueAt(idEl, ['rptOwnerName']);
  if (name === undefined) return { kind: 'nameless' };
  if (isOrganizationName(name)) return { kind: 'organisation', name };

  const sourceId = ctx.sourceId;
  const cik = valueAt(idEl, ['rptOwnerCik']);
  const relEl = childOf(owner, 'reportingOwnerRelationship');
  const rel = readRelationship(relEl);
  const relEvidence = evidenceAt(sourceId, `${path}/reportingOwnerRelationship`, relationshipSnippet(rel));
  const location = readAddress(childOf(owner, 'reportingOwnerAddress'));

  const evidence: Evidence[] = [evidenceAt(sourceId, `${path}/reportingOwnerId/rptOwnerName`, name)];
  if (cik !== undefined) evidence.push(evidenceAt(sourceId, `${path}/reportingOwnerId/rptOwnerCik`, cik));
  if (location !== undefined)
    evidence.push(
      evidenceAt(
        sourceId,
        `${path}/reportingOwnerAddress`,
        [location.street, location.city, location.region, location.postalCode, location.country]
          .filter((p) => p !== undefined)
          .join(', '),
      ),
    );
  if (relEl !== undefined) evidence.push(relEvidence);
  evidence.push(
    evidenceAt(sourceId, issuer.path, [issuer.name, issuer.cik, issuer.ticker].filter(Boolean).join(' ')),
  );

  const mention: PersonMention = {
    mentionId: `${sourceId}#${index}`,
    sourceId,
    sourceKind: 'filing',
    format: 'sec-ownership-xml',
    role: mentionRole(rel),
    // SEC writes owners surname first ("MUSK ELON"); splitting is left to normalization.
    name: { full: name, order: 'surname-first' },
    affiliations: [affiliation(rel, issuer, relEvidence)],
    education: [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles: filingRoles(rel, issuer),
    evidence,
  };
  if (cik !== undefined) mention.secCik = cik;
  if (location !== undefined) mention.location = location;
  return { kind: 'person', mention };
}
