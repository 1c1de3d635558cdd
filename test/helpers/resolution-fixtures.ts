import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { madeUpGrant, type MadeUpInventor } from '../fixtures/patent/made-up-patents.js';

/**
 * MADE-UP input files (fictional people and companies) for the person-resolution suites: USPTO
 * grants and JSON Resume files in their real formats, naming a few people with the spelling
 * variation real sources have, plus namesakes a careful reader keeps apart. Every mention is
 * labelled with the person it really is, so a suite can check the whole grouping.
 *
 * A mention is labelled `<file name>#<n>`: the n-th inventor of a grant (in document order), or
 * `#0` for the subject of a résumé — the same numbering as the parsers' mention ids.
 */

export interface FixtureFile {
  name: string;
  body: string;
}

export interface ResolutionFixture {
  files: FixtureFile[];
  /** Person key → labels of every mention of them. */
  people: Map<string, string[]>;
}

interface GrantSpec {
  file: string;
  number: string;
  /** Publication date, `YYYYMMDD`. */
  published: string;
  /** Filing date, `YYYYMMDD`. */
  filed: string;
  title: string;
  assignee: Assignee;
  cpc: string[];
  /** Each inventor with the person they are. */
  inventors: Array<[person: string, inventor: MadeUpInventor]>;
}

interface Assignee {
  name: string;
  city: string;
  state?: string;
  country: string;
}

interface ResumeSpec {
  file: string;
  person: string;
  resume: Record<string, unknown>;
}

/** `H01S 5/183` → a `<classification-cpc>` element in the grant's own shape. */
function cpcXml(code: string): string {
  const m = /^([A-H])(\d{2})([A-Z])\s*(\d+)\/(\d+)$/.exec(code);
  if (m === null) throw new Error(`not a CPC code: ${code}`);
  const [, section, cls, subclass, group, subgroup] = m;
  return `<classification-cpc><cpc-version-indicator><date>20130101</date></cpc-version-indicator><section>${section}</section><class>${cls}</class><subclass>${subclass}</subclass><main-group>${group}</main-group><subgroup>${subgroup}</subgroup><symbol-position>F</symbol-position><classification-value>I</classification-value></classification-cpc>`;
}

function address(a: Assignee): string {
  return `<city>${a.city}</city>${a.state === undefined ? '' : `<state>${a.state}</state>`}<country>${a.country}</country>`;
}

function grantXml(g: GrantSpec): string {
  const [main, ...further] = g.cpc;
  const classes =
    main === undefined
      ? ''
      : `<classifications-cpc><main-cpc>${cpcXml(main)}</main-cpc>${
          further.length > 0 ? `<further-cpc>${further.map(cpcXml).join('')}</further-cpc>` : ''
        }</classifications-cpc>`;
  return (
    madeUpGrant({
      number: g.number,
      title: g.title,
      assignee: g.assignee.name,
      inventors: g.inventors.map(([, inventor]) => inventor),
      extraBiblio: classes,
      abstract: `${g.title}.`,
      description: `${g.title}, described.`,
    })
      // The template's dates, applicant and addresses are fixed; each made-up grant gets its own.
      .replaceAll('20300101', g.published)
      .replaceAll('20280315', g.filed)
      .replaceAll('<orgname>Acme Widgets LLC</orgname>', `<orgname>${g.assignee.name}</orgname>`)
      .replaceAll('<city>Gotham</city><state>NY</state><country>US</country>', address(g.assignee))
  );
}

const LUMORA: Assignee = { name: 'Lumora Photonics Co., Ltd.', city: 'Shenzhen', country: 'CN' };
const GULF: Assignee = {
  name: 'Gulf Coast Drilling Fluids Inc.',
  city: 'Houston',
  state: 'TX',
  country: 'US',
};
const BRIGHTWATER: Assignee = {
  name: 'Brightwater Medical Devices Inc.',
  city: 'Minneapolis',
  state: 'MN',
  country: 'US',
};
const RIDGELINE: Assignee = {
  name: 'Ridgeline Aerospace Corp.',
  city: 'Wichita',
  state: 'KS',
  country: 'US',
};

const shenzhen = { city: 'Shenzhen', country: 'CN' };
const houston = { city: 'Houston', state: 'TX', country: 'US' };
const minneapolis = { city: 'Minneapolis', state: 'MN', country: 'US' };
const wichita = { city: 'Wichita', state: 'KS', country: 'US' };

