import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { secOwnershipParser } from '../../../../processors/filing/ownership-parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { corpusEnvelope, corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';

/**
 * Every ownership document of the corpus, checked against the table in SOURCES.md (issuer, CIK,
 * owners and relationship flags), plus values read from each file (ticker, period, owner CIK).
 * Flags: D director, O officer, T ten-percent owner, X other; text after ':' is the title.
 */
interface Expected {
  form: string;
  issuer: string;
  issuerCik: string;
  ticker: string;
  period: string;
  /** People kept: [name, owner CIK, flags, title]. */
  people: [string, string, string, string?][];
  /** Organisations among the owners, which must be skipped. */
  organisations: string[];
}

const corpus: Record<string, Expected> = {
  'form3-blacksky-technology-inc-mithril-gp-lp-0000899243-21-036608.xml': {
    form: '3',
    issuer: 'BlackSky Technology Inc.',
    issuerCik: '0001753539',
    ticker: 'BKSY',
    period: '2021-09-09',
    people: [
      ['Royan Ajay', '0001875614', 'T'],
      ['THIEL PETER', '0001211060', 'T'],
    ],
    organisations: ['Mithril GP LP', 'Mithril LP', 'Mithril II UGP LLC', 'Mithril II GP LP', 'MITHRIL II LP'],
  },
  'form3-linkedin-corp-hoffman-reid-0001181431-11-030813.xml': {
    form: '3',
    issuer: 'LINKEDIN CORP',
    issuerCik: '0001271024',
    ticker: 'LNKD',
    period: '2011-05-18',
    people: [['Hoffman Reid', '0001519339', 'DT']],
    organisations: ['Reid Hoffman & Michelle Yee Living Trust'],
  },
  'form3-oscar-health-inc-thiel-peter-0001209191-21-017168.xml': {
    form: '3',
    issuer: 'Oscar Health, Inc.',
    issuerCik: '0001568651',
    ticker: 'OSCR',
    period: '2021-03-03',
    people: [
      ['THIEL PETER', '0001211060', 'T'],
      ['Singerman Brian Aaron', '0001835462', 'T'],
    ],
    organisations: [],
  },
  'form3-snowflake-berkshire-buffett.xml': {
    form: '3',
    issuer: 'Snowflake Inc.',
    issuerCik: '0001640147',
    ticker: 'SNOW',
    period: '2020-09-18',
    people: [['BUFFETT WARREN E', '0000315090', 'T']],
    organisations: ['BERKSHIRE HATHAWAY INC'],
  },
  'form3-sunpower-hegde-nosecurities.xml': {
    form: '3',
    issuer: 'SUNPOWER CORP',
    issuerCik: '0000867773',
    ticker: 'SPWR',
    period: '2021-12-31',
    people: [['Hegde Vinayak', '0001698764', 'D']],
    organisations: [],
  },
  'form3-zynga-inc-hoffman-reid-0001209191-11-061529.xml': {
    form: '3',
    issuer: 'ZYNGA INC',
    issuerCik: '0001439404',
    ticker: 'ZNGA',
    period: '2011-12-15',
    people: [['Hoffman Reid', '0001519339', 'D']],
    organisations: [],
  },
  'form4-0000320193-22-000061-apple-adams.xml': {
    form: '4',
    issuer: 'Apple Inc.',
    issuerCik: '0000320193',
    ticker: 'AAPL',
    period: '2022-05-04',
    people: [['Adams Katherine L.', '0001462356', 'O', 'SVP, GC and Secretary']],
    organisations: [],
  },
  'form4-0001127602-25-001055.xml': {
    form: '4',
    issuer: 'AAR CORP',
    issuerCik: '0000001750',
    ticker: 'AIR',
    period: '2025-01-10',
    people: [['Garascia Jessica A.', '0001806647', 'O', 'Senior VP, GC, CAO & Secretary']],
    organisations: [],
  },
  'form4-0001562180-25-000280.xml': {
    form: '4',
    issuer: '2seventy bio, Inc.',
    issuerCik: '0001860782',
    ticker: 'TSVT',
    period: '2025-01-06',
    people: [['Snow Jessica', '0002009134', 'O', 'See Remarks']],
    organisations: [],
  },
  'form4-adagio-therapeutics-inc-mithril-ii-lp-0000899243-22-012864.xml': {
    form: '4',
    issuer: 'Adagio Therapeutics, Inc.',
    issuerCik: '0001832038',
    ticker: 'ADGI',
    period: '2022-03-28',
    people: [['THIEL PETER', '0001211060', 'TX', 'See Remarks']],
    organisations: ['MITHRIL II LP', 'Mithril II GP LP', 'Mithril II UGP LLC'],
  },
  'form4-affirm-holdings-inc-rabois-keith-0001628280-24-030951.xml': {
    form: '4',
    issuer: 'Affirm Holdings, Inc.',
    issuerCik: '0001820953',
    ticker: 'AFRM',
    period: '2024-07-01',
    people: [['Rabois Keith', '0001539865', 'D']],
    organisations: [],
  },
  'form4-aurora-innovation-inc-hoffman-reid-0001828108-23-000105.xml': {
    form: '4',
    issuer: 'Aurora Innovation, Inc.',
    issuerCik: '0001828108',
    ticker: 'AUR',
    period: '2023-05-26',
    people: [['Hoffman Reid', '0001519339', 'D']],
    organisations: [],
  },
  'form4-facebook-inc-thiel-peter-0001127602-19-022305.xml': {
    form: '4',
    issuer: 'Facebook Inc',
    issuerCik: '0001326801',
    ticker: 'FB',
    period: '2019-06-17',
    people: [['THIEL PETER', '0001211060', 'D']],
    organisations: [],
  },
  'form4-fractyl-health-inc-mithril-lp-0000950170-24-012830.xml': {
    form: '4',
    issuer: 'Fractyl Health, Inc.',
    issuerCik: '0001572616',
    ticker: 'GUTS',
    period: '2024-02-06',
    people: [['THIEL PETER', '0001211060', 'T']],
    organisations: ['Mithril LP', 'Mithril II UGP LLC', 'Mithril II GP LP', 'MITHRIL II LP', 'Mithril GP LP'],
  },
  'form4-hippo-holdings-inc-hoffman-reid-0000899243-21-031284.xml': {
    form: '4',
    issuer: 'Hippo Holdings Inc.',
    issuerCik: '0001828105',
    ticker: 'HIPO',
    period: '2021-08-02',
    people: [['Hoffman Reid', '0001519339', 'X', 'Former Director and 10% Owner']],
    organisations: [],
  },
  'form4-microsoft-corp-hoffman-reid-0001062993-21-005355.xml': {
    form: '4',
    issuer: 'MICROSOFT CORP',
    issuerCik: '0000789019',
    ticker: 'MSFT',
    period: '2021-06-02',
    people: [['Hoffman Reid', '0001519339', 'D']],
    organisations: [],
  },
  'form4-solarcity-corp-musk-elon-0001288257-12-000028.xml': {
    form: '4',
    issuer: 'SOLARCITY CORP',
    issuerCik: '0001408356',
    ticker: 'SCTY',
    period: '2012-12-26',
    people: [['Musk Elon', '0001494730', 'DT']],
    organisations: [],
  },
  'form4-tesla-motors-inc-musk-elon-0001494730-11-000006.xml': {
    form: '4',
    issuer: 'TESLA MOTORS INC',
    issuerCik: '0001318605',
    ticker: 'TSLA',
    period: '2011-06-08',
    people: [['Musk Elon', '0001494730', 'DOT', 'Chief Executive Officer']],
    organisations: [],
  },
  'form4-vertex-sachs-director-derivative-only.xml': {
    form: '4',
    issuer: 'VERTEX PHARMACEUTICALS INC / MA',
    issuerCik: '0000875320',
    ticker: 'VRTX',
    period: '2020-10-15',
    people: [['SACHS BRUCE I', '0001197036', 'D']],
    organisations: [],
  },
  'form4-yahoo-inc-levchin-max-r-0001179110-12-017549.xml': {
    form: '4',
    issuer: 'YAHOO INC',
    issuerCik: '0001011006',
    ticker: 'YHOO',
    period: '2012-12-11',
    people: [['Levchin Max R', '0001539853', 'D']],
    organisations: [],
  },
  'form5-mongodb-inc-botha-roelof-0001441816-20-000060.xml': {
    form: '5',
    issuer: 'MongoDB, Inc.',
    issuerCik: '0001441816',
    ticker: 'MDB',
    period: '2020-01-31',
    people: [['BOTHA ROELOF', '0001222287', 'D']],
    organisations: [],
  },
  'form5-tesla-inc-musk-elon-0000899243-22-006240.xml': {
    form: '5',
    issuer: 'Tesla, Inc.',
    issuerCik: '0001318605',
    ticker: 'TSLA',
    period: '2021-12-31',
    people: [['Musk Elon', '0001494730', 'DOT', 'CEO']],
    organisations: [],
  },
};

