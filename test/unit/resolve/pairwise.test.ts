import { describe, expect, it } from 'vitest';
import { compareMentions, describeEvidence } from '../../../processors/resolve/pairwise.js';
import { resolvable } from './fixtures.js';

describe('pairwise evidence', () => {
  it('treats a shared ORCID, CIK or e-mail as decisive, whatever else differs', () => {
    const a = resolvable({
      id: 'a',
      name: { full: 'MUSK ELON', order: 'surname-first' },
      cik: '0001494730',
      org: 'Tesla, Inc.',
    });
    const b = resolvable({ id: 'b', name: 'Elon R. Musk', cik: '1494730', org: 'SolarCity Corp' });
    const e = compareMentions(a, b);
    expect(e.mustLink).toBe('same SEC CIK 1494730');
    expect(describeEvidence(e)).toBe('same SEC CIK 1494730');
  });

  it('forbids a merge on conflicting strong identifiers, one document, or incompatible names', () => {
    const a = resolvable({ id: 'a', name: 'Jane Smith', cik: '111', org: 'Acme Corp' });
    expect(
      compareMentions(a, resolvable({ id: 'b', name: 'Jane Smith', cik: '222', org: 'Acme Corp' }))
        .cannotLink,
    ).toMatch(/different SEC CIKs/);
    expect(
      compareMentions(
        resolvable({ id: 'x', name: 'Jane Smith', orcid: '0000-0001-5078-5000' }),
        resolvable({ id: 'y', name: 'Jane Smith', orcid: '0000-0001-6270-9013' }),
      ).cannotLink,
    ).toMatch(/different ORCIDs/);
    expect(
      compareMentions(
        resolvable({ id: 'c', source: 'doc', name: 'Jane Smith' }),
        resolvable({ id: 'd', source: 'doc', name: 'Jane Smith' }),
      ).cannotLink,
    ).toBe('same document');
    expect(
      compareMentions(a, resolvable({ id: 'e', name: 'John Smith', org: 'Acme Corp' })).cannotLink,
    ).toMatch(/different given names/);
    // A shared mailbox in one document does not make two people one.
    expect(
      compareMentions(
        resolvable({ id: 'f', source: 'lab', name: 'A. Lee', email: 'lee@lab.edu' }),
        resolvable({ id: 'g', source: 'lab', name: 'B. Lee', email: 'lee@lab.edu' }),
      ).cannotLink,
    ).toBe('same document');
  });

  it('weighs co-inventors, assignees, places, classes and years, with a reason for each', () => {
    const patent = (id: string, number: string, inventors: string[], cpc: string[], date: string) =>
      resolvable({
        id,
        name: 'Min Soo Yoo',
        place: { city: 'Icheon', country: 'KR' },
        patent: {
          number,
          inventors: ['Min Soo Yoo', ...inventors],
          assignees: ['Hynix Semiconductor Inc.'],
          cpc,
          publicationDate: date,
        },
      });
    const a = patent('a', '8418361', ['Suk Won Lee', 'Chang Gun Oh'], ['H01L 21/768'], '2013-04-16');
    const b = patent(
      'b',
      '8500001',
      ['Suk W. Lee', 'Chang Gun Oh', 'Mi Sun Hwang'],
      ['H01L 23/00'],
      '2014-02-01',
    );
    const e = compareMentions(a, b);
    expect(e.anchored).toBe(true);
    expect(e.reasons.map((r) => r.code)).toEqual([
      'name',
      'co-inventor',
      'same-organization',
      'place',
      'field',
      'years',
    ]);
    expect(describeEvidence(e)).toBe(
      '2 shared co-inventors + same organisation hynix semiconductor + same city icheon + same patent class H01L + within 1 year',
    );
    expect(e.score).toBe(2 + 4 + 2.5 + 1 + 1 + 0.5);
  });

  it('relates organisations by containment and across scripts, never by a place name alone', () => {
    const at = (id: string, org: string) => resolvable({ id, name: 'Chong Wu', org });
    const codes = (x: string, y: string) =>
      compareMentions(at('a', x), at('b', y)).reasons.map((r) => r.code);
    expect(
      codes('The University of Texas MD Anderson Cancer Center', 'The University of Texas MD Anderson'),
    ).toContain('related-organization');
    expect(codes('吉林大学', 'Jilin University')).toContain('same-organization');
    expect(codes('华为技术有限公司', 'Huawei Technologies Co., Ltd.')).toContain('same-organization');
    expect(codes('华为技术有限公司', 'Huawei Device Co., Ltd.')).toContain('related-organization');
    expect(codes('吉林大学', 'Jilin Electric Power')).not.toContain('related-organization');
    expect(codes('Delta Air Lines', 'Delta Dental')).not.toContain('related-organization');
  });

  it('counts another country, an unrelated field and decades apart against a pair', () => {
    const a = resolvable({
      id: 'a',
      name: 'Jane Smith',
      place: { city: 'Boston', country: 'US' },
      patent: { number: '1', cpc: ['A61K 9/00'], publicationDate: '2020-01-01' },
    });
    const b = resolvable({
      id: 'b',
      name: 'Jane Smith',
      place: { city: 'Lyon', country: 'FR' },
      patent: { number: '2', cpc: ['H01L 21/00'], publicationDate: '1990-01-01' },
    });
    const e = compareMentions(a, b);
    expect(e.against).toBe(-1.5 - 1 - 1.5);
    expect(e.anchored).toBe(false);
  });

  it('does not let a related organisation anchor a pair that has evidence against it', () => {
    const a = resolvable({
      id: 'a',
      name: 'Mi Sun Hwang',
      org: 'Samsung Electro-Mechanics Co., Ltd.',
      place: { city: 'Suwon', country: 'KR' },
    });
    const b = resolvable({
      id: 'b',
      name: 'Mi Sun Hwang',
      org: 'Samsung Electro-Mechanics Research',
      place: { city: 'San Jose', country: 'US' },
    });
    expect(compareMentions(a, b).anchored).toBe(false);
  });

  it('is symmetric', () => {
    const a = resolvable({
      id: 'a',
      name: 'Katherine L. Adams',
      org: 'Apple Inc.',
      place: { city: 'Cupertino', region: 'CA', country: 'US' },
    });
    const b = resolvable({ id: 'b', name: 'K. Adams', org: 'Apple', start: '2019-01' });
    expect(compareMentions(b, a)).toEqual(compareMentions(a, b));
  });

  it('counts a co-inventor only by whole first name: two different W. Joneses are not one', () => {
    const patent = (number: string, inventors: string[]) => ({ number, inventors });
    const a = resolvable({
      id: 'a',
      name: 'Claire Lewis',
      patent: patent('1', ['Claire Lewis', 'William Jones']),
    });
    const b = resolvable({
      id: 'b',
      name: 'Claire Lewis',
      patent: patent('2', ['Claire Lewis', 'Walter Jones']),
    });
    const c = resolvable({
      id: 'c',
      name: 'Claire Lewis',
      patent: patent('3', ['Claire Lewis', 'Bill Jones']),
    });
    expect(compareMentions(a, b).reasons.map((r) => r.code)).not.toContain('co-inventor');
    expect(compareMentions(a, b).anchored).toBe(false);
    // A nickname of the same first name is the same co-inventor.
    expect(compareMentions(a, c).reasons.map((r) => r.code)).toContain('co-inventor');
  });

  it('does not relate organisations of different places, or a place with another kind of body', () => {
    const at = (id: string, org: string) => resolvable({ id, name: 'Wei Zhang', org });
    const codes = (x: string, y: string) =>
      compareMentions(at('a', x), at('b', y)).reasons.map((r) => r.code);
    expect(codes('Changchun Chemical Co., Ltd.', 'Hangzhou Chemical Co., Ltd.')).not.toContain(
      'related-organization',
    );
    expect(codes('Shanghai Zhongke Alloys', '长春中科影视有限公司')).not.toContain('related-organization');
    expect(codes('吉林大学', 'Jilin Software Group')).not.toContain('same-organization');
    expect(codes('吉林大学', 'Jilin University')).toContain('same-organization');
    expect(codes('华为技术有限公司', 'Huawei Technologies Co., Ltd.')).toContain('same-organization');
    expect(codes('Changchun Chemical Co., Ltd.', 'Changchun Chemical Research Co.')).toContain(
      'related-organization',
    );
  });

  it('reads a fielded pinyin name in the order its fields give ("Wei Yang" is Yang, not Wei)', () => {
    const fielded = (id: string, given: string, family: string) =>
      resolvable({
        id,
        name: { full: `${given} ${family}`, given, family, order: 'given-first' },
        org: 'Changchun Locomotive',
      });
    const e = compareMentions(fielded('a', 'Wei', 'Yang'), fielded('b', 'Yang', 'Wei'));
    expect(e.cannotLink).toMatch(/different pinyin names/);
    // Free text stays ambiguous: "YANG WEI" may be either, and meets both.
    const free = resolvable({ id: 'c', name: 'Yang Wei', org: 'Changchun Locomotive' });
    expect(compareMentions(fielded('a', 'Wei', 'Yang'), free).cannotLink).toBeUndefined();
  });
});
