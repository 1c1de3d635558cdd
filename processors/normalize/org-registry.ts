import { setOrganizationCanonicalizer, writtenOrganizationKey } from './organization.js';

/**
 * The organisation registry: research organisations from the ROR dump (names, aliases, acronyms,
 * labels in other languages, city, country, parent/child relations) and SEC filers from EDGAR
 * submissions JSON (name, former names, SIC code, state). Installed process-wide, it makes
 * `organizationKey` give one key for every name of one organisation (吉林大学 / Jilin University /
 * JLU), and gives the scorer a filer's SIC code by CIK or name. Without it everything works as
 * before, names just stay apart.
 */

export interface RegistryOrganization {
  /** `https://ror.org/…` */
  id: string;
  name: string;
  aliases: string[];
  acronyms: string[];
  /** Labels in other languages, with their ISO 639-1 code when given. */
  labels: Array<{ label: string; lang?: string }>;
  city?: string;
  /** ISO alpha-2. */
  country?: string;
  parents: string[];
  children: string[];
}

export interface RegistryCompany {
  /** Ten digits, zero-padded. */
  cik: string;
  name: string;
  formerNames: string[];
  sic?: string;
  sicDescription?: string;
  stateOfIncorporation?: string;
  tickers: string[];
}

export interface RegistryData {
  organizations: RegistryOrganization[];
  companies: RegistryCompany[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(str).filter((s): s is string => s !== undefined) : [];

function padCik(cik: string | number): string {
  return String(cik).replace(/\D/g, '').padStart(10, '0');
}

/** One ROR record, schema v1 (`name`, `aliases`, `acronyms`, `labels`) or v2 (`names[]` with `types`). */
function rorRecord(raw: unknown): RegistryOrganization | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw.id);
  if (id === undefined || !/ror\.org\//.test(id)) return undefined;
  const relations = Array.isArray(raw.relationships) ? raw.relationships.filter(isObject) : [];
  const related = (type: string): string[] =>
    relations
      .filter((r) => str(r.type)?.toLowerCase() === type)
      .map((r) => str(r.id))
      .filter((r): r is string => r !== undefined);
  const org: RegistryOrganization = {
    id,
    name: '',
    aliases: [],
    acronyms: [],
    labels: [],
    parents: related('parent'),
    children: related('child'),
  };
  if (Array.isArray(raw.names)) {
    // Schema v2: every name with its types.
    for (const n of raw.names.filter(isObject)) {
      const value = str(n.value);
      if (value === undefined) continue;
      const types = strings(n.types);
      const lang = str(n.lang);
      if (types.includes('ror_display')) org.name = value;
      else if (types.includes('acronym')) org.acronyms.push(value);
      else if (types.includes('label'))
        org.labels.push(lang === undefined ? { label: value } : { label: value, lang });
      else org.aliases.push(value);
    }
    const geo = Array.isArray(raw.locations)
      ? raw.locations.filter(isObject)[0]?.geonames_details
      : undefined;
    if (isObject(geo)) {
      const city = str(geo.name);
      if (city !== undefined) org.city = city;
      const country = str(geo.country_code);
      if (country !== undefined) org.country = country;
    }
  } else {
    org.name = str(raw.name) ?? '';
    org.aliases = strings(raw.aliases);
    org.acronyms = strings(raw.acronyms);
    org.labels = (Array.isArray(raw.labels) ? raw.labels.filter(isObject) : [])
      .map((l) => ({ label: str(l.label), lang: str(l.iso639) }))
      .filter((l): l is { label: string; lang: string | undefined } => l.label !== undefined)
      .map((l) => (l.lang === undefined ? { label: l.label } : { label: l.label, lang: l.lang }));
    const address = Array.isArray(raw.addresses) ? raw.addresses.filter(isObject)[0] : undefined;
    const city = str(address?.city);
    if (city !== undefined) org.city = city;
    const country = isObject(raw.country) ? str(raw.country.country_code) : undefined;
    if (country !== undefined) org.country = country;
  }
  return org.name === '' ? undefined : org;
}

/** EDGAR submissions JSON (`data.sec.gov/submissions/CIK##########.json`). */
function edgarCompany(raw: unknown): RegistryCompany | undefined {
  if (!isObject(raw)) return undefined;
  const cik = raw.cik;
  const name = str(raw.name);
  if ((typeof cik !== 'string' && typeof cik !== 'number') || name === undefined) return undefined;
  const company: RegistryCompany = {
    cik: padCik(cik),
    name,
    formerNames: (Array.isArray(raw.formerNames) ? raw.formerNames.filter(isObject) : [])
      .map((f) => str(f.name))
      .filter((n): n is string => n !== undefined),
    tickers: strings(raw.tickers),
  };
  const sic = str(raw.sic);
  if (sic !== undefined) company.sic = sic;
  const sicDescription = str(raw.sicDescription);
  if (sicDescription !== undefined) company.sicDescription = sicDescription;
  const state = str(raw.stateOfIncorporation);
  if (state !== undefined) company.stateOfIncorporation = state;
  return company;
}

/** The records of one parsed JSON document: a ROR dump (array), one ROR record, or EDGAR submissions. */
export function registryRecordsOf(json: unknown): RegistryData | undefined {
  const items = Array.isArray(json) ? json : [json];
  const organizations = items.map(rorRecord).filter((o): o is RegistryOrganization => o !== undefined);
  if (organizations.length > 0) return { organizations, companies: [] };
  const company = Array.isArray(json) ? undefined : edgarCompany(json);
  return company === undefined ? undefined : { organizations: [], companies: [company] };
}

function namesOf(org: RegistryOrganization): string[] {
  return [org.name, ...org.aliases, ...org.acronyms, ...org.labels.map((l) => l.label)];
}

export class OrganizationRegistry {
  private readonly organizations = new Map<string, RegistryOrganization>();
  private readonly companies = new Map<string, RegistryCompany>();
  /** Written key → ROR ids; a key two organisations share (an acronym like `UC`) decides nothing. */
  private readonly orgByKey = new Map<string, Set<string>>();
  private readonly companyByKey = new Map<string, Set<string>>();

