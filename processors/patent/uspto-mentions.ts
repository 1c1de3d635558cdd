import type { RecordEnvelope } from '../../lib/envelope.js';
import { cleanText, evidenceAt } from '../common/evidence.js';
import type {
  DocumentInfo,
  Evidence,
  PersonMention,
  RawName,
  RawPatent,
  RawPlace,
} from '../model/mention.js';
import type { CollectedPatent, PartyRecord } from './uspto-collector.js';

/** Turns what the collector gathered into the RawPatent, the inventor mentions and the DocumentInfo. */

/** USPTO writes dates as `YYYYMMDD`; the index stores ISO dates. Anything else is kept as written. */
function isoDate(value: string | undefined): string | undefined {
  const v = cleanText(value);
  if (v === '') return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  return m === null ? v : `${m[1]}-${m[2]}-${m[3]}`;
}

function field(party: PartyRecord, key: keyof PartyRecord['fields']): string {
  return cleanText(party.fields[key]);
}

/** The person name of a party, or undefined for an organisation (orgname only) or an empty entry. */
function personName(party: PartyRecord): RawName | undefined {
  const family = field(party, 'last-name');
  const given = [field(party, 'first-name'), field(party, 'middle-name')].filter((s) => s !== '').join(' ');
  const suffix = field(party, 'suffix');
  if (family === '' && given === '') {
    const plain = field(party, 'name');
    return plain === '' ? undefined : { full: plain };
  }
  const full = [given, family, suffix].filter((s) => s !== '').join(' ');
  const name: RawName = { full, order: 'given-first' };
  if (given !== '') name.given = given;
  if (family !== '') name.family = family;
  return name;
}

/** An assignee's or applicant's name as written: the organisation, else the person. */
function partyLabel(party: PartyRecord): string | undefined {
  const org = field(party, 'orgname');
  return org !== '' ? org : personName(party)?.full;
}

function placeOf(party: PartyRecord): RawPlace | undefined {
  const place: RawPlace = {};
  const street = field(party, 'street') || field(party, 'address-1');
  const city = field(party, 'city');
  const region = field(party, 'state');
  const postalCode = field(party, 'postcode');
  // An inventor with no address country still has a country of residence in the older DTDs.
  const country = field(party, 'country') || field(party, 'residence-country');
  if (street !== '') place.street = street;
  if (city !== '') place.city = city;
  if (region !== '') place.region = region;
  if (postalCode !== '') place.postalCode = postalCode;
  if (country !== '' && country.toLowerCase() !== 'unknown' && country.toLowerCase() !== 'omitted')
    place.country = country;
  return Object.keys(place).length === 0 ? undefined : place;
}

function snippetOfParty(name: string, place: RawPlace | undefined): string {
  const where = [place?.city, place?.region, place?.country].filter((s) => s !== undefined).join(', ');
  return where === '' ? name : `${name}, ${where}`;
}

/**
 * The inventors: `<inventors>` in v4.3+ (and in v4.4+ applications, which *also* list inventors as
 * applicant-inventors: using both would double them); before v4.3 the only record of a living
 * inventor is an `<applicant app-type="applicant-inventor">`, and of a dead one a
 * `<us-deceased-inventor>`. Organisations are never inventors. The same person listed twice with
 * the same address (a real USPTO data defect) yields one mention.
 */
function selectInventors(parties: PartyRecord[]): Array<{ party: PartyRecord; name: RawName }> {
  const declared = parties.filter((p) => p.kind === 'inventor');
  const living =
    declared.length > 0
      ? declared
      : parties.filter(
          (p) =>
            p.kind === 'applicant' &&
            (p.appType === 'applicant-inventor' || p.authorityCategory === 'inventor'),
        );
  const candidates = [...living, ...parties.filter((p) => p.kind === 'deceased-inventor')];
  const seen = new Set<string>();
  const result: Array<{ party: PartyRecord; name: RawName }> = [];
  for (const party of candidates) {
    const name = personName(party);
    if (name === undefined) continue;
    const key = [name.full, field(party, 'city'), field(party, 'country')].join('|').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ party, name });
  }
  return result;
}

function uniqueLabels(parties: PartyRecord[], kind: PartyRecord['kind']): string[] {
  const out: string[] = [];
  for (const p of parties) {
    const label = p.kind === kind ? partyLabel(p) : undefined;
    if (label !== undefined && !out.includes(label)) out.push(label);
  }
  return out;
}

function buildRawPatent(c: CollectedPatent, inventorNames: string[]): RawPatent {
  const patent: RawPatent = {
    number: cleanText(c.pubNumber),
    country: cleanText(c.pubCountry) || 'US',
    docType: c.root === 'us-patent-grant' ? 'grant' : 'application',
    title: cleanText(c.title),
    cpc: c.cpc,
    ipc: c.ipc,
    assignees: uniqueLabels(c.parties, 'assignee'),
    applicants: uniqueLabels(c.parties, 'applicant'),
    inventors: inventorNames,
  };
  return withOptionalFields(patent, {
    kind: c.pubKind,
    abstract: c.abstract,
    publicationDate: c.pubDate ?? c.rootDatePubl,
    filingDate: c.filingDate,
    citationCount: c.citationCount,
  });
}

