import { expect, it } from 'vitest';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import type { PersonMention, RawPatent } from '../../../../processors/model/mention.js';
import { usptoParser } from '../../../../processors/patent/uspto-parser.js';
import { corpusEnvelope, describeWithCorpus } from '../../../helpers/corpus.js';

type Parsed = Extract<ParseOutcome, { status: 'parsed' }>;

function parseApp(file: string): Parsed {
  const out = usptoParser.parse(corpusEnvelope(`uspto-application/${file}`, 'uspto-xml'), defaultParseLimits);
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

describeWithCorpus('usptoParser on real applications', () => {
  it('v4.0 (US20050000001A1): no XML declaration, applicant-inventor, correspondence address left out', () => {
    const out = parseApp('US20050000001A1.xml');
    expect(out.mentions.map(who)).toEqual(['Tina Goldkind | St. James | NY | US']);
    expect(out.mentions[0]!.nationality).toBe('US');
    const p = patentOf(out);
    expect(p).toMatchObject({
      number: '20050000001',
      kind: 'A1',
      docType: 'application',
      title: 'Novelty jeans',
      publicationDate: '2005-01-06',
      filingDate: '2004-08-02',
      ipc: ['A41D001/06'],
      cpc: [],
      assignees: [],
      applicants: ['Tina Goldkind'],
    });
    expect(p.citationCount).toBeUndefined();
    expect(p.abstract).toMatch(/^Novelty play jeans for children/);
    expect(JSON.stringify(out)).not.toContain('SCHWEITZER');
    expect(out.document.uri).toBe('https://patents.google.com/patent/US20050000001A1');
  });

  it('v4.0 (US20050004437A1): two Swiss applicant-inventors', () => {
    const out = parseApp('US20050004437A1.xml');
    expect(out.mentions.map(who)).toEqual([
      'Heiner Kaufmann | Bern |  | CH',
      'Thomas Vering | Bremgarten b. Bern |  | CH',
    ]);
    expect(patentOf(out)).toMatchObject({
      ipc: ['A61B005/00'],
      inventors: ['Heiner Kaufmann', 'Thomas Vering'],
    });
  });

  it('v4.4 (US20150075015A2): inventor listed both as applicant-inventor and inventor yields one mention', () => {
    const out = parseApp('US20150075015A2.xml');
    expect(out.mentions.map(who)).toEqual(['Thomas J. Bucco | Setauket | NY | US']);
    expect(out.mentions[0]!.evidence[0]!.path).toBe(
      'us-patent-application/us-bibliographic-data-application/us-parties/inventors/inventor[1]',
    );
    expect(patentOf(out)).toMatchObject({
      number: '20150075015',
      kind: 'A2',
      title: 'RAZOR WITH CUTTING BLADE ROTATABLE ABOUT MULTIPLE AXES',
      cpc: ['B26B 21/521'],
      ipc: ['B26B 21/52'],
      publicationDate: '2015-03-19',
      filingDate: '2014-05-01',
    });
  });

  it('v4.4 (US20210267109A1): 4 CPC and 4 IPCR codes', () => {
    const out = parseApp('US20210267109A1.xml');
    expect(out.mentions.map(who)).toEqual(["Daniel O'Keefe | Jefferson Valley | NY | US"]);
    const p = patentOf(out);
    expect(p.cpc).toEqual(['A01B 1/04', 'A01D 11/06', 'B08B 13/00', 'B08B 1/005']);
    expect(p.ipc).toEqual(['A01B 1/04', 'B08B 1/00', 'B08B 13/00', 'A01D 11/06']);
    expect(p.publicationDate).toBe('2021-09-02');
  });

  it('v4.5 (US20220159901A1, US20220160114A2): foreign inventors; organisation applicant as employer', () => {
    const a = parseApp('US20220159901A1.xml');
    expect(a.mentions.map(who)).toEqual(['Ariel Alberto Antonio Spinsanti | Provincia Santa Fe |  | AR']);
    expect(patentOf(a)).toMatchObject({
      cpc: ['A01C 7/04'],
      ipc: ['A01C 7/04'],
      title: 'SEED DISTRIBUTOR USED FOR AGRICULTURAL MACHINES',
    });

    const b = parseApp('US20220160114A2.xml');
    expect(b.mentions.map(who)).toEqual(['Matthew Bevis | Vancouver |  | CA']);
    const p = patentOf(b);
    expect(p).toMatchObject({ cpc: ['A45F 3/047', 'A45F 3/02'], ipc: ['A45F 3/04', 'A45F 3/02'] });
    expect(p.assignees).toEqual([]);
    expect(p.applicants).toEqual(['BEVIS GEAR INC.']);
    // No assignee on the application: the organisation applicant stands in.
    expect(b.mentions[0]!.affiliations.map((x) => x.organization)).toEqual(['BEVIS GEAR INC.']);
  });

  it('v4.6 (US20220240350A1): 10 inventor entries, each person listed twice, give 5 mentions', () => {
    const out = parseApp('US20220240350A1.xml');
    expect(out.mentions.map(who)).toEqual([
      'Arnoldo RETA | St. Petersburg | FL | US',
      'Sai Guruva AVUTHU | St. Petersburg | FL | US',
      'MaryAlice GILL | St. Petersburg | FL | US',
      'Nabel M. GHALIB | St. Petersburg | FL | US',
      'Mark Edward SUSSMAN | St. Petersburg | FL | US',
    ]);
    const p = patentOf(out);
    expect(p).toMatchObject({
      number: '20220240350',
      kind: 'A1',
      publicationDate: '2022-07-28',
      filingDate: '2022-04-11',
      assignees: ['JABIL INC.'],
      cpc: ['H05B 1/0272', 'A41D 13/0051', 'H05B 3/34', 'H05B 3/145'],
      ipc: ['H05B 1/02', 'H05B 3/14', 'H05B 3/34'],
    });
    expect(out.mentions[4]!.affiliations[0]).toMatchObject({ organization: 'JABIL INC.' });
    expect(out.document.title).toBe(
      'US 20220240350 A1 · APPARATUS, SYSTEM AND METHOD OF PROVIDING A CONFORMABLE HEATER IN WEARABLES',
    );
  });
});