  add(data: RegistryData): void {
    for (const org of data.organizations) {
      this.organizations.set(org.id, org);
      for (const name of namesOf(org)) this.index(this.orgByKey, name, org.id);
    }
    for (const company of data.companies) {
      this.companies.set(company.cik, company);
      for (const name of [company.name, ...company.formerNames])
        this.index(this.companyByKey, name, company.cik);
    }
  }

  private index(map: Map<string, Set<string>>, name: string, id: string): void {
    const key = writtenOrganizationKey(name);
    if (key === '') return;
    const ids = map.get(key) ?? new Set<string>();
    ids.add(id);
    map.set(key, ids);
  }

  get size(): { organizations: number; companies: number } {
    return { organizations: this.organizations.size, companies: this.companies.size };
  }

  /** The registered organisation a name denotes, when exactly one has that name, alias, acronym or label. */
  organizationNamed(name: string): RegistryOrganization | undefined {
    return this.organizationOfKey(writtenOrganizationKey(name));
  }

  private organizationOfKey(key: string): RegistryOrganization | undefined {
    const ids = this.orgByKey.get(key);
    if (ids?.size !== 1) return undefined;
    const [id] = ids;
    return id === undefined ? undefined : this.organizations.get(id);
  }

  organization(id: string): RegistryOrganization | undefined {
    return this.organizations.get(id);
  }

  /** The canonical key of a written key: the registered name's key, or undefined when not registered. */
  canonicalKey(key: string): string | undefined {
    const org = this.organizationOfKey(key);
    if (org !== undefined) return writtenOrganizationKey(org.name);
    const ciks = this.companyByKey.get(key);
    if (ciks?.size !== 1) return undefined;
    const [cik] = ciks;
    const company = cik === undefined ? undefined : this.companies.get(cik);
    return company === undefined ? undefined : writtenOrganizationKey(company.name);
  }

  /** A filer by CIK, or by its current or former name. */
  company(cik: string | undefined, name?: string): RegistryCompany | undefined {
    if (cik !== undefined) {
      const found = this.companies.get(padCik(cik));
      if (found !== undefined) return found;
    }
    if (name === undefined) return undefined;
    const ciks = this.companyByKey.get(writtenOrganizationKey(name));
    if (ciks?.size !== 1) return undefined;
    const [only] = ciks;
    return only === undefined ? undefined : this.companies.get(only);
  }

  toData(): RegistryData {
    return { organizations: [...this.organizations.values()], companies: [...this.companies.values()] };
  }
}

let active: OrganizationRegistry | undefined;

/** Makes `registry` the process's registry (undefined removes it): organisation keys and SIC look-ups use it. */
export function installOrganizationRegistry(registry: OrganizationRegistry | undefined): void {
  active = registry;
  setOrganizationCanonicalizer(registry === undefined ? undefined : (key) => registry.canonicalKey(key));
}

export function activeOrganizationRegistry(): OrganizationRegistry | undefined {
  return active;
}
