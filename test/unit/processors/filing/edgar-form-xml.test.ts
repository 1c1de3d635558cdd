import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { edgarFormXmlParser } from '../../../../processors/filing/edgar-form-xml-parser.js';
import { edgarSubmissionParser } from '../../../../processors/filing/edgar-submission-parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { detectFormat } from '../../../../processors/registry.js';
import { corpusEnvelope, corpusPath, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';

function parsed(outcome: ParseOutcome): PersonMention[] {
  if (outcome.status !== 'parsed') throw new Error(`expected parsed, got ${JSON.stringify(outcome)}`);
  return outcome.mentions;
}

function person(ms: PersonMention[], full: string): PersonMention {
  const m = ms.find((x) => x.name.full === full);
  if (m === undefined) throw new Error(`${full} missing from ${ms.map((x) => x.name.full).join(', ')}`);
  return m;
}

const parseCorpus = (file: string): ParseOutcome =>
  edgarFormXmlParser.parse(corpusEnvelope(`sec-more/${file}`, 'sec-form-xml'), defaultParseLimits);

describeWithCorpus('sec-form-xml: real Form D and Form 144', () => {
  it('detects both forms by content', () => {
    for (const f of [
      'edgartools_formD_1685REIT.xml',
      'edgartools_formD_APFund.xml',
      'edgartools_form144_apple.xml',
    ])
      expect(detectFormat(readFileSync(corpusPath(`sec-more/${f}`), 'utf8').slice(0, 65536))).toBe(
        'sec-form-xml',
      );
  });

  it('1685 REIT Form D: related persons with relationships and addresses', () => {
    const outcome = parseCorpus('edgartools_formD_1685REIT.xml');
    const ms = parsed(outcome);
    expect(outcome.status === 'parsed' && outcome.document.title).toBe(
      'Form D · 1685 38th REIT, L.L.C. · REITS and Finance · 2023-01-27',
    );
    const bradley = person(ms, 'Joshua Bradley');
    expect(bradley.filingRoles.map((r) => r.role)).toEqual(['officer', 'director']);
    expect(bradley.filingRoles[0]).toMatchObject({
      issuer: '1685 38th REIT, L.L.C.',
      issuerCik: '0001961089',
      form: 'D',
    });
    expect(bradley.location).toMatchObject({ city: 'Los Angeles', region: 'CA', postalCode: '90067' });
    expect(person(ms, 'Daniel Belldegrun').role).toBe('officer');
    expect(person(ms, 'Joseph G. Doran').name).toMatchObject({ given: 'Joseph G.', family: 'Doran' });
    expect(ms).toHaveLength(14);
    expect(ms.some((m) => /L\.?L\.?C|REIT|Fund/i.test(m.name.full))).toBe(false);
  });

  it('AP Fund Form D: the general partner and manager listed as "persons" are organisations', () => {
    const outcome = parseCorpus('edgartools_formD_APFund.xml');
    expect(outcome.status).toBe('rejected');
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('no-person');
    expect(outcome.status === 'rejected' && outcome.error.message).toMatch(/Pooled|organisations/);
  });

  it('Apple Form 144: Luca Maestri, director of Apple Inc., with his address', () => {
    const outcome = parseCorpus('edgartools_form144_apple.xml');
    const [m, ...rest] = parsed(outcome);
    expect(rest).toHaveLength(0);
    expect(m?.name.full).toBe('Luca Maestri');
    expect(m?.role).toBe('director');
    expect(m?.filingRoles).toEqual([
      { issuer: 'Apple Inc.', issuerCik: '0000320193', form: '144', date: '04/13/2023', role: 'director' },
    ]);
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'Apple Inc.',
      title: 'Director',
      current: true,
    });
    expect(m?.location).toMatchObject({ city: 'Cupertino', region: 'CA' });
    // The broker is not a person of the index.
    expect(JSON.stringify(m?.name)).not.toMatch(/Goldman/);
  });
});

const formD = (persons: string, industry = 'Biotechnology'): string => `<?xml version="1.0"?>
<edgarSubmission>
  <schemaVersion>X0708</schemaVersion>
  <submissionType>D</submissionType>
  <primaryIssuer><cik>0009990001</cik><entityName>Glasswing Therapeutics, Inc.</entityName></primaryIssuer>
  <relatedPersonsList>${persons}</relatedPersonsList>
  <offeringData><industryGroup><industryGroupType>${industry}</industryGroupType></industryGroup>
  <signatureBlock><signature><signatureDate>2025-03-04</signatureDate></signature></signatureBlock></offeringData>
</edgarSubmission>`;

const related = (first: string, last: string, ...rels: string[]): string =>
  `<relatedPersonInfo><relatedPersonName><firstName>${first}</firstName><lastName>${last}</lastName></relatedPersonName>
   <relatedPersonAddress><street1>1 Lab Way</street1><city>Basel</city><stateOrCountry>V8</stateOrCountry><stateOrCountryDescription>SWITZERLAND</stateOrCountryDescription><zipCode>4051</zipCode></relatedPersonAddress>
   <relatedPersonRelationshipList>${rels.map((r) => `<relationship>${r}</relationship>`).join('')}</relatedPersonRelationshipList>
   <relationshipClarification/></relatedPersonInfo>`;

