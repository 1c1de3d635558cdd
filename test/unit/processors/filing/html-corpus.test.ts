import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { defaultParseLimits } from '../../../../processors/parser.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { extractFilingHtml, secFilingHtmlParser } from '../../../../processors/filing/filing-html-parser.js';
import { detectFormat } from '../../../../processors/registry.js';
import { corpusEnvelope, corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';

function parseCorpus(file: string): PersonMention[] {
  const outcome = secFilingHtmlParser.parse(
    corpusEnvelope(`sec-filings/${file}`, 'sec-filing-html'),
    defaultParseLimits,
  );
  if (outcome.status !== 'parsed') throw new Error(`expected parsed, got ${JSON.stringify(outcome)}`);
  return outcome.mentions;
}

function person(mentions: PersonMention[], full: string): PersonMention {
  const found = mentions.find((m) => m.name.full === full);
  if (found === undefined)
    throw new Error(`${full} not found among ${mentions.map((m) => m.name.full).join(', ')}`);
  return found;
}

function titles(m: PersonMention): string[] {
  return m.filingRoles.map((r) => r.title).filter((t): t is string => t !== undefined);
}

describeWithCorpus('sec-filing-html: real filings', () => {
  it('detects every filing HTML in the corpus, including the EDGAR index page', () => {
    for (const f of [
      'nvda-8-K-20260302-item5.02.htm',
      'jpm-8-K-20260624-item5.02.htm',
      'blackrock-8-K-0001193125-23-048785-item5.02.htm',
      'afcgamma-8-K-20230317-item5.02.html',
      'oracle-8-K-20241114-item5.07.html',
      'cabot-DEF14A-2024.ixbrl.trimmed-before-CDA.html',
      '0001045810-26-000024-index.html',
    ]) {
      const head = readFileSync(corpusPath(`sec-filings/${f}`))
        .subarray(0, 65536)
        .toString('utf8');
      expect(secFilingHtmlParser.detect(head, 'text/html'), f).toBe(true);
    }
  });

  it('NVIDIA 8-K Item 5.02: named executive officers with titles, issuer from the cover', () => {
    const ms = parseCorpus('nvda-8-K-20260302-item5.02.htm');
    const huang = person(ms, 'Jen-Hsun Huang');
    expect(huang.role).toBe('officer');
    expect(titles(huang)).toContain('President and Chief Executive Officer');
    expect(huang.filingRoles[0]).toMatchObject({
      issuer: 'NVIDIA CORP',
      issuerCik: '0001045810',
      form: '8-K',
    });
    expect(huang.affiliations[0]).toMatchObject({
      organization: 'NVIDIA CORP',
      title: 'President and Chief Executive Officer',
      current: true,
    });
    expect(titles(person(ms, 'Colette M. Kress'))).toContain(
      'Executive Vice President and Chief Financial Officer',
    );
    expect(titles(person(ms, 'Timothy S. Teter'))).toContain(
      'Executive Vice President, General Counsel and Secretary',
    );
    person(ms, 'Ajay K. Puri');
    person(ms, 'Debora Shoquist');
    expect(titles(person(ms, 'Rebecca Peters'))).toContain(
      'Vice President, Deputy General Counsel and Assistant Secretary',
    );
    expect(ms.some((m) => /NVIDIA|Compensation|Committee/.test(m.name.full))).toBe(false);
    expect(huang.evidence[0]?.path).toMatch(/tr/);
    expect(huang.mentionId).toMatch(/^filing:[0-9a-f]{32}#\d+$/);
  });

  it('JPMorgan 8-K Item 5.02: Co-Presidents elected with ages, a retirement, other officers', () => {
    const ms = parseCorpus('jpm-8-K-20260624-item5.02.htm');
    const petno = person(ms, 'Doug Petno');
    expect(petno.age).toBe(61);
    expect(petno.filingRoles).toContainEqual(
      expect.objectContaining({ role: 'officer', title: 'Co-Presidents', event: 'elected' }),
    );
    expect(titles(petno)).toContain('Co-President and CEO of the Commercial & Investment Bank');
    expect(petno.evidence.some((e) => /^item 5\.02 ¶\d+$/.test(e.path))).toBe(true);
    const rohrbaugh = person(ms, 'Troy Rohrbaugh');
    expect(rohrbaugh.age).toBe(56);
    expect(rohrbaugh.filingRoles).toContainEqual(expect.objectContaining({ event: 'elected' }));
    expect(titles(rohrbaugh)).toContain('CEO of Consumer & Community Banking');
    const lake = person(ms, 'Marianne Lake');
    expect(lake.filingRoles).toContainEqual(
      expect.objectContaining({ title: 'CEO of CCB', event: 'departed' }),
    );
    expect(lake.affiliations[0]?.current).toBe(false);
    expect(titles(person(ms, 'Mary Erdoes'))).toContain('CEO of Asset & Wealth Management');
    expect(titles(person(ms, 'Jennifer Piepszak'))).toContain('Chief Operating Officer');
    expect(titles(person(ms, 'Reid R. Broda'))).toContain('Corporate Secretary');
    expect(ms.some((m) => /JPMorgan|Chase/.test(m.name.full))).toBe(false);
  });

  it('BlackRock 8-K Item 5.02: CFO transition', () => {
    const ms = parseCorpus('blackrock-8-K-0001193125-23-048785-item5.02.htm');
    const shedlin = person(ms, 'Gary S. Shedlin');
    expect(shedlin.filingRoles).toContainEqual(
      expect.objectContaining({ title: 'Chief Financial Officer', event: 'departed' }),
    );
    expect(shedlin.filingRoles).toContainEqual(
      expect.objectContaining({ title: 'Vice Chairman', event: 'appointed' }),
    );
    expect(person(ms, 'Martin Small').filingRoles).toContainEqual(
      expect.objectContaining({
        role: 'officer',
        title: 'Chief Financial Officer',
        event: 'appointed',
        issuer: 'BlackRock Inc.',
      }),
    );
    expect(titles(person(ms, 'R. Andrew Dickson III'))).toContain(
      'Managing Director and Corporate Secretary',
    );
  });

  it('AFC Gamma 8-K Item 5.02: departing and appointed CFO, age from "Mr. Hetzel, age 36"', () => {
    const ms = parseCorpus('afcgamma-8-K-20230317-item5.02.html');
    expect(person(ms, 'Brett Kaufman').filingRoles).toContainEqual(
      expect.objectContaining({ title: 'Chief Financial Officer and Treasurer', event: 'departed' }),
    );
    const hetzel = person(ms, 'Brandon Hetzel');
    expect(hetzel.age).toBe(36);
    expect(hetzel.filingRoles).toContainEqual(
      expect.objectContaining({ title: 'Chief Financial Officer and Treasurer', event: 'appointed' }),
    );
    expect(hetzel.filingRoles.some((r) => r.event === 'departed')).toBe(false);
    expect(titles(person(ms, 'Gabriel Katz'))).toContain('Secretary and Chief Legal Officer');
    expect(ms.some((m) => /Agreement|Employment/.test(m.name.full))).toBe(false);
    expect(ms).toHaveLength(3);
  });

  it('Oracle 8-K Item 5.07: the thirteen elected directors', () => {
    const ms = parseCorpus('oracle-8-K-20241114-item5.07.html');
    const directors = ms.filter((m) => m.role === 'director').map((m) => m.name.full);
    expect(directors).toEqual([
      'Awo Ablo',
      'Jeffrey S. Berg',
      'Michael J. Boskin',
      'Safra A. Catz',
      'Bruce R. Chizen',
      'George H. Conrades',
      'Lawrence J. Ellison',
      'Rona A. Fairhead',
      'Jeffrey O. Henley',
      'Charles W. Moorman',
      'Leon E. Panetta',
      'William G. Parrett',
      'Naomi O. Seligman',
    ]);
    expect(person(ms, 'Safra A. Catz').filingRoles[0]).toMatchObject({
      role: 'director',
      event: 'elected',
      form: '8-K',
    });
  });

  it('Cabot DEF 14A: three marked nominees, continuing directors with ages, officers from the ownership table', () => {
    const ms = parseCorpus('cabot-DEF14A-2024.ixbrl.trimmed-before-CDA.html');
    const nominees = ms
      .filter((m) => m.role === 'director-nominee')
      .map((m) => m.name.full)
      .sort();
    expect(nominees).toEqual(['Christine Y. Yan', 'Cynthia A. Arnold', 'Douglas G. Del Grosso']);
    expect(person(ms, 'Cynthia A. Arnold').age).toBe(65);
    expect(person(ms, 'Douglas G. Del Grosso').age).toBe(62);
    expect(person(ms, 'Christine Y. Yan').age).toBe(58);
    const morrow = person(ms, 'Michael M. Morrow');
    expect(morrow.role).toBe('director');
    expect(morrow.age).toBe(68);
    expect(titles(morrow)).toContain('Non-Executive Chair of the Board');
    for (const [name, age] of [
      ['Sue H. Rataj', 67],
      ['Michelle E. Williams', 62],
      ['Frank A. Wilson', 65],
      ['Matthias L. Wolfgruber', 70],
      ['Juan Enriquez', 64],
      ['Sean D. Keohane', 56],
      ['William C. Kirby', 72],
      ['Raffiq Nathoo', 57],
    ] as const) {
      const m = person(ms, name);
      expect(m.role, name).toBe('director');
      expect(m.age, name).toBe(age);
    }
    for (const name of ['Karen A. Kalita', 'Hobart C. Kalkstein', 'Erica McLaughlin', 'Jeff Zhu'])
      expect(person(ms, name).role).toBe('officer');
    expect(titles(person(ms, 'Jane A. Bell'))).toContain('Secretary');
    expect(person(ms, 'Sean D. Keohane').filingRoles[0]).toMatchObject({
      issuer: 'Cabot Corporation',
      issuerCik: '0000016040',
      form: 'DEF 14A',
    });
    expect(ms.some((m) => /BlackRock|Vanguard|FMR|Wellington|Deloitte|Concerns/.test(m.name.full))).toBe(
      false,
    );
    expect(ms).toHaveLength(17);
  });

  it('180 Degree Capital DEF 14A (HTML taken from the EDGAR .txt): nominees, officers, retiring director', () => {
    const txt = readFileSync(
      corpusPath('sec-filings/0000893739-20-000019.DEF14A.180-degree-capital.submission-trimmed.txt'),
      'utf8',
    );
    const html = txt.slice(txt.indexOf('<TEXT>') + '<TEXT>'.length, txt.indexOf('</TEXT>'));
    const outcome = extractFilingHtml(html, {
      sourceId: 'filing:0123456789abcdef0123456789abcdef',
      form: 'DEF 14A',
      issuer: '180 DEGREE CAPITAL CORP. /NY/',
      issuerCik: '0000893739',
      sic: '6799',
      filingDate: '20200325',
      accession: '0000893739-20-000019',
      pathPrefix: 'document[1]',
    });
    expect(outcome.status).toBe('parsed');
    if (outcome.status !== 'parsed') return;
    const ms = outcome.mentions;
    const rendino = person(ms, 'Kevin M. Rendino');
    expect(rendino.role).toBe('director-nominee');
    expect(rendino.age).toBe(53);
    expect(rendino.filingRoles).toContainEqual(
      expect.objectContaining({
        role: 'officer',
        title: 'Chairman, Chief Executive Officer and Portfolio Manager',
        sic: '6799',
        accession: '0000893739-20-000019',
        date: '20200325',
      }),
    );
    expect(rendino.evidence.every((e) => e.path.startsWith('document[1]/'))).toBe(true);
    const wolfe = person(ms, 'Daniel B. Wolfe');
    expect(wolfe.age).toBe(43);
    expect(titles(wolfe)).toContain('President, Chief Financial Officer and Chief Compliance Officer');
    for (const [name, age] of [
      ['Stacy R. Brandom', 62],
      ['Richard P. Shanley', 73],
      ['Parker A. Weil', 54],
    ] as const) {
      const m = person(ms, name);
      expect(m.role, name).toBe('director-nominee');
      expect(m.age, name).toBe(age);
    }
    // "Parker Weil" in the nominee table and "Parker A. Weil" elsewhere are one person.
    expect(person(ms, 'Parker A. Weil').otherNames).toContain('Parker Weil');
    expect(person(ms, 'Charles E. Ramsey').role).toBe('director');
    const bigelow = person(ms, 'Robert E. Bigelow, III');
    expect(bigelow.role).toBe('officer');
    expect(bigelow.age).toBe(52);
    expect(titles(bigelow)).toContain('Vice President, Head of Fund Development');
    const gift = person(ms, 'Alicia M. Gift');
    expect(gift.age).toBe(43);
    expect(titles(gift)).toContain('Senior Controller, Secretary and Treasurer');
    expect(ms).toHaveLength(8);
    expect(ms.some((m) => /Ariel|Financial Consulate/.test(m.name.full))).toBe(false);
  });

  it('Apple 10-K FY2025 (Workiva inline XBRL): detected, CIK from dei, officers and directors who signed', () => {
    const file = corpusPath('sec-more/isw_apple_10-K_FY2025.htm');
    const head = readFileSync(file).subarray(0, 65536).toString('latin1');
    expect(detectFormat(head)).toBe('sec-filing-html');
    const outcome = secFilingHtmlParser.parse(
      corpusEnvelope('sec-more/isw_apple_10-K_FY2025.htm', 'sec-filing-html'),
      defaultParseLimits,
    );
    if (outcome.status !== 'parsed') throw new Error(JSON.stringify(outcome));
    expect(outcome.document.title).toBe('10-K · Apple Inc.');
    const ms = outcome.mentions;
    expect(ms.map((m) => m.name.full)).toEqual(
      expect.arrayContaining(['Timothy D. Cook', 'Kevan Parekh', 'Arthur D. Levinson', 'Susan L. Wagner']),
    );
    expect(ms).toHaveLength(10);
    expect(person(ms, 'Kevan Parekh').filingRoles[0]).toMatchObject({
      issuer: 'Apple Inc.',
      issuerCik: '0000320193',
      form: '10-K',
      role: 'officer',
      title: 'Senior Vice President, Chief Financial Officer',
    });
    expect(titles(person(ms, 'Arthur D. Levinson'))).toContain('Director and Chair of the Board');
  });

  it('EDGAR filing index page: recognised, names no people → rejected no-person', () => {
    const envelope = corpusEnvelope('sec-filings/0001045810-26-000024-index.html', 'sec-filing-html');
    const outcome = secFilingHtmlParser.parse(envelope, defaultParseLimits);
    expect(outcome.status).toBe('rejected');
    if (outcome.status === 'rejected') {
      expect(outcome.error.code).toBe('no-person');
      expect(outcome.error.message).toBe('no officers or directors found in 8-K');
    }
  });
});
