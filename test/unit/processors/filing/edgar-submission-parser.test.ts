import { describe, expect, it } from 'vitest';
import { mergeSubmissionMentions } from '../../../../processors/filing/edgar-merge.js';
import { edgarSubmissionParser } from '../../../../processors/filing/edgar-submission-parser.js';
import {
  edgarDateToIso,
  headerCompany,
  headerSic,
  parseSecHeader,
} from '../../../../processors/filing/sec-header.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions, rejectionOf } from '../../../helpers/outcomes.js';
import type { ProcessingError } from '../../../../lib/errors.js';

/** Made-up submissions (fictional companies and people) in the real EDGAR layouts. */
const HEADER = `<SEC-HEADER>0009990001-25-000042.hdr.sgml : 20250317
<ACCEPTANCE-DATETIME>20250317171500
ACCESSION NUMBER:\t\t0009990001-25-000042
CONFORMED SUBMISSION TYPE:\t4
PUBLIC DOCUMENT COUNT:\t\t3
CONFORMED PERIOD OF REPORT:\t20250314
FILED AS OF DATE:\t\t20250317
DATE AS OF CHANGE:\t\t20250317

REPORTING-OWNER:\t

\tOWNER DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tLINDQVIST MARTA J
\t\tCENTRAL INDEX KEY:\t\t\t0009990100

\tMAIL ADDRESS:\t
\t\tSTREET 1:\t\t12 HARBOR LANE
\t\tCITY:\t\t\tPORTLAND
\t\tSTATE:\t\t\tOR
\t\tZIP:\t\t\t97201

ISSUER:\t\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tQUILLFEATHER ROBOTICS, INC.
\t\tCENTRAL INDEX KEY:\t\t\t0009990001
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSPECIAL INDUSTRY MACHINERY, NEC [3559]
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tBUSINESS ADDRESS:\t
\t\tSTREET 1:\t\t400 FOUNDRY ROAD
\t\tCITY:\t\t\tPORTLAND
\t\tSTATE:\t\t\tOR
\t\tZIP:\t\t\t97209
</SEC-HEADER>
`;

const ownershipXml = (owners: string) => `<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>X0508</schemaVersion>
  <documentType>4</documentType>
  <periodOfReport>2025-03-14</periodOfReport>
  <issuer><issuerCik>0009990001</issuerCik><issuerName>Quillfeather Robotics, Inc.</issuerName><issuerTradingSymbol>QFR</issuerTradingSymbol></issuer>
  ${owners}
</ownershipDocument>`;

const owner = (name: string, rel: string) =>
  `<reportingOwner><reportingOwnerId><rptOwnerCik>0009990100</rptOwnerCik><rptOwnerName>${name}</rptOwnerName></reportingOwnerId><reportingOwnerRelationship>${rel}</reportingOwnerRelationship></reportingOwner>`;

const document = (type: string, seq: number, filename: string, body: string) =>
  `<DOCUMENT>\n<TYPE>${type}\n<SEQUENCE>${seq}\n<FILENAME>${filename}\n<DESCRIPTION>${type}\n<TEXT>\n${body}\n</TEXT>\n</DOCUMENT>\n`;

const LINDQVIST = owner(
  'LINDQVIST MARTA J',
  '<isOfficer>1</isOfficer><officerTitle>Chief Technology Officer</officerTitle>',
);

function submission(...documents: string[]): string {
  return `<SEC-DOCUMENT>0009990001-25-000042.txt : 20250317\n${HEADER}${documents.join('')}</SEC-DOCUMENT>\n`;
}

const parse = (body: string | Buffer): ParseOutcome =>
  edgarSubmissionParser.parse(envelopeOf(body, 'edgar-submission'), defaultParseLimits);

const people = (body: string): PersonMention[] => parsedMentions(parse(body));
const rejection = (body: string | Buffer): ProcessingError => rejectionOf(() => parse(body));

