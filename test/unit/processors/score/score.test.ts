import { describe, expect, it } from 'vitest';
import { loadIndustries, type Industry } from '../../../../config/industries.js';
import { loadRoleFunctions } from '../../../../config/role-functions.js';
import { loadScoring } from '../../../../config/scoring.js';
import { loadSkills } from '../../../../config/skills.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { SkillVocabulary } from '../../../../processors/normalize/skill.js';
import { ProfileFactory } from '../../../../processors/profile-factory.js';
import type { ParsedRecord } from '../../../../processors/profile/build-profiles.js';
import { classCovers, parseClassCode } from '../../../../processors/score/class-code.js';
import { madeUpMention, madeUpPatent, madeUpRecord } from '../../../helpers/made-up-mentions.js';

const scoring = loadScoring('config/scoring.yaml');
const roleFunctions = loadRoleFunctions('config/role-functions.yaml');
const vocabulary = new SkillVocabulary(loadSkills('config/skills.yaml'));
const factory = (industries: Industry[] = loadIndustries('config/industries.yaml')) =>
  new ProfileFactory({ industries, scoring, roleFunctions, vocabulary, referenceYear: 2026 });

const mention = madeUpMention;
const record = (...mentions: PersonMention[]): ParsedRecord => madeUpRecord(mentions);
const patent = madeUpPatent;

describe('class codes', () => {
  it('compares whole group numbers', () => {
    const code = parseClassCode('H01L 33/00') as NonNullable<ReturnType<typeof parseClassCode>>;
    expect(classCovers(parseClassCode('H01L 33') as typeof code, code)).toBe(true);
    expect(classCovers(parseClassCode('H01L 3') as typeof code, code)).toBe(false);
    expect(classCovers(parseClassCode('H01') as typeof code, code)).toBe(true);
    expect(
      classCovers(parseClassCode('H04B 7/185') as typeof code, parseClassCode('H04B 7/18513') as typeof code),
    ).toBe(true);
  });
});

describe('priority-industry scoring', () => {
  it('scores patents in semiconductor classes for semiconductors and explains it in points that add up', () => {
    const [p] = factory().profiles([
      record(
        mention({
          name: { full: 'Ada Example' },
          role: 'inventor',
          sourceKind: 'patent',
          format: 'uspto-xml',
          patents: [patent('1', ['H01L 21/768']), patent('2', ['H01L 29/78']), patent('3', ['H10B 12/00'])],
        }),
      ),
    ]);
    expect(p?.topIndustries[0]?.industry).toBe('semiconductors');
    const semis = p?.explanation.industries.find((i) => i.industry === 'semiconductors');
    expect(semis?.contributions[0]?.reason).toMatch(/3 patents classed in H01L 21, H01L 29, H10B 12/);
    const sum = semis?.contributions.reduce((s, c) => s + c.points, 0) ?? 0;
    expect(Math.abs(Math.round(sum) - (semis?.score ?? -1))).toBeLessThanOrEqual(0);
    expect(p?.scores.film).toBe(0);
    expect(p?.tier).toBe('C'); // 3 patents
  });

  it('is deterministic: same input and config, same output', () => {
    const input = [
      record(
        mention({
          name: { full: '王伟' },
          professionalTitles: ['研究员'],
          skills: ['光学设计', '激光'],
          affiliations: [
            {
              organization: '中国科学院长春光学精密机械与物理研究所',
              title: '研究员',
              current: true,
              evidence: { sourceId: 'x', path: 'p' },
            },
          ],
        }),
      ),
    ];
    const make = () => factory().profiles(input);
    expect(JSON.stringify(make())).toBe(JSON.stringify(make()));
    const [p] = make();
    expect(p?.topIndustries[0]?.industry).toBe('optoelectronics');
    expect(p?.tier).toBe('B');
    expect(p?.reason).toMatch(/^Tier B · optoelectronics \d+: /);
  });

  it('puts academicians in tier A and students in tier E', () => {
    const f = factory();
    const [academician] = f.profiles([
      record(mention({ name: { full: '李四' }, professionalTitles: ['中国工程院院士'] })),
    ]);
    const [student] = f.profiles([
      record(
        mention({
          name: { full: 'Sam Student' },
          affiliations: [
            {
              organization: 'Example University',
              title: 'PhD student',
              evidence: { sourceId: 'x', path: 'p' },
            },
          ],
        }),
      ),
    ]);
    expect(academician?.tier).toBe('A');
    expect(academician?.explanation.tier.because).toMatch(/院士/);
    expect(student?.tier).toBe('E');
  });

  it('counts a public-company officer role at a company of the industry (SIC) and the anchor employer', () => {
    const [p] = factory().profiles([
      record(
        mention({
          name: { full: 'GARCIA MARIA E', order: 'surname-first' },
          secCik: '0009999002',
          role: 'officer',
          sourceKind: 'filing',
          format: 'sec-ownership-xml',
          filingRoles: [
            {
              issuer: 'EXAMPLE MOTORS INC',
              role: 'officer',
              title: 'Chief Technology Officer',
              form: '4',
              date: '2025-03-14',
              sic: '3711',
            },
          ],
          affiliations: [
            {
              organization: 'Tesla, Inc.',
              title: 'CTO',
              current: true,
              evidence: { sourceId: 'x', path: 'p' },
            },
          ],
        }),
      ),
    ]);
    const auto = p?.explanation.industries.find((i) => i.industry === 'automotive');
    expect(auto?.contributions.map((c) => c.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/officer at EXAMPLE MOTORS INC \(SIC 3711\)/),
        expect.stringMatching(/works at Tesla, Inc., an anchor employer/),
      ]),
    );
    // A CTO of an anchor employer leads a major firm of the industry: tier A.
    expect(p?.tier).toBe('A');
    expect(p?.explanation.tier.because).toBe('CTO of Tesla, Inc. (an anchor employer in automotive)');
    expect(p?.displayName).toBe('Maria E. Garcia');
  });

  it('follows the configured industries only: another region replaces them by config', () => {
    const custom: Industry[] = [
      {
        id: 'forestry',
        name: { en: 'Forestry', zh: '林业' },
        scarcity: 0.5,
        keywords: { en: ['forestry', 'timber'], zh: ['林业'] },
        cpc: ['A01G 23'],
        ipc: [],
        sic: ['0800'],
        naics: [],
        employers: [],
        topics: [],
        venues: [],
      },
    ];
    const [p] = factory(custom).profiles([
      record(mention({ name: { full: 'Tim Ber' }, skills: ['Forestry', 'timber harvesting'] })),
    ]);
    expect(Object.keys(p?.scores ?? {})).toEqual(['forestry']);
    expect(p?.topIndustries[0]?.industry).toBe('forestry');
  });
});

