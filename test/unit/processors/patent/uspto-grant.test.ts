import { describe, expect, it } from 'vitest';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import type { PersonMention, RawPatent } from '../../../../processors/model/mention.js';
import { usptoParser } from '../../../../processors/patent/uspto-parser.js';
import { corpusEnvelope, describeWithCorpus } from '../../../helpers/corpus.js';

type Parsed = Extract<ParseOutcome, { status: 'parsed' }>;

function parseGrant(file: string): Parsed {
  const out = usptoParser.parse(corpusEnvelope(`uspto-grant/${file}`, 'uspto-xml'), defaultParseLimits);
  if (out.status !== 'parsed') throw new Error(`${file}: ${JSON.stringify(out)}`);
  return out;
}

function patentOf(out: Parsed): RawPatent {
  const p = out.mentions[0]?.patents[0];
  if (p === undefined) throw new Error('no patent');
  return p;
}

function who(m: PersonMention): string {
  return `${m.name.full} | ${m.location?.city ?? ''} | ${m.location?.region ?? ''} | ${m.location?.country ?? ''}`;
}

describeWithCorpus('usptoParser on real grants', () => {
  it('v4.0 (US06859910): applicant-inventor, classification-ipc strings, references-cited', () => {
    const out = parseGrant('US06859910.xml');
    expect(out.mentions.map(who)).toEqual(['John Charles Croy | Middletown | RI | US']);
    const m = out.mentions[0]!;
    expect(m.name).toEqual({
      full: 'John Charles Croy',
      given: 'John Charles',
      family: 'Croy',
      order: 'given-first',
    });
    expect(m.role).toBe('inventor');
    expect(m.mentionId).toBe(`${m.sourceId}#0`);
    expect(m.evidence[0]?.path).toBe(
      'us-patent-grant/us-bibliographic-data-grant/parties/applicants/applicant[1]',
    );
    const p = patentOf(out);
    expect(p).toMatchObject({
      number: '06859910',
      country: 'US',
      kind: 'B2',
      docType: 'grant',
      title: 'Methods and systems for transactional tunneling',
      publicationDate: '2005-02-22',
      filingDate: '2001-04-10',
      assignees: ['Bluestreak.com'],
      citationCount: 8,
      cpc: [],
    });
    // SOURCES.md counts only the main IPC (ipc=1); the document also has 3 further IPC strings.
    expect(p.ipc).toEqual(['G06F015/00', 'G06F017/00', 'G06F017/21', 'G06F017/24']);
    expect(p.abstract).toMatch(/^Methods and systems for executing an electronic transaction/);
    expect(m.affiliations).toEqual([
      expect.objectContaining({
        organization: 'Bluestreak.com',
        evidence: expect.objectContaining({ snippet: 'Bluestreak.com' }),
      }),
    ]);
    // The attorneys (Joseph H. Born, Foley Hoag LLP) are never people of the index.
    expect(JSON.stringify(out.mentions)).not.toContain('Born');
    expect(out.document).toEqual({
      sourceId: m.sourceId,
      format: 'uspto-xml',
      title: 'US 06859910 B2 · Methods and systems for transactional tunneling',
      uri: 'https://patents.google.com/patent/US6859910B2',
      date: '2005-02-22',
    });
  });

  it('v4.0 (US06857133): a single applicant-inventor and no assignee', () => {
    const out = parseGrant('US06857133.xml');
    expect(out.mentions.map(who)).toEqual(['David V. Reynolds | Phoenix | AZ | US']);
    const p = patentOf(out);
    expect(p.assignees).toEqual([]);
    expect(p.ipc).toEqual(['A41D013/00']);
    expect(out.mentions[0]!.affiliations).toEqual([]);
  });

  it('v4.1 (US07062920): five applicant-inventors, IPCR, General Electric assignee', () => {
    const out = parseGrant('US07062920.xml');
    expect(out.mentions.map(who)).toEqual([
      'Marie Ann McMasters | Mason | OH | US',
      'James Edward Thompson | Middletown | OH | US',
      'Gregory Allen Cimmarusti | Mason | OH | US',
      'James Neil Cooper | Hamilton | OH | US',
      'Glenn Edward Wiehe | Cincinnati | OH | US',
    ]);
    const p = patentOf(out);
    expect(p).toMatchObject({
      number: '07062920',
      kind: 'B2',
      publicationDate: '2006-06-20',
      filingDate: '2003-08-11',
    });
    expect(p.ipc).toEqual(['F23R 3/60']);
    expect(p.assignees).toEqual(['General Electric Company']);
    expect(p.citationCount).toBe(13);
    expect(p.inventors).toHaveLength(5);
    // Co-inventors travel with every mention.
    expect(out.mentions[4]!.patents[0]!.inventors[0]).toBe('Marie Ann McMasters');
    expect(out.mentions.every((m) => m.affiliations[0]?.organization === 'General Electric Company')).toBe(
      true,
    );
    // "Davidson, Esq." is an attorney.
    expect(JSON.stringify(out.mentions)).not.toContain('Davidson');
  });

  it('v4.2 (US07272630B2): four inventors at Microsoft', () => {
    const out = parseGrant('US07272630B2.xml');
    expect(out.mentions.map((m) => m.name.full)).toEqual([
      'John R. Douceur',
      'Marvin M. Theimer',
      'Atul Adya',
      'William J. Bolosky',
    ]);
    expect(out.mentions[3]!.location).toEqual({ city: 'Issaquah', region: 'WA', country: 'US' });
    const p = patentOf(out);
    expect(p).toMatchObject({
      number: '07272630',
      kind: 'B2',
      publicationDate: '2007-09-18',
      citationCount: 116,
    });
    expect(p.assignees).toEqual(['Microsoft Corporation']);
    expect(p.ipc).toEqual(['G06F 15/13']);
  });

  it('v4.5 (US08926509): CPC with combination sets de-duplicated, 14 IPCR', () => {
    const out = parseGrant('US08926509.xml');
    expect(out.mentions.map((m) => m.name.full)).toEqual([
      'Surendar Magar',
      'Venkateswara Rao Sattiraju',
      'Ali Niknejad',
      'Louis Yun',
      'James C. Beck',
    ]);
    const p = patentOf(out);
    // 27 classification-cpc elements (SOURCES.md's count), 19 distinct codes; main first.
    expect(p.cpc).toHaveLength(19);
    expect(p.cpc.slice(0, 3)).toEqual(['A61B 5/0205', 'A61B 5/0024', 'A61B 5/0404']);
    expect(p.cpc).toContain('A61B 2560/0209');
    expect(p.cpc).toContain('H04W 84/18');
    expect(p.ipc).toHaveLength(14);
    expect(p.assignees).toEqual(['Hmicro, Inc.']);
    expect(p.citationCount).toBe(160);
    expect(p.title).toBe('Wireless physiological sensor patches and systems');
  });

  it('v4.5 (US08927118, US09358892): Japanese inventors without a region', () => {
    const a = parseGrant('US08927118.xml');
    expect(a.mentions.map(who)).toEqual([
      'Tomoki Kato | Sodegaura |  | JP',
      'Masaki Numata | Sodegaura |  | JP',
      'Kazuki Nishimura | Sodegaura |  | JP',
      'Toshihiro Iwakuma | Sodegaura |  | JP',
      'Chishio Hosokawa | Sodegaura |  | JP',
    ]);
    expect(patentOf(a).cpc).toHaveLength(14);
    expect(patentOf(a).ipc).toHaveLength(9);
    expect(patentOf(a).assignees).toEqual(['Idemitsu Kosan Co., Ltd.']);

    const b = parseGrant('US09358892.xml');
    expect(b.mentions.map(who)).toEqual(['Geoffrey D. Gaither | Nagoya |  | JP']);
    const p = patentOf(b);
    expect(p.kind).toBe('B1');
    expect(p.cpc).toHaveLength(6);
    expect(p.cpc[0]).toBe('B60L 11/1809');
    expect(p.ipc).toHaveLength(6);
    expect(p.assignees).toEqual(['Toyota Motor Engineering & Manufacturing North America, Inc.']);
  });

  it('v4.5 (US11147202): inventor-applicant without assignee, re-indented upstream', () => {
    const out = parseGrant('US11147202.xml');
    expect(out.mentions.map(who)).toEqual(['Yeow Ng | Andover | KS | US']);
    const p = patentOf(out);
    expect(p).toMatchObject({
      number: '11147202',
      title: 'Wheeled hand truck',
      publicationDate: '2021-10-19',
    });
    expect(p.cpc).toEqual(['A01B 1/243', 'B62B 1/12', 'B62B 5/06', 'B62B 2202/70', 'B62B 2206/006']);
    expect(p.ipc).toEqual(['A01B 1/24', 'B62B 1/12', 'B62B 5/06']);
    expect(p.assignees).toEqual([]);
  });

  it('v4.7 (US11477945): three inventors, CPC/IPCR codes, agents and examiner left out', () => {
    const out = parseGrant('US11477945-20221025.ipgb.xml');
    expect(out.mentions.map(who)).toEqual([
      'William Winder Beers | Chesterland | OH | US',
      'William Erwin Cohen | Solon | OH | US',
      'Alok Srivastava | Niskayuna | NY | US',
    ]);
    const m = out.mentions[1]!;
    expect(m.evidence[0]).toEqual({
      sourceId: m.sourceId,
      path: 'us-patent-grant/us-bibliographic-data-grant/us-parties/inventors/inventor[2]',
      snippet: 'William Erwin Cohen, Solon, OH, US',
    });
    expect(m.affiliations[0]).toMatchObject({
      organization: 'CURRENT LIGHTING SOLUTIONS, LLC',
      location: { city: 'East Cleveland', region: 'OH', country: 'US' },
      evidence: { path: 'us-patent-grant/us-bibliographic-data-grant/assignees/assignee[1]' },
    });
    const p = patentOf(out);
    expect(p.cpc).toEqual(['A01G 7/045', 'A01G 9/249', 'H01J 61/44']);
    expect(p.ipc).toEqual(['A01G 7/04', 'A01G 9/24', 'H01J 61/44']);
    expect(p.citationCount).toBe(13);
    expect(p.filingDate).toBe('2020-03-12');
    expect(p.abstract).toContain('at least one of Sm2+ and Mn2+');
    const all = JSON.stringify(out);
    expect(all).not.toContain('Barlow'); // primary examiner
    expect(all).not.toContain('Maschoff'); // agent
  });

  it('v4.7 (US11477944, US11477947, US11617522): single and foreign inventors', () => {
    const a = parseGrant('US11477944-20221025.ipgb.xml');
    expect(a.mentions.map(who)).toEqual(['Wallace Wood | Dayton | OR | US']);
    expect(a.document.uri).toBe('https://patents.google.com/patent/US11477944B2');
    expect(a.document.title).toBe('US 11477944 B2 · Clutch system for twin baler');
    expect(patentOf(a).cpc).toHaveLength(4);
    expect(patentOf(a).ipc).toHaveLength(4);

    const b = parseGrant('US11477947-20221025.ipgb.xml');
    expect(b.mentions.map(who)).toEqual(['John Cooley | Gargrave Skipton |  | GB']);
    expect(patentOf(b).cpc).toEqual(['A01G 9/0295']);
    expect(patentOf(b).assignees).toEqual(['INTERNATIONAL PLANT PROPAGATION TECHNOLOGY LTD']);

    const c = parseGrant('US11617522-20230404.ipgb.xml');
    expect(c.mentions.map(who)).toEqual([
      'Xin X. Li | Shanghai |  | CN',
      'Zhiyong Liu | Shanghai |  | CN',
      'Matthew William Yavorsky | Granada Hills | CA | US',
    ]);
    expect(patentOf(c).cpc).toHaveLength(5);
    expect(patentOf(c).ipc).toHaveLength(4);
    expect(patentOf(c).assignees).toEqual(['MEDTRONIC MINIMED, INC.']);
    expect(c.document.date).toBe('2023-04-04');
  });

  it('design patents (USD...): kind S1, no abstract, Google link without zero padding', () => {
    const a = parseGrant('USD0967598-20221025.ipgb.xml');
    expect(a.mentions.map(who)).toEqual(['Justin A Mark | Ofallon | MO | US']);
    const p = patentOf(a);
    expect(p).toMatchObject({
      number: 'D0967598',
      kind: 'S1',
      title: 'Home plate shaped waffle',
      cpc: ['A23L 35/00'],
      ipc: [],
    });
    expect(p.abstract).toBeUndefined();
    expect(a.document.uri).toBe('https://patents.google.com/patent/USD967598S1');

    const b = parseGrant('USD0982278-20230404.ipgb.xml');
    expect(b.mentions.map(who)).toEqual([
      'Lauren Orlick | San Francisco | CA | US',
      'Lisa Humiston | Pacific Palisades | CA | US',
      'Sara Dorband | Pacific Palisades | CA | US',
    ]);
    expect(patentOf(b)).toMatchObject({
      cpc: [],
      ipc: [],
      assignees: ['HEARTSNUG LLC'],
      applicants: ['HeartSnug LLC'],
    });

    const c = parseGrant('USD0982279-20230404.ipgb.xml');
    expect(c.mentions.map(who)).toEqual(['Valeska Macek | Portland | OR | US']);
    expect(patentOf(c).assignees).toEqual(['NIKE, Inc.']);
  });

  it('plant patent (USPP034694): <i> in the title flattened, entity quotes kept', () => {
    const out = parseGrant('USPP034694-20221025.ipgb.xml');
    const p = patentOf(out);
    expect(p.title).toBe('Portulaca plant named \u2018DPORMPZPUP\u2019');
    expect(p).toMatchObject({
      number: 'PP034694',
      kind: 'P2',
      cpc: ['A01H 6/00'],
      ipc: ['A01H 5/02', 'A01H 6/00'],
    });
    expect(p.assignees).toEqual(['Danziger \u201cDan\u201d Flower Farm']);
    expect(p.citationCount).toBeUndefined();
    expect(out.mentions.map(who)).toEqual([
      'Pazit Sharoni | Beit Dagan |  | IL',
      'Amir Zuker | Beit Dagan |  | IL',
      'Gavriel Danziger | Beit Dagan |  | IL',
    ]);
    // Agent Cassandra Bright and examiner Kent L Bell are not inventors.
    expect(JSON.stringify(out.mentions)).not.toMatch(/Bright|Kent L/);
    expect(out.document.uri).toBe('https://patents.google.com/patent/USPP34694P2');
  });

  it('reissues (USRE...): kind E1', () => {
    const a = parseGrant('USRE049257-20221025.ipgb.xml');
    expect(a.mentions.map(who)).toEqual(['Vezio Artioli | Montréal |  | CA']);
    const p = patentOf(a);
    expect(p).toMatchObject({ number: 'RE049257', kind: 'E1', filingDate: '2020-11-12', citationCount: 51 });
    expect(p.cpc).toHaveLength(11);
    expect(p.cpc[0]).toBe('A63B 21/4035');
    expect(p.ipc).toHaveLength(6);
    expect(p.assignees).toEqual(['ORBITAL ROTATION ACCESSORY INTERNATIONAL INC.']);

    const b = parseGrant('USRE049259-20221025.ipgb.xml');
    expect(b.mentions.map(who)).toEqual([
      'John Lawler | Portland | OR | US',
      'Matt Svrcek | Redwood City | CA | US',
    ]);
    expect(patentOf(b).cpc).toHaveLength(6);
    expect(patentOf(b).ipc).toHaveLength(6);
    expect(patentOf(b).citationCount).toBe(173);
    expect(patentOf(b).assignees).toEqual(['Mainspring Energy, Inc.']);
  });

  it('the malformed corpus file (US07057742, mismatched tag) is rejected with its line', () => {
    let out: ParseOutcome | undefined;
    expect(() => {
      out = usptoParser.parse(
        corpusEnvelope('uspto-grant/malformed/US07057742.xml', 'uspto-xml'),
        defaultParseLimits,
      );
    }).not.toThrow();
    expect(out?.status).toBe('rejected');
    if (out?.status !== 'rejected') return;
    expect(out.error.code).toBe('malformed-xml');
    expect(out.error.location).toMatch(/^line 880, column \d+$/);
  });
});

describe('usptoParser.detect', () => {
  it('recognises grants and applications by content', () => {
    expect(usptoParser.detect('<?xml version="1.0"?>\n<us-patent-grant lang="EN">')).toBe(true);
    expect(usptoParser.detect('<us-patent-application lang="EN" dtd-version="v4.0 2004-12-02">')).toBe(true);
    expect(
      usptoParser.detect(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45.dtd" [ ]>',
      ),
    ).toBe(true);
  });

  it('rejects other XML and text', () => {
    expect(usptoParser.detect('<?xml version="1.0"?><ownershipDocument>')).toBe(false);
    expect(usptoParser.detect('<?xml version="1.0"?><ep-patent-document>')).toBe(false);
    expect(usptoParser.detect('{"basics":{}}')).toBe(false);
    expect(usptoParser.detect('')).toBe(false);
  });
});