/** Sets the optional fields a source gives, cleaned (dates to ISO); empty ones stay absent. */
export function withOptionalFields(
  patent: RawPatent,
  fields: {
    kind?: string | undefined;
    abstract?: string | undefined;
    publicationDate?: string | undefined;
    filingDate?: string | undefined;
    citationCount?: number | undefined;
  },
): RawPatent {
  const kind = cleanText(fields.kind);
  const abstract = cleanText(fields.abstract);
  const publicationDate = isoDate(fields.publicationDate);
  const filingDate = isoDate(fields.filingDate);
  if (kind !== '') patent.kind = kind;
  if (abstract !== '') patent.abstract = abstract;
  if (publicationDate !== undefined) patent.publicationDate = publicationDate;
  if (filingDate !== undefined) patent.filingDate = filingDate;
  if (fields.citationCount !== undefined) patent.citationCount = fields.citationCount;
  return patent;
}

/** `https://patents.google.com/patent/US11477944B2`; Google drops the zero padding (`D0967598` → `D967598`). */
export function googlePatentsUri(p: RawPatent): string | undefined {
  if (p.number === '' || p.kind === undefined) return undefined;
  const number = p.number.replace(/^([A-Z]*)0+(?=\d)/i, '$1');
  return `https://patents.google.com/patent/${p.country}${number}${p.kind}`;
}

/** Each mention gets its own copy so a later enrichment of one cannot leak into the others. */
export function copyPatent(p: RawPatent): RawPatent {
  const copy: RawPatent = {
    ...p,
    cpc: [...p.cpc],
    ipc: [...p.ipc],
    assignees: [...p.assignees],
    applicants: [...p.applicants],
    inventors: [...p.inventors],
  };
  if (p.fterms !== undefined) copy.fterms = [...p.fterms];
  return copy;
}

export function documentInfo(sourceId: string, p: RawPatent): DocumentInfo {
  const label = [p.country, p.number, p.kind].filter((s) => s !== undefined && s !== '').join(' ');
  const info: DocumentInfo = {
    sourceId,
    format: 'uspto-xml',
    title: p.title === '' ? label : `${label} · ${p.title}`,
  };
  const uri = googlePatentsUri(p);
  if (uri !== undefined) info.uri = uri;
  if (p.publicationDate !== undefined) info.date = p.publicationDate;
  return info;
}

export function buildMentions(
  envelope: RecordEnvelope,
  c: CollectedPatent,
): {
  patent: RawPatent;
  mentions: PersonMention[];
} {
  const sourceId = envelope.id;
  const inventors = selectInventors(c.parties);
  const patent = buildRawPatent(
    c,
    inventors.map((i) => i.name.full),
  );
  const pubEvidence: Evidence = evidenceAt(
    sourceId,
    c.pubPath || `${c.root}/publication-reference`,
    [patent.country, patent.number, patent.kind, patent.publicationDate]
      .filter((s) => s !== undefined)
      .join(' '),
  );
  // Inventors are affiliated with the first *organisation* assignee; an individual assignee
  // (often the inventor) is not an employer. Applications rarely carry assignees, but since the
  // AIA the assignee-to-be files as the organisation applicant, so that is the fallback.
  const isOrg = (p: PartyRecord): boolean => field(p, 'orgname') !== '';
  const employer =
    c.parties.find((p) => p.kind === 'assignee' && isOrg(p)) ??
    c.parties.find((p) => p.kind === 'applicant' && isOrg(p) && p.appType !== 'applicant-inventor');

  const mentions = inventors.map(({ party, name }, index): PersonMention => {
    const location = placeOf(party);
    const mention: PersonMention = {
      mentionId: `${sourceId}#${index}`,
      sourceId,
      sourceKind: 'patent',
      format: 'uspto-xml',
      role: 'inventor',
      name,
      affiliations: [],
      education: [],
      professionalTitles: [],
      skills: [],
      patents: [copyPatent(patent)],
      filingRoles: [],
      evidence: [evidenceAt(sourceId, party.path, snippetOfParty(name.full, location)), pubEvidence],
    };
    if (location !== undefined) mention.location = location;
    const nationality = field(party, 'nationality');
    if (nationality !== '' && nationality.toLowerCase() !== 'omitted') mention.nationality = nationality;
    if (employer !== undefined) {
      const organization = field(employer, 'orgname');
      const affiliation: PersonMention['affiliations'][number] = {
        organization,
        evidence: evidenceAt(sourceId, employer.path, organization),
      };
      const where = placeOf(employer);
      if (where !== undefined) affiliation.location = where;
      mention.affiliations.push(affiliation);
    }
    return mention;
  });
  return { patent, mentions };
}
