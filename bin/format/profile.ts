import type {
  ProfileAffiliation,
  ProfileEducation,
  ProfileFilingRole,
  ProfileMerge,
  ProfilePatent,
  SourceEvidence,
  TalentProfile,
} from '../../processors/model/profile.js';

/** `2019-03 – now`, `– 2015`, or nothing. */
function period(start: string | undefined, end: string | undefined, current = false): string {
  if (start === undefined && end === undefined) return current ? 'current' : '';
  return `${start ?? ''} – ${end ?? (current ? 'now' : '')}`.trim();
}

const joined = (parts: ReadonlyArray<string | undefined | false>, sep = ' · '): string =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join(sep);

const sources = (ids: readonly string[]): string => (ids.length > 0 ? `[${ids.join(', ')}]` : '');

function affiliationLine(a: ProfileAffiliation): string {
  const head = joined([a.title, a.department, a.organization], ', ');
  return joined([
    head,
    period(a.startDate, a.endDate, a.current),
    a.seniority && `seniority ${a.seniority}`,
    a.sic && `SIC ${a.sic}`,
    sources(a.sources),
  ]);
}

function educationLine(e: ProfileEducation): string {
  return joined([
    joined([e.degree ?? e.degreeLevel, e.area, e.institution], ', '),
    period(e.startDate, e.endDate),
    sources(e.sources),
  ]);
}

function patentLines(p: ProfilePatent): string[] {
  return [
    `${p.id} (${joined([p.docType, p.date], ', ')}) ${p.title}`,
    `  ${joined([
      p.cpc.length > 0 && `CPC ${p.cpc.join(', ')}`,
      p.ipc.length > 0 && `IPC ${p.ipc.join(', ')}`,
      p.assignees.length > 0 && `assignees ${p.assignees.join('; ')}`,
      p.coInventors.length > 0 && `co-inventors ${p.coInventors.join('; ')}`,
      p.citationCount !== undefined && `cited ${p.citationCount}`,
      `[${p.sourceId}]`,
    ])}`,
  ];
}

function filingRoleLine(r: ProfileFilingRole): string {
  const issuer = joined([r.issuer, r.ticker, r.issuerCik && `CIK ${r.issuerCik}`], ', ');
  return joined([
    `${r.role}${r.title ? ` (${r.title})` : ''} at ${issuer}`,
    r.event,
    `Form ${r.form}${r.date ? ` ${r.date}` : ''}`,
    r.sic && `SIC ${r.sic}`,
    r.accession && `accession ${r.accession}`,
    `[${r.sourceId}]`,
  ]);
}

function evidenceLines(e: SourceEvidence, n: number): string[] {
  const doc = e.document;
  const lines = [
    `[${n}] ${e.sourceKind} · ${e.format} · ${doc.title}`,
    `    source ${e.sourceId} · mention ${e.mentionId} · role ${e.role} · fetched ${e.fetchedAt}`,
  ];
  const where = joined([doc.uri && `url ${doc.uri}`, doc.date && `dated ${doc.date}`]);
  if (where) lines.push(`    ${where}`);
  for (const fact of e.facts)
    lines.push(`    ${fact.path}${fact.snippet !== undefined ? `: ${fact.snippet}` : ''}`);
  return lines;
}

function section(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['', `${title}:`, ...items.map((line) => `  ${line}`)];
}

/**
 * Everything `talent-brain show` prints about one person: who they are, every source with the facts
 * it supplied, and the score explanation point by point, so a reader can check each claim.
 */
export function formatProfile(p: TalentProfile): string {
  const industries =
    p.topIndustries.map((i) => `${i.industry} ${i.score}`).join(' · ') || 'no priority-industry match';
  const lines: string[] = [
    `${p.displayName}  (${p.id})`,
    `tier ${p.tier} · priority ${p.priorityScore} · ${industries}`,
    p.reason,
  ];

  const about = [
    p.names.length > 0 && `names: ${p.names.join(', ')}`,
    p.honorifics.length > 0 && `honorifics: ${p.honorifics.join(', ')}`,
    p.gender && `gender: ${p.gender}`,
    p.birthDate && `born: ${p.birthDate}`,
    p.nationality && `nationality: ${p.nationality}`,
    p.locations.length > 0 && `locations: ${p.locations.map((l) => l.label).join('; ')}`,
    p.seniority && `seniority: ${p.seniority}`,
    p.titles.length > 0 && `titles: ${p.titles.join(', ')}`,
    p.skills.length > 0 &&
      `skills: ${p.skills.map((s) => (s.zh && s.zh !== s.label ? `${s.label} (${s.zh})` : s.label)).join(', ')}`,
    `seen: ${p.firstSeen} – ${p.lastSeen}`,
  ].filter((x): x is string => typeof x === 'string');
  lines.push(...section('Profile', about));

  const contacts = [
    ...p.emails.map((e) => `e-mail ${e}`),
    ...p.phones.map((t) => `phone ${t}`),
    ...p.urls.map((u) => `url ${u}`),
    ...(p.identifiers.orcid ? [`ORCID ${p.identifiers.orcid}`] : []),
    ...p.identifiers.secCiks.map((c) => `SEC CIK ${c}`),
  ];
  lines.push(...section('Contacts and identifiers', contacts));
  lines.push(...section('Affiliations', p.affiliations.map(affiliationLine)));
  lines.push(...section('Education', p.education.map(educationLine)));
  lines.push(...section('Patents', p.patents.flatMap(patentLines)));
  lines.push(...section('Filing roles', p.filingRoles.map(filingRoleLine)));
  if (p.summary) lines.push(...section('Summary', [p.summary]));

  const x = p.explanation;
  const explanation = [
    `tier ${x.tier.tier}: ${x.tier.rule} — because ${x.tier.because}`,
    ...x.industries.flatMap((i) => [
      `${i.industry} ${i.score} (relevance ${i.relevancePoints} points)`,
      ...i.contributions.map(
        (c) =>
          `  ${`${c.points >= 0 ? '+' : ''}${c.points}`.padStart(6)}  ${c.reason}${c.sources?.length ? `  ${sources(c.sources)}` : ''}`,
      ),
    ]),
    ...(x.industries.length === 0 ? ['no industry scores above 0'] : []),
    ...x.notes.map((note) => `note: ${note}`),
  ];
  lines.push(...section('Score explanation', explanation));

  lines.push(
    ...section(
      `Evidence (${p.evidence.length} source${p.evidence.length === 1 ? '' : 's'})`,
      p.evidence.flatMap((e, i) => evidenceLines(e, i + 1)),
    ),
  );
  lines.push(...section('Why these sources are one person', (p.merges ?? []).map(mergeLine)));
  return `${lines.join('\n')}\n`;
}

/** `filing:1#0 ⇄ filing:2#0  same SEC CIK 1494730` (score for evidence merges). */
export function mergeLine(m: ProfileMerge): string {
  return `${m.left} ⇄ ${m.right}  ${m.summary}${m.score !== undefined ? ` (score ${m.score})` : ''}`;
}
