import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { splitDocuments, classifyDocument } from '../../../../processors/filing/edgar-documents.js';
import { edgarSubmissionParser } from '../../../../processors/filing/edgar-submission-parser.js';
import {
  headerCompany,
  headerSic,
  locateSecHeader,
  parseSecHeader,
} from '../../../../processors/filing/sec-header.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { corpusEnvelope, corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';

const APPLE = '0000320193-22-000061.form4-apple-adams.full-submission.txt';
const AAR = '0001127602-25-001055.form4-aar-corp.full-submission.txt';
const NVIDIA = '0001045810-26-000024.nvda-8-K.full-submission.txt';
const PROXY = '0000893739-20-000019.DEF14A.180-degree-capital.submission-trimmed.txt';

const text = (file: string): string => readFileSync(corpusPath(`sec-filings/${file}`), 'utf8');

function parse(file: string): { mentions: PersonMention[]; title: string; date?: string; sourceId: string } {
  const envelope = corpusEnvelope(`sec-filings/${file}`, 'edgar-submission');
  const outcome = edgarSubmissionParser.parse(envelope, defaultParseLimits);
  if (outcome.status !== 'parsed')
    throw new Error(`${file}: expected parsed, got ${JSON.stringify(outcome)}`);
  const { title, date } = outcome.document;
  return {
    mentions: outcome.mentions,
    title,
    sourceId: envelope.id,
    ...(date !== undefined ? { date } : {}),
  };
}

describeWithCorpus('SEC header of real full submissions', () => {
  it('Apple Form 4: accession, dates, reporting owner and issuer with SIC 3571', () => {
    const h = parseSecHeader(text(APPLE));
    expect(h).toMatchObject({
      style: 'text',
      accession: '0000320193-22-000061',
      submissionType: '4',
      documentCount: 1,
      periodOfReport: '20220504',
      filedAsOf: '20220506',
      acceptanceDateTime: '20220506183057',
    });
    expect(h?.parties.map((p) => [p.kind, p.name, p.cik])).toEqual([
      ['reporting-owner', 'Adams Katherine L.', '0001462356'],
      ['issuer', 'Apple Inc.', '0000320193'],
    ]);
    const issuer = h === undefined ? undefined : headerCompany(h);
    expect(issuer).toMatchObject({
      sic: '3571',
      sicLabel: 'ELECTRONIC COMPUTERS',
      stateOfIncorporation: 'CA',
      fiscalYearEnd: '0924',
      businessAddress: {
        street1: 'ONE APPLE PARK WAY',
        city: 'CUPERTINO',
        state: 'CA',
        zip: '95014',
        phone: '(408) 996-1010',
      },
    });
    expect(issuer?.formerNames).toEqual([
      { name: 'APPLE INC', dateOfChange: '20070109' },
      { name: 'APPLE COMPUTER INC', dateOfChange: '19970808' },
    ]);
    // The reporting owner's mail address is not the issuer's.
    expect(h?.parties[0]?.mailAddress).toEqual({
      street1: 'APPLE INC.',
      street2: '1 INFINITE LOOP',
      city: 'CUPERTINO',
      state: 'CA',
      zip: '95014',
    });
  });

  it('AAR Form 4: ISSUER block with SIC 3720 [AIRCRAFT & PARTS], state DE', () => {
    const h = parseSecHeader(text(AAR));
    expect(h?.accession).toBe('0001127602-25-001055');
    expect(h === undefined ? undefined : headerSic(h)).toEqual({ sic: '3720', label: 'AIRCRAFT & PARTS' });
    expect(h === undefined ? undefined : headerCompany(h)).toMatchObject({
      kind: 'issuer',
      name: 'AAR CORP',
      cik: '0000001750',
      stateOfIncorporation: 'DE',
      organizationName: '04 Manufacturing',
    });
  });

  it('NVIDIA 8-K: FILER block with SIC 3674 [SEMICONDUCTORS & RELATED DEVICES] and the 8-K items', () => {
    const h = parseSecHeader(text(NVIDIA));
    expect(h).toMatchObject({
      accession: '0001045810-26-000024',
      submissionType: '8-K',
      documentCount: 13,
      filedAsOf: '20260306',
      periodOfReport: '20260302',
    });
    expect(h?.items[0]).toMatch(/^Departure of Directors or Certain Officers/);
    expect(h?.items).toHaveLength(2);
    expect(h === undefined ? undefined : headerCompany(h)).toMatchObject({
      kind: 'filer',
      name: 'NVIDIA CORP',
      cik: '0001045810',
      sic: '3674',
      sicLabel: 'SEMICONDUCTORS & RELATED DEVICES',
      irsNumber: '943177549',
      stateOfIncorporation: 'DE',
      formType: '8-K',
      fileNumber: '000-23985',
    });
  });

  it('180 Degree Capital DEF 14A: SIC 6799 [INVESTORS, NEC], NY, former name', () => {
    const h = parseSecHeader(text(PROXY));
    const filer = h === undefined ? undefined : headerCompany(h);
    expect(filer).toMatchObject({
      name: '180 DEGREE CAPITAL CORP. /NY/',
      cik: '0000893739',
      sic: '6799',
      sicLabel: 'INVESTORS, NEC',
      stateOfIncorporation: 'NY',
    });
    expect(filer?.businessAddress).toMatchObject({
      street1: '7 N. WILLOW STREET',
      street2: 'SUITE 4B',
      city: 'MONTCLAIR',
      state: 'NJ',
      zip: '07042',
    });
    expect(filer?.formerNames[0]).toEqual({
      name: 'HARRIS & HARRIS GROUP INC /NY/',
      dateOfChange: '19930714',
    });
  });

  it('splits NVIDIA into documents and reads only the 8-K HTML among its exhibits and XBRL files', () => {
    const t = text(NVIDIA);
    const docs = splitDocuments(t, locateSecHeader(t)?.end);
    expect(docs[0]).toMatchObject({
      type: '8-K',
      sequence: '1',
      filename: 'nvda-20260302.htm',
      description: '8-K',
      wrapper: 'xbrl',
    });
    expect(docs[1]).toMatchObject({ type: 'EX-10.1', filename: 'formxex101xfy27variablecom.htm' });
    const kinds = docs.map((d) => classifyDocument(d).kind);
    expect(kinds[0]).toBe('html');
    expect(kinds.slice(1).every((k) => k === 'skip')).toBe(true);
  });
});

