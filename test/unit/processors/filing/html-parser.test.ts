import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFilingHtml, secFilingHtmlParser } from '../../../../processors/filing/filing-html-parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import type { ParseOutcome } from '../../../../processors/parser.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { detectFormat } from '../../../../processors/registry.js';
import { envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions } from '../../../helpers/outcomes.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/filing-html');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

const parsed = parsedMentions;

function person(ms: PersonMention[], full: string): PersonMention {
  const m = ms.find((x) => x.name.full === full);
  if (m === undefined) throw new Error(`${full} missing from ${ms.map((x) => x.name.full).join(', ')}`);
  return m;
}

describe('sec-filing-html: made-up 10-K executive officers', () => {
  const outcome = secFilingHtmlParser.parse(
    envelopeOf(fixture('made-up-10k-officers.html'), 'sec-filing-html'),
    defaultParseLimits,
  );
  const ms = parsed(outcome);

  it('reads form, registrant and CIK from inline XBRL dei facts', () => {
    expect(outcome.status === 'parsed' && outcome.document.title).toBe('10-K · Quillfeather Robotics, Inc.');
    expect(person(ms, 'Priya Ramaswamy').filingRoles[0]).toMatchObject({
      issuer: 'Quillfeather Robotics, Inc.',
      issuerCik: '0009999999',
      form: '10-K',
      role: 'officer',
      title: 'Senior Vice President, General Counsel and Secretary',
    });
  });

  it('reads the Name | Age | Position table, with particles and suffixes in names', () => {
    const cfo = person(ms, 'Bartholomew van der Linde, Jr.');
    expect(cfo.age).toBe(61);
    expect(cfo.name.order).toBe('given-first');
    expect(cfo.affiliations[0]).toMatchObject({
      organization: 'Quillfeather Robotics, Inc.',
      title: 'Executive Vice President and Chief Financial Officer',
      current: true,
    });
    expect(person(ms, 'Priya Ramaswamy').age).toBe(47);
  });

  it('reads "Name, 58, has served as …" paragraphs and merges them with table rows', () => {
    const coo = person(ms, 'Desmond K. Achterberg');
    expect(coo).toMatchObject({ role: 'officer', age: 58 });
    expect(coo.filingRoles[0]?.title).toBe('Chief Operating Officer');
    const ceo = person(ms, 'Marisol T. Okafor');
    expect(ceo.age).toBe(54);
    expect(ceo.evidence.length).toBeGreaterThanOrEqual(2);
    expect(ms.filter((m) => m.name.full === 'Marisol T. Okafor')).toHaveLength(1);
    // The signature table says she is also a director.
    expect(ceo.filingRoles.map((r) => r.role)).toEqual(expect.arrayContaining(['officer', 'director']));
  });

  it('keeps signers with their titles and rejects headings and committee text as names', () => {
    expect(person(ms, 'Gunnar Lindqvist').role).toBe('director');
    const names = ms.map((m) => m.name.full);
    expect(names).not.toContain('Chairman of the Board');
    expect(names).not.toContain('Ada Vance');
    expect(names).not.toContain('Helen Troy');
    expect(names.some((n) => /Committee|Board|Quillfeather/.test(n))).toBe(false);
    expect(ms).toHaveLength(5);
  });
});

describe('sec-filing-html: made-up Workiva inline XBRL 10-K, name and title joined in one cell', () => {
  const body = fixture('made-up-10k-ixbrl-officer-since.html');

  it('is detected as filing HTML though dei:DocumentType lies past the first 64 KiB', () => {
    expect(body.indexOf('name="dei:DocumentType"')).toBeGreaterThan(65536);
    expect(detectFormat(body.slice(0, 65536))).toBe('sec-filing-html');
  });

  const outcome = secFilingHtmlParser.parse(envelopeOf(body, 'sec-filing-html'), defaultParseLimits);
  const ms = parsed(outcome);

  it('reads "Name, Title (1)" | Age | Officer Since rows, CIK from dei:EntityCentralIndexKey', () => {
    expect(ms.map((m) => m.name.full)).toEqual([
      'Harriet M. Quenneville',
      'Oluwaseun Adebayo-Park',
      'Tobias R. Feldkamp',
      'Mei-Ling Zhou',
    ]);
    const cfo = person(ms, 'Oluwaseun Adebayo-Park');
    expect(cfo.age).toBe(49);
    expect(cfo.filingRoles[0]).toMatchObject({
      issuer: 'Lanternfish Photonics Corp.',
      issuerCik: '0009876543',
      form: '10-K',
      role: 'officer',
      title: 'Senior Vice President and Chief Financial Officer',
    });
    // A title containing "Executive Officer" is this person's, not a group heading.
    const ceo = person(ms, 'Harriet M. Quenneville');
    expect(ceo.age).toBe(57);
    expect(ceo.filingRoles.map((r) => r.title)).toContain('Chair, President and Chief Executive Officer');
    expect(person(ms, 'Tobias R. Feldkamp').age).toBe(62);
  });
});

describe('sec-filing-html: made-up 20-F Item 6', () => {
  const ms = parsed(
    secFilingHtmlParser.parse(
      envelopeOf(fixture('made-up-20f-item6.html'), 'sec-filing-html'),
      defaultParseLimits,
    ),
  );

  it('reads directors and senior management with roles from their titles', () => {
    expect(person(ms, '王建国')).toMatchObject({ role: 'director', age: 59 });
    const chen = person(ms, 'Li-Hua Chen');
    expect(chen.age).toBe(51);
    expect(chen.filingRoles.map((r) => r.role).sort()).toEqual(['director', 'officer']);
    expect(person(ms, 'Sebastian de la Cruz').filingRoles).toEqual([
      expect.objectContaining({
        role: 'director',
        title: 'Independent Director',
        form: '20-F',
        issuer: 'HARBOURLIGHT SEMICONDUCTOR LIMITED',
      }),
    ]);
    expect(person(ms, 'Nomvula R. Dlamini')).toMatchObject({ role: 'officer', age: 43 });
    expect(ms).toHaveLength(4);
  });
});