describe('edgarSubmissionParser on made-up submissions', () => {
  it('reads the ownership XML and skips exhibits and uuencoded graphics', () => {
    const ms = people(
      submission(
        document('4', 1, 'form4.xml', `<XML>\n${ownershipXml(LINDQVIST)}\n</XML>`),
        document(
          'EX-24',
          2,
          'poa.htm',
          '<html><body>Power of attorney signed by Marta J. Lindqvist</body></html>',
        ),
        document(
          'GRAPHIC',
          3,
          'sig.jpg',
          'begin 644 sig.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``@&!@<&!0@\n`\nend',
        ),
      ),
    );
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({
      format: 'edgar-submission',
      role: 'officer',
      name: { full: 'LINDQVIST MARTA J' },
    });
    expect(ms[0]?.filingRoles[0]).toMatchObject({
      sic: '3559',
      accession: '0009990001-25-000042',
      title: 'Chief Technology Officer',
      date: '2025-03-14',
    });
    expect(ms[0]?.affiliations[0]?.sic).toBe('3559');
  });

  it('numbers mentions across documents and prefixes evidence paths with the document sequence', () => {
    const ms = people(
      submission(
        document('4', 1, 'a.xml', `<XML>\n${ownershipXml(LINDQVIST)}\n</XML>`),
        document(
          '4',
          2,
          'b.xml',
          `<XML>\n${ownershipXml(owner('OKAFOR BENEDICT', '<isDirector>1</isDirector>'))}\n</XML>`,
        ),
      ),
    );
    const id = ms[0]?.sourceId ?? '';
    expect(ms.map((m) => m.mentionId)).toEqual([`${id}#0`, `${id}#1`]);
    expect(ms.map((m) => m.evidence[0]?.path.split('/')[0])).toEqual(['document[1]', 'document[2]']);
  });

  it('reads a submission inside a PEM envelope (1990s–2000s files)', () => {
    const pem = `-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\nOriginator-Name: webmaster@www.sec.gov\nMIC-Info: RSA-MD5,RSA,\n AbCdEf==\n\n${submission(document('4', 1, 'f.xml', `<XML>\n${ownershipXml(LINDQVIST)}\n</XML>`))}-----END PRIVACY-ENHANCED MESSAGE-----\n`;
    expect(edgarSubmissionParser.detect(pem)).toBe(true);
    expect(people(pem).map((m) => m.name.full)).toEqual(['LINDQVIST MARTA J']);
  });

  it('reads the SGML header layout of dissemination (.nc) files, tags run together', () => {
    const nc = `<SUBMISSION>\n<ACCESSION-NUMBER>0009990001-25-000050<TYPE>4<PUBLIC-DOCUMENT-COUNT>1<PERIOD>20250314<FILING-DATE>20250318<REPORTING-OWNER><OWNER-DATA><CONFORMED-NAME>LINDQVIST MARTA J<CIK>0009990100</OWNER-DATA></REPORTING-OWNER><ISSUER><COMPANY-DATA><CONFORMED-NAME>QUILLFEATHER ROBOTICS, INC.<CIK>0009990001<ASSIGNED-SIC>3559<STATE-OF-INCORPORATION>DE</COMPANY-DATA><BUSINESS-ADDRESS><STREET1>400 FOUNDRY ROAD<CITY>PORTLAND<STATE>OR<ZIP>97209</BUSINESS-ADDRESS></ISSUER><DOCUMENT><TYPE>4<SEQUENCE>1<FILENAME>primary.xml<DESCRIPTION>PRIMARY DOCUMENT<TEXT><XML>${ownershipXml(LINDQVIST).replace(/\n/g, '')}</XML></TEXT></DOCUMENT></SUBMISSION>`;
    expect(edgarSubmissionParser.detect(nc)).toBe(true);
    const h = parseSecHeader(nc);
    expect(h).toMatchObject({
      style: 'sgml',
      accession: '0009990001-25-000050',
      submissionType: '4',
      filedAsOf: '20250318',
    });
    expect(h === undefined ? undefined : headerCompany(h)).toMatchObject({
      kind: 'issuer',
      name: 'QUILLFEATHER ROBOTICS, INC.',
      sic: '3559',
      businessAddress: { street1: '400 FOUNDRY ROAD', city: 'PORTLAND', state: 'OR', zip: '97209' },
    });
    const [m] = people(nc);
    expect(m?.filingRoles[0]).toMatchObject({ sic: '3559', accession: '0009990001-25-000050' });
  });

  it('reads an IMS-HEADER (1990s) like an SEC-HEADER', () => {
    const ims = submission(document('4', 1, 'f.xml', `<XML>\n${ownershipXml(LINDQVIST)}\n</XML>`))
      .replace('<SEC-HEADER>', '<IMS-HEADER>')
      .replace('</SEC-HEADER>', '</IMS-HEADER>')
      .replace('<SEC-DOCUMENT>', '<IMS-DOCUMENT>');
    expect(edgarSubmissionParser.detect(ims)).toBe(true);
    expect(people(ims)[0]?.filingRoles[0]?.sic).toBe('3559');
  });

  it('detects by content only', () => {
    expect(edgarSubmissionParser.detect('\n\n<SEC-DOCUMENT>x.txt : 20250101\n<SEC-HEADER>')).toBe(true);
    expect(edgarSubmissionParser.detect('<SEC-HEADER>x.hdr.sgml')).toBe(true);
    expect(
      edgarSubmissionParser.detect(
        '-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001\n\nnothing else',
      ),
    ).toBe(false);
    expect(edgarSubmissionParser.detect('<?xml version="1.0"?><ownershipDocument>')).toBe(false);
    expect(edgarSubmissionParser.detect('<html><body>Form 10-K</body></html>')).toBe(false);
  });
});

