import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Made-up people in the JSON Resume format for the recruiter suites: two with ties to Jilin who
 * live elsewhere (one studied at Jilin University, one worked at FAW), one who lives in Changchun,
 * and one with no tie at all.
 */
export const RECRUIT_PEOPLE = {
  zhou: {
    basics: {
      name: 'Mei Zhou',
      label: 'Senior Battery Engineer',
      summary:
        'Designs lithium-ion battery cells (动力电池) and battery management systems for electric vehicles.',
      location: { city: 'Shanghai', region: 'Shanghai', countryCode: 'CN' },
    },
    work: [
      {
        name: 'Example Battery Co., Ltd.',
        position: 'Senior Battery Engineer',
        startDate: '2015-07',
        summary: 'Battery pack design.',
      },
    ],
    education: [
      {
        institution: 'Jilin University',
        area: 'Materials Science',
        studyType: 'Bachelor',
        startDate: '2004-09',
        endDate: '2008-06',
      },
    ],
    skills: [{ name: 'Battery management', keywords: ['lithium-ion battery'] }],
  },
  wang: {
    basics: {
      name: 'Jun Wangshu',
      label: 'Powertrain Director',
      summary: 'Leads powertrain and chassis engineering for passenger cars.',
      location: { city: 'Beijing', region: 'Beijing', countryCode: 'CN' },
    },
    work: [
      { name: 'Beijing Example Auto Co.', position: 'Director of Powertrain', startDate: '2016-01' },
      { name: 'FAW Group', position: 'Powertrain Engineer', startDate: '2010-07', endDate: '2015-12' },
    ],
    education: [{ institution: 'Tsinghua University', area: 'Vehicle Engineering', studyType: 'Master' }],
  },
  sun: {
    basics: {
      name: 'Tao Sunqi',
      label: 'Senior Vehicle Engineer',
      summary: 'Vehicle dynamics and autonomous driving at FAW in Changchun.',
      location: { city: 'Changchun', region: 'Jilin', countryCode: 'CN' },
    },
    work: [{ name: 'FAW Group', position: 'Senior Vehicle Engineer', startDate: '2012-07' }],
  },
  berg: {
    basics: {
      name: 'Anna Bergmark',
      label: 'Process Engineer',
      summary: 'Semiconductor process engineer for power devices.',
      location: { city: 'Munich', region: 'Bavaria', countryCode: 'DE' },
    },
    work: [{ name: 'Example Semiconductors GmbH', position: 'Process Engineer', startDate: '2018-01' }],
  },
} as const;

export type RecruitPerson = keyof typeof RECRUIT_PEOPLE;

/** Writes the people as `<key>.resume.json` files under `dir`; returns the folder. */
export function writeRecruitPeople(dir: string): string {
  const out = join(dir, 'recruit-people');
  mkdirSync(out, { recursive: true });
  for (const [key, resume] of Object.entries(RECRUIT_PEOPLE))
    writeFileSync(join(out, `${key}.resume.json`), JSON.stringify(resume, null, 2));
  return out;
}
