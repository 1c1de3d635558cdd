import { describe, expect, it } from 'vitest';
import { edgarSubmissionParser } from '../../../../processors/filing/edgar-submission-parser.js';
import { secOwnershipParser } from '../../../../processors/filing/ownership-parser.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { corpusEnvelope, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions } from '../../../helpers/outcomes.js';

const parsed = parsedMentions;

const ownership = (file: string) =>
  parsed(
    secOwnershipParser.parse(
      corpusEnvelope(`sec-ownership/${file}`, 'sec-ownership-xml'),
      defaultParseLimits,
    ),
  );
const submission = (file: string) =>
  parsed(
    edgarSubmissionParser.parse(
      corpusEnvelope(`sec-filings/${file}`, 'edgar-submission'),
      defaultParseLimits,
    ),
  );

describeWithCorpus('SEC ownership XML on real filings', () => {
  it('reads an officer with title, CIK and address (Tesla Form 4, schema X0303)', () => {
    const [musk, ...rest] = ownership('form4-tesla-motors-inc-musk-elon-0001494730-11-000006.xml');
    expect(rest).toHaveLength(0);
    expect(musk?.name).toMatchObject({ full: 'Musk Elon', order: 'surname-first' });
    expect(musk?.secCik).toBe('0001494730');
    expect(musk?.role).toBe('officer');
    const roles = musk?.filingRoles.map((r) => [
      r.role,
      r.title ?? null,
      r.issuer,
      r.issuerCik,
      r.ticker,
      r.form,
    ]);
    expect(roles).toEqual(
      expect.arrayContaining([
        ['director', null, 'TESLA MOTORS INC', '0001318605', 'TSLA', '4'],
        ['officer', 'Chief Executive Officer', 'TESLA MOTORS INC', '0001318605', 'TSLA', '4'],
        ['ten-percent-owner', null, 'TESLA MOTORS INC', '0001318605', 'TSLA', '4'],
      ]),
    );
  });

  it('keeps people and drops funds, partnerships, companies and trusts among multiple owners', () => {
    const names = (file: string) => ownership(file).map((m) => m.name.full);
    expect(names('form3-snowflake-berkshire-buffett.xml')).toEqual(['BUFFETT WARREN E']);
    expect(names('form3-linkedin-corp-hoffman-reid-0001181431-11-030813.xml')).toEqual(['Hoffman Reid']);
    expect(names('form3-blacksky-technology-inc-mithril-gp-lp-0000899243-21-036608.xml').sort()).toEqual([
      'Royan Ajay',
      'THIEL PETER',
    ]);
    expect(names('form4-fractyl-health-inc-mithril-lp-0000950170-24-012830.xml')).toEqual(['THIEL PETER']);
  });

  it('reads flags written as true/false and 1/0, and other-relationship text', () => {
    const [adams] = ownership('form4-0000320193-22-000061-apple-adams.xml');
    expect(adams?.filingRoles.find((r) => r.role === 'officer')?.title).toBe('SVP, GC and Secretary');
    const [hoffman] = ownership('form4-hippo-holdings-inc-hoffman-reid-0000899243-21-031284.xml');
    expect(hoffman?.filingRoles.find((r) => r.role === 'other')?.title).toBe('Former Director and 10% Owner');
    const [sachs] = ownership('form4-vertex-sachs-director-derivative-only.xml');
    expect(sachs?.filingRoles.map((r) => r.role)).toEqual(['director']);
    expect(sachs?.filingRoles[0]?.issuer).toBe('VERTEX PHARMACEUTICALS INC / MA');
  });

  it('parses every ownership document of the corpus into at least one person', () => {
    const files = [
      'form3-oscar-health-inc-thiel-peter-0001209191-21-017168.xml',
      'form3-sunpower-hegde-nosecurities.xml',
      'form3-zynga-inc-hoffman-reid-0001209191-11-061529.xml',
      'form4-0001127602-25-001055.xml',
      'form4-0001562180-25-000280.xml',
      'form4-adagio-therapeutics-inc-mithril-ii-lp-0000899243-22-012864.xml',
      'form4-affirm-holdings-inc-rabois-keith-0001628280-24-030951.xml',
      'form4-aurora-innovation-inc-hoffman-reid-0001828108-23-000105.xml',
      'form4-facebook-inc-thiel-peter-0001127602-19-022305.xml',
      'form4-microsoft-corp-hoffman-reid-0001062993-21-005355.xml',
      'form4-solarcity-corp-musk-elon-0001288257-12-000028.xml',
      'form4-yahoo-inc-levchin-max-r-0001179110-12-017549.xml',
      'form5-mongodb-inc-botha-roelof-0001441816-20-000060.xml',
      'form5-tesla-inc-musk-elon-0000899243-22-006240.xml',
    ];
    const firstOwner = files.map((f) => ownership(f)[0]?.name.full);
    expect(firstOwner).toEqual([
      'THIEL PETER',
      'Hegde Vinayak',
      'Hoffman Reid',
      'Garascia Jessica A.',
      'Snow Jessica',
      'THIEL PETER',
      'Rabois Keith',
      'Hoffman Reid',
      'THIEL PETER',
      'Hoffman Reid',
      'Musk Elon',
      'Levchin Max R',
      'BOTHA ROELOF',
      'Musk Elon',
    ]);
  });
});