describe('merging mentions into profiles', () => {
  it('merges on a shared SEC CIK and keeps the evidence of each source', () => {
    const a = mention({
      name: { full: 'DOE JANE', order: 'surname-first' },
      secCik: '0001234567',
      role: 'officer',
      sourceKind: 'filing',
      format: 'sec-ownership-xml',
    });
    const b = mention({
      name: { full: 'Doe Jane A.', order: 'surname-first' },
      secCik: '1234567',
      role: 'director',
      sourceKind: 'filing',
      format: 'sec-ownership-xml',
    });
    const profiles = factory().profiles([record(a), record(b)]);
    expect(profiles).toHaveLength(1);
    expect(profiles[0]?.evidence.map((e) => e.mentionId).sort()).toEqual([a.mentionId, b.mentionId].sort());
    expect(profiles[0]?.identifiers.secCiks).toEqual(['1234567']);
  });

  it('merges identical name + organisation, but never across different CIKs', () => {
    const aff = (org: string) => [{ organization: org, evidence: { sourceId: 'x', path: 'p' } }];
    const r1 = mention({ name: { full: 'Ada Example' }, affiliations: aff('Example Chips, Inc.') });
    const r2 = mention({
      name: { full: 'ADA EXAMPLE' },
      role: 'inventor',
      sourceKind: 'patent',
      format: 'uspto-xml',
      patents: [patent('9', ['H01L 21/00'])],
    });
    expect(factory().profiles([record(r1), record(r2)])).toHaveLength(1);
    const c1 = mention({ name: { full: 'John Smith' }, secCik: '111', affiliations: aff('Acme Corp') });
    const c2 = mention({
      name: { full: 'John Smith' },
      secCik: '222',
      affiliations: aff('ACME CORPORATION'),
    });
    expect(factory().profiles([record(c1), record(c2)])).toHaveLength(2);
  });

  it('gives the same profile id whatever the arrival order', () => {
    const a = mention({ name: { full: 'Eve Example' }, emails: ['Eve@Example.org'] });
    const b = mention({
      name: { full: 'Eve Example' },
      emails: ['eve@example.org'],
      orcid: 'https://orcid.org/0000-0002-1825-0097',
    });
    const one = factory().profiles([record(a), record(b)]);
    const two = factory().profiles([record(b), record(a)]);
    expect(one[0]?.id).toBe(two[0]?.id);
    expect(one[0]?.identifiers.orcid).toBe('0000-0002-1825-0097');
  });

  it('gives namesakes kept apart distinct ids even when they share a name + organisation key', () => {
    const aff = [{ organization: 'Huawei Technologies Co., Ltd.', evidence: { sourceId: 'x', path: 'p' } }];
    // Two inventors "Wei Zhang" of one patent are two people: one document cannot name a person twice.
    const first = mention({ name: { full: 'Wei Zhang' }, affiliations: aff, sourceId: 'test:zw' });
    const second = { ...first, mentionId: 'test:zw#1' };
    const profiles = factory().profiles([record(first, second)]);
    expect(profiles).toHaveLength(2);
    expect(new Set(profiles.map((p) => p.id)).size).toBe(2);
    expect(profiles.every((p) => p.merges === undefined)).toBe(true);
  });

  it('keeps the merges that made a profile, with their reasons', () => {
    const aff = (org: string) => [{ organization: org, evidence: { sourceId: 'x', path: 'p' } }];
    const a = mention({ name: { full: 'Katherine Adams' }, affiliations: aff('Nimbus Optics Inc.') });
    const b = mention({ name: { full: 'Kate Adams' }, affiliations: aff('Nimbus Optics') });
    const profiles = factory().profiles([record(a), record(b)]);
    expect(profiles).toHaveLength(1);
    const merge = profiles[0]?.merges?.[0];
    expect(merge).toMatchObject({ kind: 'evidence' });
    expect([merge?.left, merge?.right].sort()).toEqual([a.mentionId, b.mentionId].sort());
    expect(merge?.reasons).toContain('same organisation nimbus optics (+2.5)');
  });
});