const GRANTS: GrantSpec[] = [
  // Jianhua Zhang of Lumora Photonics (Shenzhen, lasers and optical couplers), written four ways,
  // always with one or both of the same two co-inventors.
  {
    file: 'us11000001.xml',
    number: '11000001',
    published: '20220405',
    filed: '20200611',
    title: 'Vertical-cavity laser with oxide aperture',
    assignee: LUMORA,
    cpc: ['H01S 5/183', 'G02B 6/42'],
    inventors: [
      ['zhang-lumora', { last: 'Zhang', first: 'Jianhua', ...shenzhen }],
      ['hou-lumora', { last: 'Hou', first: 'Meiling', ...shenzhen }],
      ['renner-lumora', { last: 'Renner', first: 'Tobias', ...shenzhen }],
    ],
  },
  {
    file: 'us11000002.xml',
    number: '11000002',
    published: '20220906',
    filed: '20201102',
    title: 'Optical coupler for laser arrays',
    assignee: LUMORA,
    cpc: ['G02B 6/42', 'H01S 5/183'],
    inventors: [
      ['zhang-lumora', { last: 'Zhang', first: 'Jian-Hua', ...shenzhen }],
      ['renner-lumora', { last: 'Renner', first: 'Tobias', ...shenzhen }],
    ],
  },
  {
    file: 'us11000003.xml',
    number: '11000003',
    published: '20230307',
    filed: '20210419',
    title: 'Wafer-level test of surface-emitting lasers',
    assignee: LUMORA,
    cpc: ['H01S 5/183'],
    inventors: [
      ['hou-lumora', { last: 'Hou', first: 'Meiling', ...shenzhen }],
      ['zhang-lumora', { last: 'ZHANG', first: 'Jianhua', ...shenzhen }],
    ],
  },
  {
    file: 'us11000004.xml',
    number: '11000004',
    published: '20230815',
    filed: '20210930',
    title: 'Laser driver with thermal compensation',
    assignee: LUMORA,
    cpc: ['H01S 5/183', 'H01S 5/042'],
    inventors: [
      ['zhang-lumora', { last: 'Zhang', first: 'Jian Hua', ...shenzhen }],
      ['hou-lumora', { last: 'Hou', first: 'Mei-Ling', ...shenzhen }],
      ['renner-lumora', { last: 'Renner', first: 'Tobias', ...shenzhen }],
    ],
  },
  {
    file: 'us11000005.xml',
    number: '11000005',
    published: '20240227',
    filed: '20220614',
    title: 'Beam-shaping lens for laser modules',
    assignee: LUMORA,
    cpc: ['G02B 6/42'],
    inventors: [
      ['zhang-lumora', { last: 'Zhang', first: 'Jianhua', ...shenzhen }],
      ['renner-lumora', { last: 'Renner', first: 'Tobias', ...shenzhen }],
    ],
  },
  // Jianguo Zhang: same employer and co-inventor as Jianhua, another given name.
  {
    file: 'us11000006.xml',
    number: '11000006',
    published: '20240521',
    filed: '20220905',
    title: 'Heat spreader for laser packages',
    assignee: LUMORA,
    cpc: ['H01S 5/024'],
    inventors: [
      ['renner-lumora', { last: 'Renner', first: 'Tobias', ...shenzhen }],
      ['zhang-jianguo-lumora', { last: 'Zhang', first: 'Jianguo', ...shenzhen }],
    ],
  },
  // Another Jianhua Zhang: drilling fluids in Houston, other co-inventor, other assignee.
  {
    file: 'us11000011.xml',
    number: '11000011',
    published: '20220712',
    filed: '20200915',
    title: 'Shale inhibitor for water-based drilling fluids',
    assignee: GULF,
    cpc: ['C09K 8/03'],
    inventors: [
      ['zhang-gulf', { last: 'Zhang', first: 'Jianhua', ...houston }],
      ['fuller-gulf', { last: 'Fuller', first: 'Brandon', ...houston }],
    ],
  },
  {
    file: 'us11000012.xml',
    number: '11000012',
    published: '20231010',
    filed: '20211208',
    title: 'Viscosifier stable at high temperature',
    assignee: GULF,
    cpc: ['C09K 8/035'],
    inventors: [
      ['fuller-gulf', { last: 'Fuller', first: 'Brandon', ...houston }],
      ['zhang-gulf', { last: 'Zhang', first: 'Jianhua', ...houston }],
    ],
  },
  // Katherine M. Adams of Brightwater Medical (Minneapolis), as Katherine M., Kate and K.
  {
    file: 'us11000021.xml',
    number: '11000021',
    published: '20220301',
    filed: '20200514',
    title: 'Catheter with pressure-sensing tip',
    assignee: BRIGHTWATER,
    cpc: ['A61B 5/0215'],
    inventors: [
      ['adams-brightwater', { last: 'Adams', first: 'Katherine M.', ...minneapolis }],
      ['lindqvist-brightwater', { last: 'Lindqvist', first: 'Oskar', ...minneapolis }],
    ],
  },
  {
    file: 'us11000022.xml',
    number: '11000022',
    published: '20230124',
    filed: '20210308',
    title: 'Wireless readout for implanted pressure sensors',
    assignee: BRIGHTWATER,
    cpc: ['A61B 5/0215', 'A61B 5/00'],
    inventors: [
      ['lindqvist-brightwater', { last: 'Lindqvist', first: 'Oskar', ...minneapolis }],
      ['adams-brightwater', { last: 'Adams', first: 'Kate', ...minneapolis }],
    ],
  },
  {
    file: 'us11000023.xml',
    number: '11000023',
    published: '20240109',
    filed: '20220221',
    title: 'Calibration of catheter pressure sensors',
    assignee: BRIGHTWATER,
    cpc: ['A61B 5/0215'],
    inventors: [
      ['adams-brightwater', { last: 'Adams', first: 'K.', ...minneapolis }],
      ['lindqvist-brightwater', { last: 'Lindqvist', first: 'Oskar', ...minneapolis }],
    ],
  },
  // Kevin Adams: the same name block (adams|k) as Katherine, another employer, field and state.
  {
    file: 'us11000031.xml',
    number: '11000031',
    published: '20230530',
    filed: '20210716',
    title: 'Morphing trailing edge for wings',
    assignee: RIDGELINE,
    cpc: ['B64C 3/48'],
    inventors: [
      ['adams-ridgeline', { last: 'Adams', first: 'Kevin', ...wichita }],
      ['okafor-ridgeline', { last: 'Okafor', first: 'Chidi', ...wichita }],
    ],
  },
];

