import type { PersonMention, RawName, RawPatent, RawPlace } from '../../../processors/model/mention.js';
import { toResolvable, type ResolvableMention } from '../../../processors/resolve/resolvable.js';

/** Made-up mentions in the shape the parsers emit, with only the facts a test needs. */
export interface MentionSpec {
  id: string;
  /** The source document; defaults to one of its own. */
  source?: string;
  name: string | RawName;
  otherNames?: string[];
  role?: PersonMention['role'];
  org?: string | string[];
  title?: string;
  start?: string;
  end?: string;
  place?: RawPlace;
  email?: string;
  cik?: string;
  orcid?: string;
  patent?: Partial<RawPatent> & { number: string };
  school?: string;
}

export function mention(spec: MentionSpec): PersonMention {
  const sourceId = spec.source ?? `src:${spec.id}`;
  const evidence = { sourceId, path: 'test' };
  const orgs = spec.org === undefined ? [] : Array.isArray(spec.org) ? spec.org : [spec.org];
  const name: RawName = typeof spec.name === 'string' ? { full: spec.name } : spec.name;
  const m: PersonMention = {
    mentionId: spec.id,
    sourceId,
    sourceKind: spec.patent ? 'patent' : 'resume',
    format: spec.patent ? 'uspto-xml' : 'json-resume',
    role: spec.role ?? (spec.patent ? 'inventor' : 'resume-subject'),
    name,
    affiliations: orgs.map((organization) => ({
      organization,
      evidence,
      ...(spec.title ? { title: spec.title } : {}),
      ...(spec.start ? { startDate: spec.start } : {}),
      ...(spec.end ? { endDate: spec.end } : {}),
    })),
    education: spec.school ? [{ institution: spec.school, evidence }] : [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles: [],
    evidence: [evidence],
  };
  if (spec.otherNames) m.otherNames = spec.otherNames;
  if (spec.place) m.location = spec.place;
  if (spec.email) m.emails = [spec.email];
  if (spec.cik) m.secCik = spec.cik;
  if (spec.orcid) m.orcid = spec.orcid;
  if (spec.patent)
    m.patents.push({
      country: 'US',
      docType: 'grant',
      title: 'Device',
      cpc: [],
      ipc: [],
      assignees: [],
      applicants: [],
      inventors: [name.full],
      ...spec.patent,
    });
  return m;
}

export function resolvable(spec: MentionSpec): ResolvableMention {
  return toResolvable(mention(spec));
}

/** A fixed permutation (seeded), so a failing shuffle can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
