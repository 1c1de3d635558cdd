import type { SynthPerson } from '../people.js';

const DEGREE_EN = { phd: 'PhD', master: 'Master of Science', bachelor: 'Bachelor of Engineering' } as const;

/** A JSON Resume v1.0.0 document for one person (Latin name, English employer, e-mail). */
export function jsonResume(p: SynthPerson): string {
  const c = p.company;
  const gradYear = Math.min(
    p.since - 1,
    p.birthYear + (p.degree === 'phd' ? 29 : p.degree === 'master' ? 25 : 22),
  );
  const location: Record<string, string> = { city: c.city.en, countryCode: c.city.country };
  if (c.city.state !== undefined) location.region = c.city.state;
  const resume = {
    $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
    basics: {
      name: `${p.given} ${p.family}`,
      label: p.titleEn,
      email: p.email,
      summary: `${p.titleEn} at ${c.nameEn}, working on ${p.skillsEn.join(', ')}.`,
      location,
    },
    work: [
      {
        name: c.nameEn,
        position: p.titleEn,
        startDate: `${p.since}-${String(p.birthMonth).padStart(2, '0')}-01`,
        summary: `${p.skillsEn[0] ?? c.wordEn} research and development.`,
      },
    ],
    education: [
      {
        institution: p.school.en,
        area: p.majorEn.replace(/\b([a-z])/g, (m) => m.toUpperCase()),
        studyType: DEGREE_EN[p.degree],
        endDate: String(gradYear),
      },
    ],
    skills: [{ name: p.skillsEn[0] ?? c.wordEn, keywords: p.skillsEn.slice(1) }],
    ...(p.honourEn !== undefined ? { awards: [{ title: p.honourEn, date: String(p.since) }] } : {}),
    meta: { version: 'v1.0.0' },
  };
  return `${JSON.stringify(resume, null, 2)}\n`;
}