describe('edgarSubmissionParser: bad input is rejected, never thrown', () => {
  it('no person in any document → no-person', () => {
    const r = rejection(
      submission(document('EX-99.1', 1, 'press.htm', '<html><body>Quarterly results</body></html>')),
    );
    expect(r.code).toBe('no-person');
  });

  it('a Form 4 with no reporting owner → no-person', () => {
    expect(rejection(submission(document('4', 1, 'f.xml', `<XML>\n${ownershipXml('')}\n</XML>`))).code).toBe(
      'no-person',
    );
  });

  it('a Form 4 whose owners are all organisations → no-person naming them', () => {
    const r = rejection(
      submission(
        document(
          '4',
          1,
          'f.xml',
          `<XML>\n${ownershipXml(owner('Example Growth Fund II, L.P.', '<isTenPercentOwner>1</isTenPercentOwner>'))}\n</XML>`,
        ),
      ),
    );
    expect(r.code).toBe('no-person');
    expect(r.message).toContain('organisations');
  });

  it('truncated ownership XML inside the submission → malformed-xml', () => {
    const xml = ownershipXml(LINDQVIST);
    expect(
      rejection(submission(document('4', 1, 'f.xml', `<XML>\n${xml.slice(0, xml.length - 60)}\n</XML>`)))
        .code,
    ).toBe('malformed-xml');
  });

  it('an entity DOCTYPE in the embedded XML → entity-declaration-forbidden', () => {
    const xml = ownershipXml(owner('DOE &n;', '<isDirector>1</isDirector>')).replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0"?><!DOCTYPE ownershipDocument [<!ENTITY n "JANE">]>',
    );
    expect(rejection(submission(document('4', 1, 'f.xml', `<XML>\n${xml}\n</XML>`))).code).toBe(
      'entity-declaration-forbidden',
    );
  });

  it('a header without documents → no-person; text without a header → schema-mismatch', () => {
    expect(rejection(`<SEC-DOCUMENT>x\n${HEADER}</SEC-DOCUMENT>`).code).toBe('no-person');
    expect(rejection('ACCESSION NUMBER: 1\nno header tags here').code).toBe('schema-mismatch');
  });

  it('empty → empty-input; invalid UTF-8 → invalid-encoding', () => {
    expect(rejection('').code).toBe('empty-input');
    const body = Buffer.concat([
      Buffer.from(submission().slice(0, 400)),
      Buffer.from([0xc3, 0x28, 0xa0]),
      Buffer.from('</SEC-DOCUMENT>'),
    ]);
    expect(rejection(body).code).toBe('invalid-encoding');
  });
});

describe('SEC header details', () => {
  it('prefers SUBJECT COMPANY over FILED BY for a Schedule 13D and treats SIC 0000 as unknown', () => {
    const h = parseSecHeader(`<SEC-HEADER>x
ACCESSION NUMBER:\t0009990002-25-000001
CONFORMED SUBMISSION TYPE:\tSC 13D
GROUP MEMBERS:\t\tHUGH PEMBERTON
SUBJECT COMPANY:\t
\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\tQUILLFEATHER ROBOTICS, INC.
\t\tCENTRAL INDEX KEY:\t0009990001
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tUNKNOWN SIC - 0000 [0000]
FILED BY:\t
\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\tEXAMPLE GROWTH FUND II, L.P.
\t\tCENTRAL INDEX KEY:\t0009990200
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tINVESTORS, NEC [6799]
</SEC-HEADER>`);
    expect(h?.parties.map((p) => p.kind)).toEqual(['subject-company', 'filed-by']);
    expect(h?.groupMembers).toEqual(['HUGH PEMBERTON']);
    expect(h === undefined ? undefined : headerCompany(h)?.name).toBe('QUILLFEATHER ROBOTICS, INC.');
    // The subject company's SIC is unknown; the filer's is the only one given.
    expect(h === undefined ? undefined : headerSic(h)).toEqual({ sic: '6799', label: 'INVESTORS, NEC' });
  });

  it('converts EDGAR dates and leaves anything else alone', () => {
    expect(edgarDateToIso('20220506')).toBe('2022-05-06');
    expect(edgarDateToIso('2022-05-06')).toBe('2022-05-06');
    expect(edgarDateToIso(undefined)).toBeUndefined();
  });

  it('returns undefined for text with no header', () => {
    expect(parseSecHeader('<html></html>')).toBeUndefined();
  });
});

describe('mergeSubmissionMentions', () => {
  const base: PersonMention = {
    mentionId: 'x#0',
    sourceId: 'x',
    sourceKind: 'filing',
    format: 'sec-filing-html',
    role: 'director',
    name: { full: 'Ada Q. Example' },
    affiliations: [
      {
        organization: 'Quillfeather Robotics Corporation',
        title: 'Director',
        evidence: { sourceId: 'x', path: 'p' },
      },
      {
        organization: 'Northwind Traders',
        title: 'Chief Financial Officer',
        evidence: { sourceId: 'x', path: 'q' },
      },
    ],
    education: [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles: [{ issuer: 'Quillfeather Robotics Corporation', role: 'director', form: 'DEF 14A' }],
    evidence: [],
  };

  it('puts the header SIC on roles and on affiliations with the filing company only', () => {
    const [m] = mergeSubmissionMentions([[base]], 'filing:r', 'edgar-submission', {
      name: 'QUILLFEATHER ROBOTICS INC /DE/',
      cik: '0009990001',
      sic: '3559',
    });
    expect(m?.mentionId).toBe('filing:r#0');
    expect(m?.format).toBe('edgar-submission');
    expect(m?.filingRoles[0]?.sic).toBe('3559');
    expect(m?.affiliations.map((a) => a.sic)).toEqual(['3559', undefined]);
  });
});
