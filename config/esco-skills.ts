import { readFileSync } from 'node:fs';
import { ConfigError } from '../lib/errors.js';

/**
 * ESCO skills (the European Skills, Competences, Qualifications and Occupations classification,
 * CSV exports such as `skills_en.csv` or `digitalSkillsCollection_en.csv`): English preferred and
 * alternative labels, and the skill group (`broaderConceptPT`). They extend the bilingual core of
 * `config/skills.yaml` for exact matches only, so "Haskell techniques" is one skill while free
 * text is still read with the core vocabulary alone.
 */

export interface EscoSkill {
  /** `esco-` + the first block of the concept URI's UUID. */
  id: string;
  en: string;
  synonyms: string[];
  groups: string[];
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  // A file cut inside a quoted field ends with that record unfinished: it is dropped.
  if (!quoted && (field !== '' || row.length > 0)) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const split = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/\n|\s\|\s/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function escoSkillsOf(text: string, source = 'ESCO CSV'): EscoSkill[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const col = (name: string): number => header?.indexOf(name) ?? -1;
  const uri = col('conceptUri');
  const label = col('preferredLabel');
  if (uri < 0 || label < 0)
    throw new ConfigError(`${source}: not an ESCO skills CSV (no conceptUri / preferredLabel column)`);
  const alt = col('altLabels');
  const groups = col('broaderConceptPT');
  const skills: EscoSkill[] = [];
  for (const row of rows) {
    const en = row[label]?.trim();
    const id = /\/skill\/([0-9a-f]{8})/.exec(row[uri] ?? '')?.[1];
    if (en === undefined || en === '' || id === undefined) continue;
    skills.push({
      id: `esco-${id}`,
      en,
      synonyms: split(row[alt]),
      groups: groups < 0 ? [] : split(row[groups]),
    });
  }
  return skills;
}

export function loadEscoSkills(files: readonly string[]): EscoSkill[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`${file}: cannot read the ESCO skills file (${(error as Error).message})`);
    }
    return escoSkillsOf(text, file);
  });
}
