import { describe, expect, it } from 'vitest';
import { isOrganizationName } from '../../../../processors/filing/ownership-entity.js';
import { parseOwnershipXml, secOwnershipParser } from '../../../../processors/filing/ownership-parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions, rejectionOf } from '../../../helpers/outcomes.js';
import type { ProcessingError } from '../../../../lib/errors.js';

/** Made-up Section 16 documents (fictional people and issuers) in the real layout. */
function doc(owners: string, extra = '', documentType = '4'): string {
  return `<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>X0508</schemaVersion>
  <documentType>${documentType}</documentType>
  <periodOfReport>2025-03-14</periodOfReport>
  <issuer>
    <issuerCik>0009990001</issuerCik>
    <issuerName>Quillfeather Robotics, Inc.</issuerName>
    <issuerTradingSymbol>QFR</issuerTradingSymbol>
  </issuer>
${owners}
${extra}
</ownershipDocument>`;
}

function owner(name: string, relationship: string, address = ''): string {
  return `  <reportingOwner>
    <reportingOwnerId><rptOwnerCik>0009990100</rptOwnerCik><rptOwnerName>${name}</rptOwnerName></reportingOwnerId>
    <reportingOwnerAddress>${address}</reportingOwnerAddress>
    <reportingOwnerRelationship>${relationship}</reportingOwnerRelationship>
  </reportingOwner>`;
}

const parse = (body: string | Buffer): ParseOutcome =>
  secOwnershipParser.parse(envelopeOf(body, 'sec-ownership-xml'), defaultParseLimits);

const people = (body: string): PersonMention[] => parsedMentions(parse(body));
const rejection = (body: string | Buffer): ProcessingError => rejectionOf(() => parse(body));

