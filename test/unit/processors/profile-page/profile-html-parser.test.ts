import { describe, expect, it } from 'vitest';
import { ProcessingError } from '../../../../lib/errors.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { profileHtmlParser } from '../../../../processors/profile-page/profile-html-parser.js';
import { envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions, rejectionOf } from '../../../helpers/outcomes.js';

/** Made-up pages about fictional people. */
const JSON_LD_PAGE = `<!DOCTYPE html><html><head><title>Mirela Kostova | Kostova Group</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Kostova Group"},
  {"@type":"ProfilePage","mainEntity":{"@type":"Person","name":"Mirela Kostova","alternateName":"Мирела Костова",
    "jobTitle":"Associate Professor of Chemistry","email":"mailto:mkostova@example.edu",
    "worksFor":{"@type":"CollegeOrUniversity","name":"Northfield University","department":{"@type":"Organization","name":"Department of Chemistry"}},
    "alumniOf":[{"@type":"CollegeOrUniversity","name":"Sofia University"}],
    "knowsAbout":["catalysis",{"@type":"Thing","name":"green chemistry"}],
    "sameAs":["https://orcid.org/0000-0002-1825-0097","https://github.com/mkostova"]}}]}</script>
</head><body><h1>Welcome</h1><p>Our group studies catalysis.</p></body></html>`;

const MICRODATA_PAGE = `<!DOCTYPE html><html><head><title>People</title></head><body>
<div itemscope itemtype="https://schema.org/Person">
  <h1 itemprop="name">Tomas Eriksen</h1>
  <span itemprop="jobTitle">Research Scientist</span>
  <div itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Fjordline Robotics Institute</span></div>
  <a itemprop="email" href="mailto:t.eriksen@example.no">t.eriksen@example.no</a>
  <div itemprop="colleague" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Other</span></div>
</div></body></html>`;

