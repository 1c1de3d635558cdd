import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { defaultParseLimits } from '../../../../processors/parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { profileHtmlParser } from '../../../../processors/profile-page/profile-html-parser.js';
import { corpusEnvelope, corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';

function parsePage(file: string): PersonMention[] {
  const envelope = corpusEnvelope(`html-profiles/${file}`, 'profile-html');
  expect(profileHtmlParser.detect(envelope.body.subarray(0, 65536).toString('utf8'))).toBe(true);
  const outcome = profileHtmlParser.parse(envelope, defaultParseLimits);
  if (outcome.status !== 'parsed') throw new Error(`${file}: ${JSON.stringify(outcome)}`);
  outcome.mentions.forEach((m, i) => {
    expect(m.mentionId).toBe(`${envelope.id}#${i}`);
    expect(m.sourceKind).toBe('profile-page');
    expect(m.evidence.length).toBeGreaterThan(0);
    for (const e of m.evidence) expect(e.sourceId).toBe(envelope.id);
  });
  return outcome.mentions;
}

const byName = (mentions: PersonMention[], name: string): PersonMention => {
  const found = mentions.find((m) => m.name.full === name);
  if (found === undefined)
    throw new Error(`no mention named ${name}: ${mentions.map((m) => m.name.full).join(', ')}`);
  return found;
};
const subjects = (mentions: PersonMention[]): PersonMention[] =>
  mentions.filter((m) => m.role === 'profile-subject');

describeWithCorpus('profileHtmlParser on real academic pages (html-profiles/)', () => {
  it('parses every page in the folder', () => {
    for (const file of readdirSync(corpusPath('html-profiles')).filter((f) => /\.html?$/.test(f)))
      expect(parsePage(file).length).toBeGreaterThan(0);
  });

  it('chongwu-lab PI page: Chong Wu, Assistant Professor of Biostatistics at MD Anderson', () => {
    const mentions = parsePage('chongwu-lab--PI.html');
    expect(mentions).toHaveLength(1);
    const [m] = mentions;
    expect(m?.role).toBe('profile-subject');
    expect(m?.name.full).toBe('Chong Wu');
    expect(m?.professionalTitles).toEqual(['Assistant Professor']);
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'The University of Texas MD Anderson',
      department: 'Department of Biostatistics',
      title: 'Assistant Professor',
      current: true,
    });
    expect(m?.affiliations).toContainEqual(
      expect.objectContaining({
        organization: 'Florida State University',
        department: 'Department of Statistics',
        current: false,
      }),
    );
    expect(m?.education).toContainEqual(
      expect.objectContaining({ institution: 'University of Minnesota', degree: 'Ph.D.' }),
    );
    expect(m?.education).toContainEqual(
      expect.objectContaining({
        institution: 'Huazhong University of Science and Technology',
        area: 'Applied Math',
        endDate: '2013',
      }),
    );
    expect(m?.skills).toEqual(
      expect.arrayContaining(['Statistical genetics/genomics', 'causal inference', 'machine learning']),
    );
    expect(m?.urls).toEqual([
      'https://github.com/ChongWu-Biostat',
      'https://scholar.google.com/citations?user=rF6BnvsAAAAJ&hl=en',
    ]);
  });

  it('chongwu-lab index: the lab home names its PI, with the contact e-mail; news names are not members', () => {
    const mentions = parsePage('chongwu-lab--index.html');
    expect(mentions).toHaveLength(1);
    const [m] = mentions;
    expect(m?.name.full).toBe('Chong Wu');
    expect(m?.emails).toEqual(['cwu18@mdanderson.org']);
    expect(m?.affiliations).toHaveLength(1);
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'The University of Texas MD Anderson Cancer Center',
      department: 'Department of Biostatistics',
      title: 'Assistant Professor',
    });
  });

  it('chongwu-lab students page: seven students and alumni with their degrees', () => {
    const mentions = parsePage('chongwu-lab--students.html');
    expect(subjects(mentions)).toEqual([]);
    expect(mentions.map((m) => m.name.full)).toEqual([
      'Zichen Zhang',
      'Ye Eun Bae',
      'Hunter Melton',
      'Meng Zhuo',
      'Austin King',
      'Shengjie Jiang',
      'Madison Layfield',
    ]);
    for (const m of mentions) expect(m.role).toBe('group-member');
    const zichen = byName(mentions, 'Zichen Zhang');
    expect(zichen.professionalTitles).toEqual(['Second-year PhD in Statistics']);
    expect(zichen.education).toContainEqual(
      expect.objectContaining({
        institution: 'Florida State University',
        degree: 'MS',
        area: 'Statistics',
        endDate: '2019',
      }),
    );
    expect(zichen.education).toContainEqual(
      expect.objectContaining({
        institution: 'Shanghai University of International Business and Economics',
        area: 'Financial Engineering',
        endDate: '2014',
      }),
    );
    expect(zichen.skills).toEqual(['TWAS', 'integrative analysis']);
    const austin = byName(mentions, 'Austin King');
    expect(austin.education.map((e) => `${e.degree} ${e.institution} ${e.endDate}`)).toEqual([
      'BS Clemson University 2012',
      'MS Clemson University 2014',
    ]);
    const jiang = byName(mentions, 'Shengjie Jiang');
    expect(jiang.education[0]).toMatchObject({
      institution: 'Florida State University',
      degree: 'Ph.D.',
      area: 'Biostatistics',
      endDate: '2022',
    });
    expect(jiang.affiliations[0]).toMatchObject({
      organization: 'UT Dallas',
      title: 'Assitant Professor of Instruction',
    });
    expect(jiang.skills).toEqual(['IWAS']);
    expect(byName(mentions, 'Madison Layfield').affiliations[0]).toMatchObject({
      organization: 'Medpace',
      title: 'Statistical analyst',
    });
  });

  it('dengpingfan People page: Deng-Ping Fan / 范登平, Full Professor at Nankai University, and the team', () => {
    const mentions = parsePage('dengpingfan--People.html');
    const [subject, ...members] = mentions;
    expect(subject?.role).toBe('profile-subject');
    expect(subject?.name.full).toBe('Deng-Ping Fan');
    expect(subject?.otherNames).toEqual(['范登平']);
    expect(subject?.emails).toEqual(['fdp@nankai.edu.cn']);
    expect(subject?.affiliations[0]).toMatchObject({
      organization: 'Nankai University',
      department: 'College of Computer Science',
      title: 'Full Professor',
      current: true,
    });
    expect(subject?.affiliations).toContainEqual(
      expect.objectContaining({ organization: '南开大学', title: '教授' }),
    );
    expect(subject?.affiliations).toContainEqual(
      expect.objectContaining({
        organization: 'Tsinghua University',
        title: 'Visiting Researcher',
        startDate: 'Dec. 2023',
        current: true,
      }),
    );
    expect(subject?.education).toContainEqual(
      expect.objectContaining({ institution: 'Nankai University', degree: 'Ph.D.', endDate: '2019' }),
    );
    expect(subject?.education).toContainEqual(
      expect.objectContaining({ institution: '南开大学', degree: '博士', endDate: '2019' }),
    );
    expect(subject?.professionalTitles).toEqual(
      expect.arrayContaining(['Full Professor', '教授', '博导', 'senior member of IEEE']),
    );
    expect(subject?.skills).toEqual(
      expect.arrayContaining(['Computer Vision', 'Medical Image Analysis', '计算机视觉', 'Multimodal AI']),
    );
    expect(subject?.urls).toContain('https://scholar.google.com/citations?user=kakwJ5QAAAAJ&hl=zh-CN&oi=ao');
    expect(subject?.urls).toContain('https://github.com/DengPingFan');
    // co-authors' Scholar pages linked from the bio are not his
    expect(subject?.urls?.some((u) => u.includes('z84rLjoAAAAJ'))).toBe(false);

    expect(members).toHaveLength(27);
    for (const m of members) expect(m.role).toBe('group-member');
    // the lab's research areas (stated under its head) are the field of the students and staff it lists
    for (const m of members)
      expect(m.skills).toEqual(expect.arrayContaining(['Computer Vision', '计算机视觉']));
    const names = members.map((m) => m.name.full);
    expect(names).toEqual(
      expect.arrayContaining([
        'Qi Ma',
        'Xinyu Yan',
        'Pancheng Zhao',
        'Yu-Cheng Chou',
        'Ge-Peng Ji',
        'Tianzhu Xiang',
      ]),
    );
    // supervisors and co-advisors mentioned in passing are not group members
    for (const notMember of ['Luc Van Gool', 'Ming-Ming Cheng', 'Jufeng Yang', 'Ling Shao'])
      expect(names).not.toContain(notMember);
    expect(byName(members, 'Qi Ma').education[0]).toMatchObject({
      institution: 'Nankai University',
      degree: 'Ph.D.',
      startDate: 'Sep. 2024',
    });
    const chou = byName(members, 'Yu-Cheng Chou');
    expect(chou.education).toContainEqual(expect.objectContaining({ institution: 'WHU', degree: 'B.S.' }));
    expect(chou.education).toContainEqual(
      expect.objectContaining({ institution: 'Johns Hopkins University', degree: 'Ph.D.' }),
    );
    expect(byName(members, 'Jing Zhang').affiliations[0]).toMatchObject({
      organization: 'ANU',
      title: 'Lecturer',
      current: true,
    });
    expect(byName(members, 'Xin Li').professionalTitles).toEqual(['Senior Data Scientist']);
  });

  it('ADA lab @ UCSD: Arun Kumar as PI, a PhD student, and 18 distinct alumni', () => {
    const mentions = parsePage('adalab-ucsd--index-with-members.html');
    const [pi, ...members] = mentions;
    expect(pi?.role).toBe('profile-subject');
    expect(pi?.name.full).toBe('Arun Kumar');
    expect(pi?.emails).toEqual(['arunkk@eng.ucsd.edu']);
    expect(pi?.professionalTitles).toEqual(['Associate Professor']);
    expect(pi?.affiliations[0]).toMatchObject({
      organization: 'University of California, San Diego (UCSD)',
      department: 'CSE and HDSI',
      title: 'Associate Professor',
    });
    expect(pi?.urls).toEqual(['http://cseweb.ucsd.edu/~arunkk']);

    expect(members).toHaveLength(19);
    const names = members.map((m) => m.name.full);
    for (const notMember of ['Nadia Polikarpova', 'Paraschos Koutris', 'Ada Lovelace'])
      expect(names).not.toContain(notMember);
    const kyle = byName(members, 'Kyle Luoma');
    expect(kyle.emails).toEqual(['kluoma@ucsd.edu']);
    expect(kyle.education[0]).toMatchObject({ institution: 'UCSD', degree: 'PhD', area: 'CSE' });
    const yuhao = byName(members, 'Yuhao Zhang');
    expect(yuhao.education[0]).toMatchObject({ institution: 'UCSD', degree: 'PhD', endDate: '2023' });
    expect(yuhao.affiliations[0]).toMatchObject({ organization: 'Databricks' });
    // listed twice (BS 2021, then PhD 2024): one mention holding both degrees
    const kabir = byName(members, 'Kabir Nagrecha');
    expect(kabir.education.map((e) => `${e.degree} ${e.endDate}`)).toEqual(
      expect.arrayContaining(['PhD 2024', 'BS 2021']),
    );
    expect(byName(members, 'Lingjiao Chen').education[0]).toMatchObject({
      institution: 'UW-Madison',
      degree: 'MS',
      endDate: '2018',
    });
    expect(byName(members, 'Tara Mirmira').education).toContainEqual(
      expect.objectContaining({ institution: 'UCSD', degree: 'PhD' }),
    );
  });

  it('leaves SEC filings to the filing parsers', () => {
    for (const file of readdirSync(corpusPath('sec-filings'))) {
      const head = readFileSync(corpusPath(`sec-filings/${file}`))
        .subarray(0, 65536)
        .toString('utf8');
      expect(profileHtmlParser.detect(head), file).toBe(false);
    }
  });
});
