import type { FormatName, RecordEnvelope } from '../../lib/envelope.js';
import { cleanText, evidenceAt } from '../common/evidence.js';
import type { DocumentInfo, PersonMention, RawName, RawPatent, RawPlace } from '../model/mention.js';
import { copyPatent, googlePatentsUri, withOptionalFields } from './uspto-mentions.js';

/**
 * The bibliographic facts every patent office's format reduces to, and the one place they become
 * mentions. Each office's reader (EPO, DOCDB, CNIPA, JPO, USPTO legacy) only maps its own element
 * names onto {@link OfficePatent}; who is a person of the index, how an employer is chosen and
 * what evidence a mention carries is decided here, the same way for all of them.
 */

export interface OfficeParty {
  /** Evidence path of the party's element, e.g. `ep-patent-document/SDOBI/B700/B720/B721[2]`. */
  path: string;
  /** The person's name; absent for an organisation. */
  name?: RawName;
  /** The organisation's name; absent for a person. */
  organization?: string;
  /** The same party's name in the source's other forms (DOCDB `docdb`/`docdba`/`original`). */
  otherNames?: string[];
  place?: RawPlace;
  nationality?: string;
  /** Titles the source writes into the name field (`DIPL.-ING.`, `DR.`), removed from the name. */
  professionalTitles?: string[];
  /** An employer the address names (JPO `…株式会社内`: "care of the company"). */
  careOf?: string;
}

export interface OfficePatent {
  format: FormatName;
  /** Evidence path of the publication's number. */
  pubPath: string;
  country: string;
  number: string;
  kind?: string;
  docType: 'grant' | 'application';
  title: string;
  abstract?: string;
  /** As written: `YYYYMMDD` or ISO. */
  publicationDate?: string;
  filingDate?: string;
  ipc: string[];
  cpc: string[];
  familyId?: string;
  /** Japanese F-terms (`3E067AA03`). */
  fterms?: string[];
  citationCount?: number;
  inventors: OfficeParty[];
  /** Applicants (A documents) and proprietors/assignees (B documents). */
  applicants: OfficeParty[];
  assignees: OfficeParty[];
}

/** Trailing zeros of a fixed-width subgroup dropped, keeping two digits (`020000` → `02`, `418000` → `418`). */
function subgroupOf(digits: string): string {
  return digits.replace(/0+$/, '').padEnd(2, '0');
}

/**
 * IPC/CPC as offices print it (`H01F  27/14        20060101AFI…`, `G09G    3/36    (2006.01)`) → `H01F 27/14`.
 * Written without the slash, the symbol is the same class: the ST.8 fixed-width form
 * (`H01L0021020000`: main group in four digits, subgroup in six), a main group and subgroup apart
 * (`H01L 21 02`), or run together: the Green Book's ICL field pads the main group to three places
 * (`H01L 2102`, `B60R  900`, `A61K 31415` is 31/415); unpadded (`H01L2102`), the last two digits
 * are the subgroup.
 */
export function classificationSymbol(text: string): string | undefined {
  // Older EPO B511 lines lead with the IPC edition: " 7C 07C  29/44   A" is C07C 29/44, edition 7.
  const m = /^\s*(?:\d\s*(?=[A-H]\s*\d))?([A-H])\s*(\d{2})\s*([A-Z])\s*(\d{1,4})\s*\/\s*(\d{1,6})/.exec(text);
  if (m !== null) return `${m[1]}${m[2]}${m[3]} ${Number(m[4])}/${m[5]}`;
  const fixed = /^\s*([A-H])(\d{2})([A-Z])(\d{4})(\d{6})(?!\d)/.exec(text);
  if (fixed !== null)
    return `${fixed[1]}${fixed[2]}${fixed[3]} ${Number(fixed[4])}/${subgroupOf(fixed[5] as string)}`;
  const apart = /^\s*([A-H])\s*(\d{2})\s*([A-Z])\s*(\d{1,4})\s+(\d{2,6})(?![\d/])/.exec(text);
  if (apart !== null) return `${apart[1]}${apart[2]}${apart[3]} ${Number(apart[4])}/${apart[5]}`;
  const run = /^\s*([A-H])(\d{2})([A-Z])( *\d{3,6})(?![\d/])/.exec(text);
  if (run !== null) {
    const field = run[4] as string;
    // The Green Book pads the main group to three places: " 31415" is 31/415, "  900" is 9/00.
    const padded = field.startsWith(' ') && (field.length === 5 || field.length === 6);
    const digits = field.trim();
    const [group, subgroup] = padded
      ? [field.slice(0, 3), field.slice(3)]
      : [digits.slice(0, -2), digits.slice(-2)];
    return `${run[1]}${run[2]}${run[3]} ${Number(group)}/${subgroup}`;
  }
  const head = /^\s*(?:\d\s*(?=[A-H]\s*\d))?([A-H])\s*(\d{2})\s*([A-Z])\b/.exec(text);
  return head === null ? undefined : `${head[1]}${head[2]}${head[3]}`;
}