describeWithCorpus('EDGAR full submissions on real filings', () => {
  it('Apple 0000320193-22-000061: Adams Katherine L., officer, SIC 3571 on role and affiliation', () => {
    const { mentions, title, date, sourceId } = parse(APPLE);
    expect(title).toBe('4 · Apple Inc. · 2022-05-06');
    expect(date).toBe('2022-05-06');
    expect(mentions).toHaveLength(1);
    const [adams] = mentions;
    expect(adams).toMatchObject({
      mentionId: `${sourceId}#0`,
      format: 'edgar-submission',
      role: 'officer',
      secCik: '0001462356',
    });
    expect(adams?.name).toEqual({ full: 'Adams Katherine L.', order: 'surname-first' });
    expect(adams?.filingRoles).toEqual([
      {
        issuer: 'Apple Inc.',
        issuerCik: '0000320193',
        ticker: 'AAPL',
        form: '4',
        date: '2022-05-04',
        accession: '0000320193-22-000061',
        sic: '3571',
        role: 'officer',
        title: 'SVP, GC and Secretary',
      },
    ]);
    expect(adams?.affiliations[0]).toMatchObject({
      organization: 'Apple Inc.',
      title: 'SVP, GC and Secretary',
      sic: '3571',
    });
    expect(adams?.evidence[0]?.path).toBe(
      'document[1]/ownershipDocument/reportingOwner[1]/reportingOwnerId/rptOwnerName',
    );
  });

  it('AAR 0001127602-25-001055: Garascia Jessica A., SIC 3720', () => {
    const { mentions } = parse(AAR);
    expect(mentions.map((m) => m.name.full)).toEqual(['Garascia Jessica A.']);
    expect(mentions[0]?.filingRoles[0]).toMatchObject({
      issuer: 'AAR CORP',
      ticker: 'AIR',
      role: 'officer',
      title: 'Senior VP, GC, CAO & Secretary',
      sic: '3720',
      accession: '0001127602-25-001055',
    });
    expect(mentions[0]?.affiliations[0]?.sic).toBe('3720');
  });

  it('NVIDIA 0001045810-26-000024 (8-K): the HTML people carry SIC 3674 and unique mention ids', () => {
    const { mentions, title, sourceId } = parse(NVIDIA);
    expect(title).toBe('8-K · NVIDIA CORP · 2026-03-06');
    expect(mentions.map((m) => m.name.full)).toEqual(
      expect.arrayContaining(['Jen-Hsun Huang', 'Colette M. Kress']),
    );
    expect(new Set(mentions.map((m) => m.mentionId)).size).toBe(mentions.length);
    mentions.forEach((m, i) => {
      expect(m.mentionId).toBe(`${sourceId}#${i}`);
      expect(m.format).toBe('edgar-submission');
      for (const r of m.filingRoles)
        expect(r).toMatchObject({ sic: '3674', form: '8-K', accession: '0001045810-26-000024' });
      expect(m.evidence.every((e) => e.path.startsWith('document[1]/'))).toBe(true);
    });
    expect(mentions.find((m) => m.name.full === 'Jen-Hsun Huang')?.affiliations[0]?.sic).toBe('3674');
  });

  it('180 Degree Capital 0000893739-20-000019 (DEF 14A): directors with SIC 6799', () => {
    const { mentions } = parse(PROXY);
    expect(mentions.map((m) => m.name.full)).toEqual(
      expect.arrayContaining(['Kevin M. Rendino', 'Daniel B. Wolfe', 'Stacy R. Brandom']),
    );
    for (const m of mentions) {
      expect(m.filingRoles.length).toBeGreaterThan(0);
      for (const r of m.filingRoles)
        expect(r).toMatchObject({ sic: '6799', form: 'DEF 14A', accession: '0000893739-20-000019' });
    }
  });

  it('detects all four submissions by content', () => {
    for (const file of [APPLE, AAR, NVIDIA, PROXY])
      expect(edgarSubmissionParser.detect(text(file).slice(0, 65536))).toBe(true);
  });
});
