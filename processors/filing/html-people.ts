import type { Evidence, PersonMention, RawAffiliation, RawFilingRole } from '../model/mention.js';
import { evidenceAt } from '../common/evidence.js';
import type { FilingContext } from './filing-context.js';
import { familyKey, nameKey } from './html-names.js';
import { rolesOfTitle, type HtmlRole } from './html-titles.js';

/**
 * Collects what the extractors find about each person and merges it per document: the same
 * director appears in a bio, a committee table and the ownership table, and becomes one mention.
 */

export type FilingEvent = 'appointed' | 'departed' | 'elected';

export interface PersonFact {
  name: string;
  age?: number;
  /** Undefined: derive the role from the title. */
  role?: HtmlRole;
  title?: string;
  event?: FilingEvent;
  path: string;
  snippet: string;
  /**
   * `known-only`: keep only for a person also found elsewhere (ownership tables without labels).
   * `director-or-officer`: a "Directors and Executive Officers" list: director when known as one, else officer.
   */
  weak?: 'known-only' | 'director-or-officer';
}

interface RoleEntry {
  role: HtmlRole;
  title?: string;
  event?: FilingEvent;
}

interface PersonRecord {
  key: string;
  names: string[];
  age?: number;
  roles: RoleEntry[];
  evidence: Evidence[];
  order: number;
}

const MAX_EVIDENCE = 25;

export class PeopleBook {
  private readonly people = new Map<string, PersonRecord>();
  private readonly weak: PersonFact[] = [];
  private counter = 0;

  constructor(private readonly sourceId: string) {}

  has(name: string): boolean {
    return this.people.has(nameKey(name));
  }

  /** Full name of the only known person with this family name (`Mr. Hetzel`), if exactly one. */
  resolveSurname(surname: string): string | undefined {
    const family = surname.toLowerCase();
    const matches = [...this.people.values()].filter((p) => familyKey(p.names[0] ?? '') === family);
    return matches.length === 1 ? matches[0]?.names[0] : undefined;
  }

  add(fact: PersonFact): void {
    if (fact.weak !== undefined) {
      this.weak.push(fact);
      return;
    }
    const entries = roleEntriesOf(fact);
    const key = nameKey(fact.name);
    const existing = this.people.get(key);
    if (entries.length === 0 && existing === undefined) return;
    const record = existing ?? { key, names: [], roles: [], evidence: [], order: this.counter++ };
    if (existing === undefined) this.people.set(key, record);
    this.mergeFact(record, fact, entries);
  }

  private mergeFact(record: PersonRecord, fact: PersonFact, entries: RoleEntry[]): void {
    if (!record.names.includes(fact.name)) record.names.push(fact.name);
    // The fullest written form (with middle initial) leads; others become otherNames.
    record.names.sort((a, b) => b.length - a.length);
    if (record.age === undefined && fact.age !== undefined) record.age = fact.age;
    for (const entry of entries) mergeRole(record.roles, entry);
    if (record.evidence.length < MAX_EVIDENCE) {
      const ev = evidenceAt(this.sourceId, fact.path, fact.snippet);
      if (!record.evidence.some((e) => e.path === ev.path && e.snippet === ev.snippet))
        record.evidence.push(ev);
    }
  }

  /** Applies the weak facts once every strong source has been read. */
  private settleWeak(): void {
    for (const fact of this.weak) {
      const record = this.people.get(nameKey(fact.name));
      if (record !== undefined) {
        this.mergeFact(record, fact, []);
      } else if (fact.weak === 'director-or-officer') {
        const { weak: _weak, ...strong } = fact;
        this.add({ ...strong, role: 'officer' });
      }
    }
    this.weak.length = 0;
  }

  size(): number {
    this.settleWeak();
    return this.people.size;
  }

  toMentions(ctx: FilingContext, form: string, issuer: string | undefined): PersonMention[] {
    this.settleWeak();
    const records = [...this.people.values()]
      .filter((r) => r.roles.length > 0)
      .sort((a, b) => a.order - b.order);
    return records.map((record, index) => buildMention(record, index, ctx, form, issuer));
  }
}