export function pushUnique(list: string[], value: string | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

/**
 * "SURNAME, Given" (EPO B721, DOCDB `docdba`/`original`, the legacy USPTO "Last; First") →
 * a name in Western display order with both parts; a name without the separator is kept whole.
 */
export function commaName(text: string, separator = ','): RawName {
  const full = cleanText(text);
  const at = full.indexOf(separator);
  if (at <= 0 || at === full.length - 1) return { full };
  const family = full.slice(0, at).trim();
  const given = full.slice(at + 1).trim();
  if (family === '' || given === '') return { full };
  return { full: `${given} ${family}`, given, family, order: 'given-first' };
}

function label(party: OfficeParty): string | undefined {
  return party.organization ?? party.name?.full;
}

function labels(parties: OfficeParty[]): string[] {
  const out: string[] = [];
  for (const p of parties) pushUnique(out, label(p));
  return out;
}

function rawPatent(p: OfficePatent, inventorNames: string[]): RawPatent {
  const patent: RawPatent = {
    number: p.number,
    country: p.country,
    docType: p.docType,
    title: cleanText(p.title),
    cpc: [...p.cpc],
    ipc: [...p.ipc],
    assignees: labels(p.assignees),
    applicants: labels(p.applicants),
    inventors: inventorNames,
  };
  withOptionalFields(patent, p);
  if (p.familyId !== undefined) patent.familyId = p.familyId;
  if (p.fterms !== undefined && p.fterms.length > 0) patent.fterms = [...p.fterms];
  return patent;
}

function officeDocumentInfo(sourceId: string, format: FormatName, p: RawPatent): DocumentInfo {
  const name = [p.country, p.number, p.kind].filter((s) => s !== undefined && s !== '').join(' ');
  const info: DocumentInfo = { sourceId, format, title: p.title === '' ? name : `${name} · ${p.title}` };
  const uri = googlePatentsUri(p);
  if (uri !== undefined) info.uri = uri;
  if (p.publicationDate !== undefined) info.date = p.publicationDate;
  return info;
}

function where(place: RawPlace | undefined): string {
  return [place?.city, place?.region, place?.country].filter((s) => s !== undefined).join(', ');
}

/**
 * One mention per inventor with a person name. The employer is the first organisation among the
 * proprietors/assignees, else among the applicants (an individual applicant is often the inventor
 * and is not an employer), unless the inventor's own address names one (JPO "c/o").
 */
export function buildOfficeMentions(
  envelope: RecordEnvelope,
  p: OfficePatent,
): { document: DocumentInfo; mentions: PersonMention[] } {
  const sourceId = envelope.id;
  const people: Array<OfficeParty & { name: RawName }> = [];
  const seen = new Set<string>();
  for (const party of p.inventors) {
    if (party.name === undefined || cleanText(party.name.full) === '') continue;
    const key = `${party.name.full}|${party.place?.city ?? ''}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    people.push(party as OfficeParty & { name: RawName });
  }
  const patent = rawPatent(
    p,
    people.map((i) => i.name.full),
  );
  const document = officeDocumentInfo(sourceId, p.format, patent);
  const pubEvidence = evidenceAt(
    sourceId,
    p.pubPath,
    [patent.country, patent.number, patent.kind, patent.publicationDate]
      .filter((s) => s !== undefined)
      .join(' '),
  );
  const employer =
    p.assignees.find((a) => a.organization !== undefined) ??
    p.applicants.find((a) => a.organization !== undefined);

  const mentions = people.map((party, index): PersonMention => {
    const mention: PersonMention = {
      mentionId: `${sourceId}#${index}`,
      sourceId,
      sourceKind: 'patent',
      format: p.format,
      role: 'inventor',
      name: party.name,
      affiliations: [],
      education: [],
      professionalTitles: [...(party.professionalTitles ?? [])],
      skills: [],
      patents: [copyPatent(patent)],
      filingRoles: [],
      evidence: [
        evidenceAt(
          sourceId,
          party.path,
          [party.name.full, where(party.place)].filter((s) => s !== '').join(', '),
        ),
        pubEvidence,
      ],
    };
    if (party.otherNames !== undefined && party.otherNames.length > 0)
      mention.otherNames = [...party.otherNames];
    if (party.place !== undefined) mention.location = { ...party.place };
    if (party.nationality !== undefined) mention.nationality = party.nationality;
    if (party.careOf !== undefined) {
      mention.affiliations.push({
        organization: party.careOf,
        evidence: evidenceAt(sourceId, party.path, party.careOf),
      });
    } else if (employer?.organization !== undefined) {
      const affiliation: PersonMention['affiliations'][number] = {
        organization: employer.organization,
        evidence: evidenceAt(sourceId, employer.path, employer.organization),
      };
      if (employer.place !== undefined) affiliation.location = { ...employer.place };
      mention.affiliations.push(affiliation);
    }
    return mention;
  });
  return { document, mentions };
}