const RESUMES: ResumeSpec[] = [
  {
    file: 'katherine-adams.json',
    person: 'adams-brightwater',
    resume: {
      basics: {
        name: 'Katherine Adams',
        label: 'Senior R&D Engineer',
        email: 'katherine.adams@brightwatermedical.com',
        location: { city: 'Minneapolis', region: 'MN', countryCode: 'US' },
      },
      work: [
        {
          name: 'Brightwater Medical Devices',
          position: 'Senior R&D Engineer',
          startDate: '2019-06-01',
        },
        {
          name: 'Northfield Instruments',
          position: 'Design Engineer',
          startDate: '2014-09-01',
          endDate: '2019-05-31',
        },
      ],
      education: [
        { institution: 'University of Minnesota', area: 'Biomedical Engineering', studyType: 'MS' },
      ],
      skills: [{ name: 'Pressure sensors' }, { name: 'Catheter design' }],
    },
  },
  {
    file: 'kevin-adams.json',
    person: 'adams-ridgeline',
    resume: {
      basics: {
        name: 'Kevin Adams',
        label: 'Aerostructures Engineer',
        location: { city: 'Wichita', region: 'KS', countryCode: 'US' },
      },
      work: [{ name: 'Ridgeline Aerospace', position: 'Aerostructures Engineer', startDate: '2018-02-01' }],
      education: [
        { institution: 'Wichita State University', area: 'Aerospace Engineering', studyType: 'BS' },
      ],
    },
  },
  {
    file: 'zhang-jianhua.json',
    person: 'zhang-lumora',
    resume: {
      basics: {
        name: '张建华',
        label: 'Principal Laser Engineer',
        location: { city: 'Shenzhen', countryCode: 'CN' },
      },
      work: [{ name: 'Lumora Photonics', position: 'Principal Laser Engineer', startDate: '2017-07-01' }],
      skills: [{ name: 'VCSEL' }, { name: 'Optical coupling' }],
    },
  },
];

function build(grants: readonly GrantSpec[], resumes: readonly ResumeSpec[]): ResolutionFixture {
  const files: FixtureFile[] = [];
  const people = new Map<string, string[]>();
  const note = (person: string, label: string): void => {
    const list = people.get(person) ?? [];
    list.push(label);
    people.set(person, list);
  };
  for (const g of grants) {
    files.push({ name: g.file, body: grantXml(g) });
    g.inventors.forEach(([person], n) => note(person, `${g.file}#${n}`));
  }
  for (const r of resumes) {
    files.push({ name: r.file, body: `${JSON.stringify(r.resume, null, 2)}\n` });
    note(r.person, `${r.file}#0`);
  }
  for (const labels of people.values()) labels.sort();
  return { files, people };
}

/** Four people with spelling variants, their co-inventors, and two namesakes to keep apart. */
export function resolutionFixture(): ResolutionFixture {
  return build(GRANTS, RESUMES);
}

/**
 * A grant of yet another "K. Adams" (robotics in Boston, another assignee and co-inventor): in
 * Katherine Adams' name block, but nothing else ties it to her.
 */
export function anotherKAdamsFixture(): ResolutionFixture {
  return build(
    [
      {
        file: 'us11000041.xml',
        number: '11000041',
        published: '20240618',
        filed: '20220809',
        title: 'Compliant gripper for parcel handling',
        assignee: { name: 'Harborview Robotics Inc.', city: 'Boston', state: 'MA', country: 'US' },
        cpc: ['B25J 15/00'],
        inventors: [
          ['adams-harborview', { last: 'Adams', first: 'K.', city: 'Boston', state: 'MA', country: 'US' }],
          ['novak-harborview', { last: 'Novak', first: 'Petra', city: 'Boston', state: 'MA', country: 'US' }],
        ],
      },
    ],
    [],
  );
}

/** A fixed modification time, so the records' fetch times (and the profiles) are the same on every run. */
const FETCHED = new Date('2025-06-01T12:00:00Z');

/** Writes the files into `dir`; returns their paths in the fixture's order. */
export function writeFixture(dir: string, fixture: ResolutionFixture): string[] {
  mkdirSync(dir, { recursive: true });
  return fixture.files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.body);
    utimesSync(path, FETCHED, FETCHED);
    return path;
  });
}