describe('parseOwnershipXml: relationships and fields', () => {
  it('reads 1/0 flags, officer title, address and issuer', () => {
    const [m] = people(
      doc(
        owner(
          'LINDQVIST MARTA J',
          '<isDirector>1</isDirector><isOfficer>1</isOfficer><isTenPercentOwner>0</isTenPercentOwner><isOther>0</isOther><officerTitle>Chief Technology Officer</officerTitle>',
          '<rptOwnerStreet1>C/O QUILLFEATHER ROBOTICS</rptOwnerStreet1><rptOwnerStreet2>12 HARBOR LANE</rptOwnerStreet2><rptOwnerCity>PORTLAND</rptOwnerCity><rptOwnerState>OR</rptOwnerState><rptOwnerZipCode>97201</rptOwnerZipCode><rptOwnerStateDescription></rptOwnerStateDescription>',
        ),
      ),
    );
    expect(m?.name).toEqual({ full: 'LINDQVIST MARTA J', order: 'surname-first' });
    expect(m?.role).toBe('officer');
    expect(m?.secCik).toBe('0009990100');
    expect(m?.location).toEqual({
      street: 'C/O QUILLFEATHER ROBOTICS, 12 HARBOR LANE',
      city: 'PORTLAND',
      region: 'OR',
      postalCode: '97201',
    });
    expect(m?.filingRoles.map((r) => [r.role, r.title])).toEqual([
      ['director', undefined],
      ['officer', 'Chief Technology Officer'],
    ]);
    expect(m?.filingRoles[0]).toMatchObject({
      issuer: 'Quillfeather Robotics, Inc.',
      issuerCik: '0009990001',
      ticker: 'QFR',
      form: '4',
      date: '2025-03-14',
    });
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'Quillfeather Robotics, Inc.',
      title: 'Chief Technology Officer',
      current: true,
    });
  });

  it('reads true/false flags in any case, with whitespace, and missing flags as false', () => {
    const [m] = people(
      doc(
        owner(
          'OKAFOR BENEDICT',
          '<isDirector> TRUE </isDirector><isTenPercentOwner>false</isTenPercentOwner>',
        ),
      ),
    );
    expect(m?.role).toBe('director');
    expect(m?.filingRoles.map((r) => r.role)).toEqual(['director']);
    expect(m?.affiliations[0]?.title).toBe('Director');
  });

  it('reads values wrapped in <value> (officerTitle, rptOwnerName) like plain ones', () => {
    const [m] = people(
      doc(
        owner(
          '<value>VASQUEZ-ORTIZ ELENA</value>',
          '<isOfficer>1</isOfficer><officerTitle><value>EVP, Operations</value></officerTitle>',
        ),
      ),
    );
    expect(m?.name.full).toBe('VASQUEZ-ORTIZ ELENA');
    expect(m?.filingRoles[0]?.title).toBe('EVP, Operations');
  });

  it('gives a 10% owner and an "other" owner their titles and the reporting-owner role', () => {
    const ms = people(
      doc(
        owner('PEMBERTON HUGH', '<isTenPercentOwner>1</isTenPercentOwner>') +
          owner('ABARA CHIDI', '<isOther>1</isOther><otherText>Member of 13(d) group</otherText>'),
      ),
    );
    expect(ms.map((m) => [m.role, m.affiliations[0]?.title])).toEqual([
      ['reporting-owner', '10% Owner'],
      ['reporting-owner', 'Member of 13(d) group'],
    ]);
    expect(ms[1]?.filingRoles[0]).toMatchObject({ role: 'other', title: 'Member of 13(d) group' });
    expect(ms.map((m) => m.mentionId.split('#')[1])).toEqual(['0', '1']);
  });

  it('puts a foreign address description in country', () => {
    const [m] = people(
      doc(
        owner(
          'FERREIRA JOAO',
          '<isDirector>1</isDirector>',
          '<rptOwnerStreet1>RUA DAS FLORES 9</rptOwnerStreet1><rptOwnerCity>LISBON</rptOwnerCity><rptOwnerState></rptOwnerState><rptOwnerZipCode>1200-195</rptOwnerZipCode><rptOwnerStateDescription>PORTUGAL</rptOwnerStateDescription>',
        ),
      ),
    );
    expect(m?.location).toEqual({
      street: 'RUA DAS FLORES 9',
      city: 'LISBON',
      postalCode: '1200-195',
      country: 'PORTUGAL',
    });
  });

  it('keeps the amendment form type as written (4/A) and uses the context for submission facts', () => {
    const outcome = parseOwnershipXml(
      `\n\n${doc(owner('NAKAMURA KEN', '<isDirector>1</isDirector>'), '', '4/A')}`,
      {
        sourceId: 'filing:0123456789abcdef0123456789abcdef',
        sic: '3559',
        accession: '0009990001-25-000007',
        pathPrefix: 'document[1]',
      },
    );
    if (outcome.status !== 'parsed') throw new Error(JSON.stringify(outcome));
    const [m] = outcome.mentions;
    expect(m?.filingRoles[0]).toMatchObject({ form: '4/A', sic: '3559', accession: '0009990001-25-000007' });
    expect(m?.affiliations[0]?.sic).toBe('3559');
    expect(m?.evidence[0]?.path).toBe(
      'document[1]/ownershipDocument/reportingOwner[1]/reportingOwnerId/rptOwnerName',
    );
    expect(outcome.document.title).toBe('Form 4/A · Quillfeather Robotics, Inc. · 2025-03-14');
  });

  it('skips an owner without a name but keeps the named ones', () => {
    const ms = people(
      doc(owner('', '<isDirector>1</isDirector>') + owner('BRANDT ILSE', '<isDirector>1</isDirector>')),
    );
    expect(ms.map((m) => m.name.full)).toEqual(['BRANDT ILSE']);
  });
});