const CHINESE_FACULTY_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>王晓光 - 吉林大学电子科学与工程学院</title></head><body>
<h1>王晓光</h1>
<p>研究员，博士生导师<br>吉林大学 电子科学与工程学院<br>集成光电子学国家重点实验室</p>
<p>电子邮箱：wangxg@jlu.example.cn</p>
<h2>研究方向</h2><ul><li>光电子器件</li><li>激光技术与应用</li></ul>
<h2>教育经历</h2><p>2010年获吉林大学光学工程博士学位</p>
<h2>团队成员</h2><p>博士生：李明、张伟</p>
</body></html>`;

const FACULTY_PAGE = `<html><head><title>Priya Raman - Home Page</title></head><body>
<h1>Priya Raman</h1>
<p>Professor of Computational Biology<br>Department of Biology<br>Lakeshore University</p>
<p>Contact: praman (at) bio (dot) lakeshore (dot) edu</p>
<p><a href="https://orcid.org/0000-0001-5109-3700">ORCID</a> | <a href="https://scholar.google.com/citations?user=XYZ123">Google Scholar</a></p>
<h2>Education</h2><ul><li>Ph.D. in Statistics, University of Westmoor, 2016</li><li>B.Sc. in Mathematics, Eastfield College, 2010</li></ul>
<h2>Lab Members</h2><ul>
<li><b>Jonah Ellery</b>, PhD student</li>
<li>Open positions: we are hiring!</li>
<li>Past Projects and Publications</li>
</ul></body></html>`;

function parse(body: string | Buffer, contentType?: string): ParseOutcome {
  const envelope = envelopeOf(body, 'profile-html');
  return profileHtmlParser.parse(
    contentType === undefined ? envelope : { ...envelope, contentType },
    defaultParseLimits,
  );
}

const mentions = (body: string): PersonMention[] => parsedMentions(parse(body));

function rejection(body: string | Buffer): ProcessingError {
  const error = rejectionOf(() => parse(body));
  expect(error).toBeInstanceOf(ProcessingError);
  return error;
}

describe('profileHtmlParser.detect', () => {
  it('accepts HTML pages', () => {
    expect(profileHtmlParser.detect(JSON_LD_PAGE)).toBe(true);
    expect(profileHtmlParser.detect('\n  <!-- generated --><!doctype html><title>x</title>')).toBe(true);
    expect(
      profileHtmlParser.detect(
        '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body></body></html>',
      ),
    ).toBe(true);
  });

  it('rejects SEC filings and non-HTML', () => {
    expect(
      profileHtmlParser.detect('<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p>'),
    ).toBe(false);
    expect(
      profileHtmlParser.detect(
        '<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><ix:nonNumeric name="dei:DocumentType">8-K',
      ),
    ).toBe(false);
    expect(profileHtmlParser.detect('<SEC-DOCUMENT>0000320193-22-000061.txt : 20220405\n<html>')).toBe(false);
    expect(profileHtmlParser.detect('{"basics": {"name": "x"}}')).toBe(false);
    expect(profileHtmlParser.detect('张三，男，1970年出生')).toBe(false);
  });
});

describe('profileHtmlParser.parse on made-up pages', () => {
  it('reads a JSON-LD Person inside @graph / ProfilePage', () => {
    const [m, ...rest] = mentions(JSON_LD_PAGE);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({
      role: 'profile-subject',
      name: { full: 'Mirela Kostova' },
      otherNames: ['Мирела Костова'],
      emails: ['mkostova@example.edu'],
      orcid: '0000-0002-1825-0097',
      professionalTitles: ['Associate Professor of Chemistry'],
      skills: ['catalysis', 'green chemistry'],
    });
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'Northfield University',
      department: 'Department of Chemistry',
      title: 'Associate Professor of Chemistry',
      current: true,
    });
    expect(m?.education[0]).toMatchObject({ institution: 'Sofia University' });
    expect(m?.urls).toContain('https://github.com/mkostova');
  });

  it('reads a microdata Person and ignores the nested colleague', () => {
    const all = mentions(MICRODATA_PAGE);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      name: { full: 'Tomas Eriksen' },
      emails: ['t.eriksen@example.no'],
      professionalTitles: ['Research Scientist'],
    });
    expect(all[0]?.affiliations[0]).toMatchObject({
      organization: 'Fjordline Robotics Institute',
      title: 'Research Scientist',
    });
  });

  it('reads a Chinese faculty page (吉林大学 研究员) with its students', () => {
    const [m, ...members] = mentions(CHINESE_FACULTY_PAGE);
    expect(m?.name).toEqual({ full: '王晓光', order: 'surname-first' });
    expect(m?.professionalTitles).toEqual(['研究员', '博士生导师']);
    expect(m?.affiliations[0]).toMatchObject({
      organization: '吉林大学',
      department: '电子科学与工程学院',
      title: '研究员',
      current: true,
    });
    expect(m?.emails).toEqual(['wangxg@jlu.example.cn']);
    expect(m?.skills).toEqual(['光电子器件', '激光技术与应用']);
    expect(m?.education[0]).toMatchObject({
      institution: '吉林大学',
      area: '光学工程',
      degree: '博士',
      endDate: '2010',
    });
    expect(members.map((x) => [x.name.full, x.role])).toEqual([
      ['李明', 'group-member'],
      ['张伟', 'group-member'],
    ]);
    // the group's research areas, stated once under its head, are its members' field too
    for (const x of members)
      expect(x.skills).toEqual(expect.arrayContaining(['光电子器件', '激光技术与应用']));
  });

  it('reads a plain faculty page: title block, obfuscated e-mail, ORCID link, degree lines, precise members', () => {
    const [m, ...members] = mentions(FACULTY_PAGE);
    expect(m?.name.full).toBe('Priya Raman');
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'Lakeshore University',
      department: 'Department of Biology',
      title: 'Professor of Computational Biology',
    });
    expect(m?.emails).toEqual(['praman@bio.lakeshore.edu']);
    expect(m?.orcid).toBe('0000-0001-5109-3700');
    expect(m?.urls).toContain('https://scholar.google.com/citations?user=XYZ123');
    expect(m?.education).toEqual([
      expect.objectContaining({
        institution: 'University of Westmoor',
        degree: 'Ph.D.',
        area: 'Statistics',
        endDate: '2016',
      }),
      expect.objectContaining({
        institution: 'Eastfield College',
        degree: 'B.Sc.',
        area: 'Mathematics',
        endDate: '2010',
      }),
    ]);
    expect(members.map((x) => x.name.full)).toEqual(['Jonah Ellery']);
    expect(members[0]?.professionalTitles).toEqual(['PhD student']);
  });
});

describe('profileHtmlParser.parse on bad input', () => {
  it('a page with no person is no-person', () => {
    const error = rejection(
      '<!DOCTYPE html><html><head><title>Acme Widgets - Products</title></head><body><h1>Our Products</h1><p>We sell widgets.</p></body></html>',
    );
    expect(error.code).toBe('no-person');
  });

  it('empty input is empty-input', () => {
    expect(rejection('').code).toBe('empty-input');
  });

  it('invalid UTF-8 is invalid-encoding', () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><body><h1>Ana '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' Lopez</h1></body></html>'),
    ]);
    expect(rejection(bytes).code).toBe('invalid-encoding');
  });

  it('text without markup is unsupported-document', () => {
    expect(rejection('Jane Roe, Professor of Law').code).toBe('unsupported-document');
  });

  it('an SEC filing given to this parser is unsupported-document', () => {
    expect(
      rejection('<html><body><p>SECURITIES AND EXCHANGE COMMISSION</p><p>John Q. Director</p></body></html>')
        .code,
    ).toBe('unsupported-document');
  });

  it('honours a <meta charset> the transport did not state (GBK faculty pages)', () => {
    const head = Buffer.from('<html><head><meta charset="gbk"></head><body><h1>');
    const name = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]); // 张三 in GBK
    const tail = Buffer.from('</h1></body></html>');
    const outcome = parse(Buffer.concat([head, name, tail]), 'text/html');
    if (outcome.status !== 'parsed') throw new Error(JSON.stringify(outcome));
    expect(outcome.mentions[0]?.name.full).toBe('张三');
  });
});

describe('profileHtmlParser.parse on hostile markup', () => {
  it('does not overflow on deeply nested elements', () => {
    const deep = `<html><body><h1>Priya Raman</h1>${'<div>'.repeat(20000)}x${'</div>'.repeat(20000)}</body></html>`;
    let outcome: ParseOutcome | undefined;
    expect(() => {
      outcome = parse(deep);
    }).not.toThrow();
    if (outcome?.status === 'rejected') expect(outcome.error.code).toBe('too-deep');
    else expect(outcome?.status).toBe('parsed');
  });
});