function roleEntriesOf(fact: PersonFact): RoleEntry[] {
  const withTitle = (role: HtmlRole): RoleEntry => {
    const entry: RoleEntry = { role };
    if (fact.title !== undefined) entry.title = fact.title;
    if (fact.event !== undefined) entry.event = fact.event;
    return entry;
  };
  const titleRoles = fact.title === undefined ? [] : rolesOfTitle(fact.title);
  if (fact.role === undefined) return titleRoles.map(withTitle);
  const entries = [withTitle(fact.role)];
  // A nominee or director who is also CEO holds an officer role too, and vice versa.
  if (fact.role !== 'officer' && titleRoles.includes('officer')) entries.push(withTitle('officer'));
  if (fact.role === 'officer' && titleRoles.includes('director')) entries.push(withTitle('director'));
  return entries;
}

function mergeRole(roles: RoleEntry[], entry: RoleEntry): void {
  const sameRole = roles.filter((r) => r.role === entry.role);
  const lowerTitle = entry.title?.toLowerCase();
  for (const r of sameRole) {
    if (r.title?.toLowerCase() === lowerTitle || entry.title === undefined || r.title === undefined) {
      if (
        r.title === undefined &&
        entry.title !== undefined &&
        (r.event === undefined || r.event === entry.event)
      ) {
        r.title = entry.title;
      }
      if (
        r.event === undefined &&
        entry.event !== undefined &&
        (r.title === undefined || r.title.toLowerCase() === lowerTitle)
      ) {
        r.event = entry.event;
      }
      if (r.title?.toLowerCase() === lowerTitle || entry.title === undefined) return;
    }
  }
  roles.push({ ...entry });
}

const ROLE_RANK: Record<HtmlRole, number> = { 'director-nominee': 0, director: 1, officer: 2 };

function buildMention(
  record: PersonRecord,
  index: number,
  ctx: FilingContext,
  form: string,
  issuer: string | undefined,
): PersonMention {
  const full = record.names[0] ?? record.key;
  const primary =
    [...record.roles].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role])[0]?.role ?? 'officer';
  const firstEvidence = record.evidence[0] ?? { sourceId: ctx.sourceId, path: '' };
  const filingRoles: RawFilingRole[] = record.roles.map((r) => {
    const role: RawFilingRole = { issuer: issuer ?? '', role: r.role, form };
    if (ctx.issuerCik !== undefined) role.issuerCik = ctx.issuerCik;
    if (ctx.ticker !== undefined) role.ticker = ctx.ticker;
    if (r.title !== undefined) role.title = r.title;
    const date = ctx.filingDate ?? ctx.periodOfReport;
    if (date !== undefined) role.date = date;
    if (ctx.accession !== undefined) role.accession = ctx.accession;
    if (ctx.sic !== undefined) role.sic = ctx.sic;
    if (r.event !== undefined) role.event = r.event;
    return role;
  });
  const affiliations: RawAffiliation[] = [];
  if (issuer !== undefined && issuer !== '') {
    const titled = record.roles.filter((r) => r.title !== undefined);
    const seen = new Set<string>();
    for (const r of titled.length > 0 ? titled : [record.roles[0]]) {
      if (r === undefined) continue;
      const dedupe = `${r.title ?? ''}|${r.event === 'departed'}`;
      if (seen.has(dedupe.toLowerCase())) continue;
      seen.add(dedupe.toLowerCase());
      const aff: RawAffiliation = {
        organization: issuer,
        current: r.event !== 'departed',
        evidence: firstEvidence,
      };
      if (r.title !== undefined) aff.title = r.title;
      const ids: { secCik?: string; ticker?: string } = {};
      if (ctx.issuerCik !== undefined) ids.secCik = ctx.issuerCik;
      if (ctx.ticker !== undefined) ids.ticker = ctx.ticker;
      if (ids.secCik !== undefined || ids.ticker !== undefined) aff.organizationIds = ids;
      if (ctx.sic !== undefined) aff.sic = ctx.sic;
      affiliations.push(aff);
    }
  }
  const mention: PersonMention = {
    mentionId: `${ctx.sourceId}#${index}`,
    sourceId: ctx.sourceId,
    sourceKind: 'filing',
    format: 'sec-filing-html',
    role: primary,
    name: { full, order: 'given-first' },
    affiliations,
    education: [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles,
    evidence: record.evidence,
  };
  if (record.names.length > 1) mention.otherNames = record.names.slice(1);
  if (record.age !== undefined) mention.age = record.age;
  return mention;
}