describe('isOrganizationName', () => {
  it.each([
    'Mithril GP LP',
    'BERKSHIRE HATHAWAY INC',
    'Reid Hoffman & Michelle Yee Living Trust',
    'Example Ventures Fund III, L.P.',
    'Northwind Capital Management, LLC',
    'Smith & Co.',
    'Kestrel Holdings Ltd',
    'Alpenrose GmbH',
    'Tulip Beheer N.V.',
    'First Example Bank',
    'The Doe Family Foundation',
    'Harbor Partners',
    'Estate of John Q. Public',
    'Danone SA',
  ])('%s is an organisation', (name) => expect(isOrganizationName(name)).toBe(true));

  it.each([
    'MUSK ELON',
    'Adams Katherine L.',
    'BUFFETT WARREN E',
    'Singerman Brian Aaron',
    'SACHS BRUCE I',
    'Bigelow Robert E. III',
    "O'BRIEN SEAN",
    'Sa Ming',
    'Co Anh',
  ])('%s is a person', (name) => expect(isOrganizationName(name)).toBe(false));
});

describe('secOwnershipParser.detect', () => {
  it('claims bare ownership XML, with or without a declaration', () => {
    expect(secOwnershipParser.detect('<?xml version="1.0"?>\n<ownershipDocument>\n<schemaVersion>')).toBe(
      true,
    );
    expect(secOwnershipParser.detect('<ownershipDocument>')).toBe(true);
  });
  it('does not claim an EDGAR submission that embeds one, nor other XML', () => {
    expect(
      secOwnershipParser.detect('<SEC-DOCUMENT>x.txt\n<SEC-HEADER>\n<DOCUMENT>\n<XML>\n<ownershipDocument>'),
    ).toBe(false);
    expect(secOwnershipParser.detect('<?xml version="1.0"?><us-patent-grant>')).toBe(false);
  });
});

describe('secOwnershipParser: bad input is rejected, never thrown', () => {
  it('a Form 4 with no reporting owner → no-person', () => {
    expect(rejection(doc('')).code).toBe('no-person');
  });

  it('a Form 4 whose owners are all organisations → no-person, saying so', () => {
    const r = rejection(
      doc(
        owner('Example Growth Fund II, L.P.', '<isTenPercentOwner>1</isTenPercentOwner>') +
          owner('Example GP LLC', '<isTenPercentOwner>1</isTenPercentOwner>'),
      ),
    );
    expect(r.code).toBe('no-person');
    expect(r.message).toMatch(/all 2 reporting owner\(s\) are organisations/);
    expect(r.message).toContain('Example GP LLC');
  });

  it('truncated XML → malformed-xml', () => {
    const full = doc(owner('DOE JANE', '<isDirector>1</isDirector>'));
    expect(rejection(full.slice(0, full.length - 40)).code).toBe('malformed-xml');
  });

  it('mismatched tags → malformed-xml with a location', () => {
    const outcome = parse(doc(owner('DOE JANE', '<isDirector>1</isOfficer>')));
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('malformed-xml');
    expect(outcome.status === 'rejected' && outcome.error.location).toMatch(/^line \d+, column \d+$/);
  });

  it('an entity DOCTYPE → entity-declaration-forbidden', () => {
    const body = doc(owner('DOE &x;', '<isDirector>1</isDirector>')).replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0"?><!DOCTYPE ownershipDocument [<!ENTITY x "JANE"><!ENTITY y "&x;&x;&x;&x;">]>',
    );
    expect(rejection(body).code).toBe('entity-declaration-forbidden');
  });

  it('empty and whitespace-only input → empty-input', () => {
    expect(rejection('').code).toBe('empty-input');
    expect(rejection(' \n\t ').code).toBe('empty-input');
  });

  it('invalid UTF-8 → invalid-encoding', () => {
    const body = Buffer.concat([
      Buffer.from(doc(owner('DOE JANE', '<isDirector>1</isDirector>')).slice(0, 250)),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from('</ownershipDocument>'),
    ]);
    expect(rejection(body).code).toBe('invalid-encoding');
  });

  it('another XML document → schema-mismatch', () => {
    expect(rejection('<?xml version="1.0"?><edgarSubmission><x/></edgarSubmission>').code).toBe(
      'schema-mismatch',
    );
  });

  it('a document naming no issuer → schema-mismatch', () => {
    const body = `<ownershipDocument><documentType>4</documentType>${owner('DOE JANE', '<isDirector>1</isDirector>')}</ownershipDocument>`;
    expect(rejection(body).code).toBe('schema-mismatch');
  });
});