describeWithCorpus('EDGAR full submissions on real filings', () => {
  it('takes the SIC code from the SEC header onto every role (Apple Form 4: 3571; AAR: 3720)', () => {
    const [adams] = submission('0000320193-22-000061.form4-apple-adams.full-submission.txt');
    expect(adams?.filingRoles.every((r) => r.sic === '3571')).toBe(true);
    expect(adams?.filingRoles[0]?.accession).toBe('0000320193-22-000061');
    const [garascia] = submission('0001127602-25-001055.form4-aar-corp.full-submission.txt');
    expect(garascia?.filingRoles[0]).toMatchObject({ issuer: 'AAR CORP', sic: '3720', role: 'officer' });
  });

  it('parses the HTML of an 8-K inside a submission (NVIDIA, SIC 3674)', () => {
    const people = submission('0001045810-26-000024.nvda-8-K.full-submission.txt');
    const huang = people.find((m) => m.name.full === 'Jen-Hsun Huang');
    expect(huang?.filingRoles[0]).toMatchObject({ issuer: 'NVIDIA CORP', sic: '3674', form: '8-K' });
    expect(huang?.format).toBe('edgar-submission');
  });

  it('parses the DEF 14A inside a trimmed submission (180 Degree Capital, SIC 6799)', () => {
    const people = submission('0000893739-20-000019.DEF14A.180-degree-capital.submission-trimmed.txt');
    expect(people.map((m) => m.name.full)).toEqual(
      expect.arrayContaining(['Kevin M. Rendino', 'Daniel B. Wolfe', 'Stacy R. Brandom']),
    );
    expect(people.every((m) => m.filingRoles.every((r) => r.sic === '6799'))).toBe(true);
  });
});

describe('SEC ownership XML: bad input is rejected with a reason', () => {
  const limits = defaultParseLimits;
  const form4 = (owners: string) =>
    `<?xml version="1.0"?><ownershipDocument><schemaVersion>X0508</schemaVersion><documentType>4</documentType><periodOfReport>2025-01-02</periodOfReport><issuer><issuerCik>0000000001</issuerCik><issuerName>EXAMPLE CORP</issuerName></issuer>${owners}</ownershipDocument>`;
  const owner = (name: string) =>
    `<reportingOwner><reportingOwnerId><rptOwnerCik>0000000002</rptOwnerCik><rptOwnerName>${name}</rptOwnerName></reportingOwnerId><reportingOwnerRelationship><isDirector>1</isDirector></reportingOwnerRelationship></reportingOwner>`;
  const rejectionOf = (body: string | Buffer) => {
    const outcome = secOwnershipParser.parse(envelopeOf(body, 'sec-ownership-xml'), limits);
    return outcome.status === 'rejected' ? outcome.error.code : outcome.status;
  };

  it('a Form 4 with no reporting owner', () => expect(rejectionOf(form4(''))).toBe('no-person'));
  it('a Form 4 whose owners are all organisations', () =>
    expect(rejectionOf(form4(owner('EXAMPLE CAPITAL PARTNERS LP')))).toBe('no-person'));
  it('a made-up director parses', () => expect(rejectionOf(form4(owner('DOE JANE Q')))).toBe('parsed'));
  it('truncated XML', () =>
    expect(rejectionOf(form4(owner('DOE JANE')).slice(0, 200))).toBe('malformed-xml'));
  it('an entity declaration', () =>
    expect(
      rejectionOf(
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>${form4(owner('DOE &b;')).replace('<?xml version="1.0"?>', '')}`,
      ),
    ).toBe('entity-declaration-forbidden'));
  it('empty and invalid UTF-8', () => {
    expect(rejectionOf('')).toBe('empty-input');
    expect(
      rejectionOf(
        Buffer.concat([
          Buffer.from(form4(owner('DOE JANE')).slice(0, 300)),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('</x>'),
        ]),
      ),
    ).toBe('invalid-encoding');
  });
});