const parseText = (xml: string): ParseOutcome =>
  edgarFormXmlParser.parse(envelopeOf(xml, 'sec-form-xml'), defaultParseLimits);

describe('sec-form-xml: made-up forms', () => {
  it('a promoter is kept with the relationship as written; the industry group reaches the affiliation', () => {
    const ms = parsed(
      parseText(formD(related('Ingrid', 'Solberg', 'Promoter') + related('Wen', 'Liu', 'Director'))),
    );
    expect(person(ms, 'Ingrid Solberg').filingRoles).toEqual([
      expect.objectContaining({ role: 'other', title: 'Promoter', form: 'D', date: '2025-03-04' }),
    ]);
    expect(person(ms, 'Wen Liu').affiliations[0]).toMatchObject({
      organization: 'Glasswing Therapeutics, Inc.',
      summary: 'Industry group: Biotechnology',
    });
  });

  it('rejects a Form D without an issuer name, and other edgarSubmission forms', () => {
    const noIssuer = formD(related('Ingrid', 'Solberg', 'Director')).replace(
      /<entityName>.*<\/entityName>/,
      '',
    );
    const o = parseText(noIssuer);
    expect(o.status === 'rejected' && o.error.code).toBe('schema-mismatch');
    const thirteenF =
      '<?xml version="1.0"?><edgarSubmission><headerData><submissionType>13F-HR</submissionType></headerData></edgarSubmission>';
    expect(detectFormat(thirteenF)).toBeUndefined();
    const o2 = parseText(thirteenF);
    expect(o2.status === 'rejected' && o2.error.code).toBe('schema-mismatch');
  });

  it('rejects truncated XML as malformed and a Form 144 sold for a trust as no-person', () => {
    const cut = formD(related('Ingrid', 'Solberg', 'Director')).slice(0, 300);
    const o = parseText(cut);
    expect(o.status).toBe('rejected');
    const trust = `<edgarSubmission><headerData><submissionType>144</submissionType></headerData><formData><issuerInfo>
      <issuerCik>0000000001</issuerCik><issuerName>Acme Corp</issuerName>
      <nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold>The Okafor Family Trust</nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold>
      <relationshipsToIssuer><relationshipToIssuer>Affiliate</relationshipToIssuer></relationshipsToIssuer></issuerInfo></formData></edgarSubmission>`;
    const o2 = parseText(trust);
    expect(o2.status === 'rejected' && o2.error.code).toBe('no-person');
  });

  it('Form 144 officer with a written title keeps it', () => {
    const xml = `\n<?xml version="1.0"?><edgarSubmission><headerData><submissionType>144</submissionType></headerData><formData><issuerInfo>
      <issuerCik>0000000002</issuerCik><issuerName>Tessellate Inc.</issuerName>
      <nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold>Amara Okonkwo</nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold>
      <relationshipsToIssuer><relationshipToIssuer>Officer</relationshipToIssuer><relationshipToIssuer>Director</relationshipToIssuer></relationshipsToIssuer></issuerInfo></formData></edgarSubmission>`;
    const [m] = parsed(parseText(xml));
    expect(m?.role).toBe('officer');
    expect(m?.filingRoles.map((r) => r.role)).toEqual(['officer', 'director']);
  });
});

describe('sec-form-xml inside an EDGAR full submission', () => {
  it('the Form D document of a .txt submission: people with the header SIC, evidence under the document', () => {
    const submission = `<SEC-DOCUMENT>0009990001-25-000001.txt : 20250305
<SEC-HEADER>0009990001-25-000001.hdr.sgml : 20250305
ACCESSION NUMBER:\t\t0009990001-25-000001
CONFORMED SUBMISSION TYPE:\tD
PUBLIC DOCUMENT COUNT:\t\t1
FILED AS OF DATE:\t\t20250305

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tGlasswing Therapeutics, Inc.
\t\tCENTRAL INDEX KEY:\t\t\t0009990001
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tPHARMACEUTICAL PREPARATIONS [2834]
</SEC-HEADER>
<DOCUMENT>
<TYPE>D
<SEQUENCE>1
<FILENAME>primary_doc.xml
<TEXT>
<XML>
${formD(related('Ingrid', 'Solberg', 'Executive Officer', 'Director'))}
</XML>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
`;
    expect(detectFormat(submission)).toBe('edgar-submission');
    const outcome = edgarSubmissionParser.parse(
      envelopeOf(submission, 'edgar-submission'),
      defaultParseLimits,
    );
    const [m, ...rest] = parsed(outcome);
    expect(rest).toHaveLength(0);
    expect(m?.name.full).toBe('Ingrid Solberg');
    expect(m?.filingRoles).toEqual([
      expect.objectContaining({ role: 'officer', sic: '2834', accession: '0009990001-25-000001' }),
      expect.objectContaining({ role: 'director', sic: '2834' }),
    ]);
    expect(m?.evidence[0]?.path).toBe(
      'document[1]/edgarSubmission/relatedPersonsList/relatedPersonInfo[1]/relatedPersonName',
    );
    expect(m?.affiliations[0]?.evidence.path).toMatch(/^document\[1\]\/edgarSubmission\//);
  });
});
