import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { defaultParseLimits } from '../../../../processors/parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { jsonResumeParser } from '../../../../processors/resume/json-resume-parser.js';
import { corpusEnvelope, corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';

function parseCorpus(file: string): PersonMention {
  const envelope = corpusEnvelope(`resumes-json/${file}`, 'json-resume');
  expect(jsonResumeParser.detect(envelope.body.toString('utf8').slice(0, 65536))).toBe(true);
  const outcome = jsonResumeParser.parse(envelope, defaultParseLimits);
  if (outcome.status !== 'parsed') throw new Error(`${file}: ${JSON.stringify(outcome)}`);
  expect(outcome.mentions).toHaveLength(1);
  const mention = outcome.mentions[0];
  if (mention === undefined) throw new Error('no mention');
  expect(mention.mentionId).toBe(`${envelope.id}#0`);
  expect(mention.role).toBe('resume-subject');
  for (const e of mention.evidence) expect(e.sourceId).toBe(envelope.id);
  return mention;
}

const orgs = (m: PersonMention): string[] => m.affiliations.map((a) => a.organization);
const schools = (m: PersonMention): string[] => m.education.map((e) => e.institution);

describeWithCorpus('jsonResumeParser on real résumés (resumes-json/)', () => {
  it('parses every file in the folder with a name and at least one employer or school', () => {
    const files = readdirSync(corpusPath('resumes-json')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const m = parseCorpus(file);
      expect(m.name.full.length).toBeGreaterThan(1);
      expect(m.affiliations.length + m.education.length).toBeGreaterThan(0);
    }
  });

  it('official sample: Richard Hendriks, CEO/President at Pied Piper', () => {
    const m = parseCorpus('jsonresume--resume-schema--sample.resume.json');
    expect(m.name.full).toBe('Richard Hendriks');
    expect(m.emails).toEqual(['richard.hendriks@mail.com']);
    expect(m.phones).toEqual(['(912) 555-4321']);
    expect(m.professionalTitles).toContain('Programmer');
    expect(m.affiliations[0]).toMatchObject({
      organization: 'Pied Piper',
      title: 'CEO/President',
      startDate: '2013-12-01',
      endDate: '2014-12-01',
      location: { city: 'Palo Alto', region: 'CA' },
    });
    expect(m.affiliations[0]?.current).toBeUndefined();
    expect(m.education[0]).toMatchObject({
      institution: 'University of Oklahoma',
      area: 'Information Technology',
      degree: 'Bachelor',
    });
    expect(m.skills).toEqual(expect.arrayContaining(['Web Development', 'HTML', 'Compression', 'Mpeg']));
    expect(m.location).toMatchObject({ city: 'San Francisco', region: 'California', country: 'US' });
    expect(m.urls).toContain('http://richardhendricks.example.com');
    expect(m.summary).toContain('Digital Compression Pioneer Award');
  });

  it('0xadada: older `website`/`company` keys, placeholder phone dropped', () => {
    const m = parseCorpus('0xadada--resume--resume.json');
    expect(m.name.full).toBe('Ron. Adams');
    expect(m.emails).toEqual(['developer@0xADADA.pub']);
    expect(m.phones).toBeUndefined(); // "Upon request"
    expect(m.urls).toContain('https://0xadada.pub/');
    expect(m.affiliations[0]).toMatchObject({
      organization: 'Cinch Financial',
      title: 'Senior Engineer (Consumer Tech Lead)',
    });
    expect(orgs(m)).toContain('Nara Logics, Inc');
    expect(m.education.find((e) => e.institution === 'Northeastern University')?.degree).toBe(
      'Bachelor of Science',
    );
    expect(m.skills).toEqual(expect.arrayContaining(['Python', 'Django']));
    expect(m.location).toMatchObject({ city: 'Somerville', postalCode: '02143' });
  });

  it('0xdkay: non-standard `hots` key ignored, CTF prizes are not honour titles', () => {
    const m = parseCorpus('0xdkay--jsonresume-theme-elegant--resume.json');
    expect(m.name.full).toBe('Dongkwan Kim');
    expect(m.emails).toEqual(['0xdkay@gmail.com']);
    expect(m.affiliations[0]).toMatchObject({
      organization: 'School of Cybersecurity and Privacy, Georgia Tech',
      title: 'Postdoctoral Fellow',
      current: true,
    });
    expect(orgs(m)).toContain('KAIST');
    expect(m.education[0]).toMatchObject({
      institution: 'KAIST',
      degree: 'Ph.D.',
      area: 'Electrical Engineering',
    });
    expect(m.professionalTitles).toEqual(['Postdoctoral Fellow [at] Georgia Tech']);
    expect(m.summary).toContain('DARPA AI Cyber Challenge');
  });

  it('23nikoloz: Chinese name kept as written, 至今 means current', () => {
    const m = parseCorpus('23nikoloz--jsonresume-theme-material--resume.json');
    expect(m.name).toEqual({ full: '郭海旭', order: 'surname-first' });
    expect(m.affiliations[0]).toMatchObject({ organization: '自由职业', title: 'Web开发', current: true });
    expect(m.affiliations[1]).toMatchObject({
      organization: '华为技术有限公司',
      title: '前端开发',
      startDate: '2013-10',
    });
    expect(m.education[0]).toMatchObject({ institution: '哈尔滨工业大学', degree: '学士学位' });
    expect(m.location).toEqual({ city: '深圳' });
    expect(m.urls).not.toContain('javascript:window.print();');
    expect(m.urls).toContain('https://github.com/hectorguo');
  });

  it.each([
    [
      '0bCdian--resume--resume.json',
      'Diego Miguel Parra Nava',
      'Devoteam',
      'Universidad del Zulia',
      'Kubernetes',
    ],
    ['0xhaven--0xhaven.github.io--resume.json', 'Olive Haven', 'LegalZoom', 'Stanford University', 'DevOps'],
    [
      '1987cr--cv--resume.json',
      'Carlos Riera',
      'Teravision Technologies',
      'Universidad Central de Venezuela',
      'ReactJs',
    ],
    [
      '5c077m4n--cv--resume.json',
      'Roee Shapira',
      'Gong.io',
      'Technion - Israel Institute of Technology',
      'Rust',
    ],
    [
      '6stars--resume--resume.json',
      'ADAM MOON',
      'defi SOLUTIONS Inc',
      'Southern Methodist University',
      'TeamCity',
    ],
    ['AJLab-GH--resume--resume.json', 'Alexandre Jammes', 'F5 Inc.', 'University of Ottawa', 'WAF'],
    ['AbdelMounhim--cv--resume.json', 'Abdel Elissaoui', 'Le Figaro', 'Orsys', 'docker compose'],
    [
      'jsonresume.org--examples--career-changer.resume.json',
      'Daniel Reyes',
      'Salt & Cedar Restaurant Group',
      'Austin Community College',
      'Tableau',
    ],
    [
      'jsonresume.org--examples--new-grad.resume.json',
      'Maya Okonkwo',
      'Allen Institute for AI',
      'University of Washington',
      'TypeScript',
    ],
    [
      'jsonresume.org--test-fixtures--complete-resume.json',
      'Jane Developer',
      'TechCorp Inc',
      'Stanford University',
      'GraphQL',
    ],
  ])('%s: %s at %s, studied at %s', (file, name, employer, school, skill) => {
    const m = parseCorpus(file);
    expect(m.name.full).toBe(name);
    expect(orgs(m)).toContain(employer);
    expect(schools(m)).toContain(school);
    expect(m.skills).toContain(skill);
  });

  it('positions, dates and current flags as written', () => {
    const haven = parseCorpus('0xhaven--0xhaven.github.io--resume.json');
    expect(haven.affiliations[0]).toMatchObject({
      title: 'Senior Site Reliability & DevOps Engineer',
      startDate: '2022-09-01',
      endDate: '2024-09-31', // an impossible date, kept as written for the normalizer to judge
      location: { city: 'Remote' },
    });
    const riera = parseCorpus('1987cr--cv--resume.json');
    expect(riera.affiliations[0]).toMatchObject({ title: 'Senior Full-Stack Developer', current: true });
    expect(riera.location).toEqual({ city: 'Caracas', country: 'Venezuela' });
    const abdel = parseCorpus('AbdelMounhim--cv--resume.json');
    expect(abdel.affiliations[0]).toMatchObject({
      organization: 'Le Figaro',
      startDate: '2001-09-30',
      current: true,
    });
    expect(abdel.affiliations[0]?.endDate).toBeUndefined(); // "" means open-ended
    const jane = parseCorpus('jsonresume.org--test-fixtures--complete-resume.json');
    expect(jane.education.find((e) => e.institution === 'Stanford University')).toMatchObject({
      degree: 'Master of Science',
      area: 'Human-Computer Interaction',
    });
    expect(jane.emails).toEqual(['jane.developer@example.com']);
  });

  it('anandbhaskaran: year-only dates, no skills section, awards summarised', () => {
    const m = parseCorpus('anandbhaskaran--jsonresume--resume.json');
    expect(m.name.full).toBe('Anand Bhaskaran');
    expect(m.emails).toEqual(['anandbaskaran3193@gmail.com']);
    expect(m.affiliations[0]).toMatchObject({
      organization: 'LumApps',
      title: 'Lead Software Engineer',
      startDate: '2026-03',
    });
    expect(m.education[0]).toMatchObject({
      institution: 'Quantic School of Business and Technology',
      degree: 'MBA',
      startDate: '2019',
      endDate: '2020',
    });
    expect(m.skills).toEqual([]);
    expect(m.summary).toContain('TI India Analog Design Contest Winner (Texas Instruments)');
    expect(m.location).toMatchObject({ city: 'Zurich', country: 'Switzerland' });
  });
});