describe('sec-filing-html: made-up 8-K Item 5.02 sentences', () => {
  const html = `<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p>
    <p>Tindall Marine Corp.</p><p>(Exact name of registrant as specified in its charter)</p>
    <p><b>Item 5.02 Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers</b></p>
    <p>On May 4, 2026, the Board of Directors of Tindall Marine Corp. appointed Jane Q. Doe, age 48, as Chief Financial Officer, effective June 1, 2026. Ms. Doe succeeds Robert Lang, who will retire as Chief Financial Officer on May 31, 2026.</p>
    <p>Mr. Lang will remain with the Company as an advisor. The Board also elected Oluwaseun Adeyemi to the Board of Directors as an independent director.</p>
    <p><b>Item 9.01 Financial Statements and Exhibits</b></p></body></html>`;
  const ms = parsed(extractFilingHtml(html, { sourceId: 'filing:00000000000000000000000000000001' }));

  it('finds appointments, retirements and elections with ages and titles', () => {
    expect(person(ms, 'Jane Q. Doe')).toMatchObject({ age: 48, role: 'officer' });
    expect(person(ms, 'Jane Q. Doe').filingRoles[0]).toMatchObject({
      title: 'Chief Financial Officer',
      event: 'appointed',
      form: '8-K',
      issuer: 'Tindall Marine Corp.',
    });
    expect(person(ms, 'Robert Lang').filingRoles).toContainEqual(
      expect.objectContaining({ event: 'departed', title: 'Chief Financial Officer' }),
    );
    expect(person(ms, 'Oluwaseun Adeyemi').filingRoles[0]).toMatchObject({
      role: 'director',
      event: 'elected',
    });
    expect(person(ms, 'Jane Q. Doe').evidence[0]?.path).toBe('item 5.02 ¶1');
  });
});

describe('sec-filing-html: detect', () => {
  it('claims SEC cover pages and inline XBRL, not personal or faculty pages', () => {
    expect(secFilingHtmlParser.detect(fixture('made-up-10k-officers.html'), 'text/html')).toBe(true);
    expect(
      secFilingHtmlParser.detect('<html><body><div name="dei:DocumentType">8-K</div></body></html>'),
    ).toBe(true);
    const faculty = `<html><head><title>Prof. Jane Roe</title></head><body><h1>Jane Roe</h1>
      <p>Associate Professor of Accounting. My research studies Form 10-K disclosures and the Securities and Exchange Commission's comment letters.</p>
      <p>Director, Center for Financial Reporting.</p></body></html>`;
    expect(secFilingHtmlParser.detect(faculty, 'text/html')).toBe(false);
    expect(
      secFilingHtmlParser.detect(
        '<html><body><h1>Jane Doe — Chief Financial Officer</h1><p>Résumé</p></body></html>',
      ),
    ).toBe(false);
    expect(secFilingHtmlParser.detect('SECURITIES AND EXCHANGE COMMISSION FORM 10-K', 'text/plain')).toBe(
      false,
    );
  });
});

describe('sec-filing-html: bad input', () => {
  const parse = (body: Buffer | string, limits = defaultParseLimits): ParseOutcome =>
    secFilingHtmlParser.parse(envelopeOf(body, 'sec-filing-html'), limits);

  it('rejects a filing that names no officer or director as no-person', () => {
    let outcome: ParseOutcome | undefined;
    expect(() => {
      outcome = parse(
        '<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p><p>Item 8.01 Other Events. The Company opened a plant.</p></body></html>',
      );
    }).not.toThrow();
    expect(outcome?.status === 'rejected' && outcome.error.code).toBe('no-person');
    expect(outcome?.status === 'rejected' && outcome.error.message).toBe(
      'no officers or directors found in 8-K',
    );
  });

  it('rejects empty input', () => {
    const outcome = parse('');
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('empty-input');
    expect(parse('  \n ').status === 'rejected').toBe(true);
  });

  it('rejects invalid UTF-8', () => {
    const body = Buffer.concat([
      Buffer.from('<html><body><p>SECURITIES AND EXCHANGE COMMISSION FORM 8-K Jos'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('</p></body></html>'),
    ]);
    let outcome: ParseOutcome | undefined;
    expect(() => {
      outcome = parse(body);
    }).not.toThrow();
    expect(outcome?.status === 'rejected' && outcome.error.code).toBe('invalid-encoding');
  });

  it('rejects a document over maxDocumentBytes before parsing it', () => {
    const huge = `<html><body>${'<p>SECURITIES AND EXCHANGE COMMISSION</p>'.repeat(3000)}</body></html>`;
    const outcome = parse(huge, { maxDocumentBytes: 64 * 1024 });
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('too-large');
  });

  it('survives pathological nesting without throwing', () => {
    const deep = `<html><body>${'<div>'.repeat(20000)}FORM 8-K${'</div>'.repeat(20000)}</body></html>`;
    let outcome: ParseOutcome | undefined;
    expect(() => {
      outcome = parse(deep);
    }).not.toThrow();
    expect(outcome?.status).toBe('rejected');
  });

  it('rejects text with no markup as unsupported-document', () => {
    const outcome = parse('Jane Doe, 52, has served as Chief Financial Officer since 2020.');
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('unsupported-document');
  });
});