function parse(file: string): { mentions: PersonMention[]; title: string; sourceId: string } {
  const envelope = corpusEnvelope(`sec-ownership/${file}`, 'sec-ownership-xml');
  const outcome = secOwnershipParser.parse(envelope, defaultParseLimits);
  if (outcome.status !== 'parsed')
    throw new Error(`${file}: expected parsed, got ${JSON.stringify(outcome)}`);
  return { mentions: outcome.mentions, title: outcome.document.title, sourceId: envelope.id };
}

/** The relationship letters a mention's filing roles spell, in D, O, T, X order. */
function flagsOf(m: PersonMention): string {
  const letter = {
    director: 'D',
    officer: 'O',
    'ten-percent-owner': 'T',
    other: 'X',
    'director-nominee': 'N',
  } as const;
  return m.filingRoles.map((r) => letter[r.role]).join('');
}

describeWithCorpus('SEC ownership XML: every corpus file against SOURCES.md', () => {
  it('covers all 22 visible corpus files', () => {
    const files = readdirSync(corpusPath('sec-ownership')).filter((f) => f.endsWith('.xml'));
    expect(files.sort()).toEqual(Object.keys(corpus).sort());
  });

  for (const [file, want] of Object.entries(corpus)) {
    it(`${want.issuer}: ${want.people.map((p) => p[0]).join(', ')}`, () => {
      const { mentions, title, sourceId } = parse(file);
      expect(title).toBe(`Form ${want.form} · ${want.issuer} · ${want.period}`);
      expect(mentions.map((m) => m.name.full)).toEqual(want.people.map((p) => p[0]));
      // Organisations named in the table never become people.
      for (const org of want.organisations) expect(mentions.map((m) => m.name.full)).not.toContain(org);
      mentions.forEach((m, i) => {
        const [name, cik, flags, title] = want.people[i] ?? [];
        expect(m.mentionId).toBe(`${sourceId}#${i}`);
        expect(m.name).toEqual({ full: name, order: 'surname-first' });
        expect(m.secCik).toBe(cik);
        expect(flagsOf(m)).toBe(flags);
        expect(m.role).toBe(
          flags?.includes('O') ? 'officer' : flags?.includes('D') ? 'director' : 'reporting-owner',
        );
        for (const r of m.filingRoles)
          expect(r).toMatchObject({
            issuer: want.issuer,
            issuerCik: want.issuerCik,
            ticker: want.ticker,
            form: want.form,
            date: want.period,
          });
        const titled = m.filingRoles.find((r) => r.role === 'officer' || r.role === 'other');
        expect(titled?.title).toBe(title);
        expect(m.affiliations).toHaveLength(1);
        expect(m.affiliations[0]).toMatchObject({
          organization: want.issuer,
          organizationIds: { secCik: want.issuerCik, ticker: want.ticker },
        });
        expect(m.evidence[0]).toMatchObject({ sourceId, snippet: name });
        expect(m.evidence[0]?.path).toMatch(
          /^ownershipDocument\/reportingOwner\[\d+\]\/reportingOwnerId\/rptOwnerName$/,
        );
      });
    });
  }

  it('Tesla 2011: Musk Elon, CEO, with his Palo Alto address and evidence for each fact', () => {
    const [musk] = parse('form4-tesla-motors-inc-musk-elon-0001494730-11-000006.xml').mentions;
    expect(musk?.location).toEqual({
      street: '3500 DEER CREEK ROAD',
      city: 'PALO ALTO',
      region: 'CA',
      postalCode: '94304',
    });
    expect(musk?.affiliations[0]).toMatchObject({
      organization: 'TESLA MOTORS INC',
      title: 'Chief Executive Officer',
      current: true,
    });
    expect(musk?.evidence.map((e) => e.path)).toEqual([
      'ownershipDocument/reportingOwner[1]/reportingOwnerId/rptOwnerName',
      'ownershipDocument/reportingOwner[1]/reportingOwnerId/rptOwnerCik',
      'ownershipDocument/reportingOwner[1]/reportingOwnerAddress',
      'ownershipDocument/reportingOwner[1]/reportingOwnerRelationship',
      'ownershipDocument/issuer',
    ]);
  });

  it('Apple: Adams Katherine L., "SVP, GC and Secretary", as an officer only', () => {
    const [adams] = parse('form4-0000320193-22-000061-apple-adams.xml').mentions;
    expect(adams?.filingRoles).toEqual([
      {
        issuer: 'Apple Inc.',
        issuerCik: '0000320193',
        ticker: 'AAPL',
        form: '4',
        date: '2022-05-04',
        role: 'officer',
        title: 'SVP, GC and Secretary',
      },
    ]);
    expect(adams?.affiliations[0]?.title).toBe('SVP, GC and Secretary');
    expect(adams?.location).toMatchObject({
      street: 'ONE APPLE PARK WAY',
      city: 'CUPERTINO',
      region: 'CA',
      postalCode: '95014',
    });
  });

  it('Snowflake Form 3: BERKSHIRE HATHAWAY INC is skipped, BUFFETT WARREN E kept as a 10% owner', () => {
    const { mentions } = parse('form3-snowflake-berkshire-buffett.xml');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.affiliations[0]).toMatchObject({
      organization: 'Snowflake Inc.',
      title: '10% Owner',
      current: true,
    });
    // The person's evidence path counts owners as in the file: Buffett is the second <reportingOwner>.
    expect(mentions[0]?.evidence[0]?.path).toBe(
      'ownershipDocument/reportingOwner[2]/reportingOwnerId/rptOwnerName',
    );
  });

  it('2seventy bio: "See Remarks" keeps the role title as written; the affiliation takes the title from <remarks>', () => {
    const [snow] = parse('form4-0001562180-25-000280.xml').mentions;
    expect(snow?.filingRoles[0]?.title).toBe('See Remarks');
    expect(snow?.affiliations[0]?.title).toBe('Senior Vice President of Quality and Enabling Functions');
    expect(snow?.affiliations[0]?.summary).toContain('Title: Senior Vice President');
  });

  it('Hippo: "Former Director and 10% Owner" (isOther) is not a current position', () => {
    const [hoffman] = parse('form4-hippo-holdings-inc-hoffman-reid-0000899243-21-031284.xml').mentions;
    expect(hoffman?.role).toBe('reporting-owner');
    expect(hoffman?.affiliations[0]).toMatchObject({
      title: 'Former Director and 10% Owner',
      current: false,
    });
  });

  it('reads true/false flags (Fractyl X0508) and missing flags (AAR X0508 writes only isOfficer)', () => {
    const [thiel] = parse('form4-fractyl-health-inc-mithril-lp-0000950170-24-012830.xml').mentions;
    expect(thiel?.filingRoles.map((r) => r.role)).toEqual(['ten-percent-owner']);
    const [garascia] = parse('form4-0001127602-25-001055.xml').mentions;
    expect(garascia?.filingRoles.map((r) => r.role)).toEqual(['officer']);
  });
});
