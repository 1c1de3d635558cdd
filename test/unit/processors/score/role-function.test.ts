import { describe, expect, it } from 'vitest';
import { loadIndustries } from '../../../../config/industries.js';
import { loadRoleFunctions } from '../../../../config/role-functions.js';
import { loadScoring } from '../../../../config/scoring.js';
import { loadSkills } from '../../../../config/skills.js';
import type { PersonMention, RawAffiliation } from '../../../../processors/model/mention.js';
import { SkillVocabulary } from '../../../../processors/normalize/skill.js';
import { ProfileFactory } from '../../../../processors/profile-factory.js';
import { RoleClassifier } from '../../../../processors/score/role-function.js';
import { madeUpMention, madeUpPatent, madeUpRecord } from '../../../helpers/made-up-mentions.js';

const roleFunctions = loadRoleFunctions('config/role-functions.yaml');
const classifier = new RoleClassifier(roleFunctions);
const factory = new ProfileFactory({
  industries: loadIndustries('config/industries.yaml'),
  scoring: loadScoring('config/scoring.yaml'),
  roleFunctions,
  vocabulary: new SkillVocabulary(loadSkills('config/skills.yaml')),
  referenceYear: 2026,
});

const functionsOf = (title: string): string[] => classifier.titleFunctions(title).map((f) => f.id);
const at = (organization: string, title?: string, extra: Partial<RawAffiliation> = {}): RawAffiliation => ({
  organization,
  ...(title !== undefined ? { title } : {}),
  current: true,
  evidence: { sourceId: 'x', path: 'p' },
  ...extra,
});
const person = (input: Partial<PersonMention> & { name: PersonMention['name'] }) =>
  factory.profiles([madeUpRecord([madeUpMention(input)])])[0];

describe('role functions read from titles (config/role-functions.yaml)', () => {
  it('names the function of each part of a title, in Chinese and English', () => {
    expect(functionsOf('Executive Vice President, General Counsel and Secretary')).toEqual([
      'legal',
      'legal',
    ]);
    expect(functionsOf('Senior VP, GC, CAO & Secretary')).toEqual(['legal', 'finance', 'legal']);
    expect(functionsOf('Chief Executive Officer and Director')).toEqual(['executive']);
    expect(functionsOf('Non-Executive Chair of the Board')).toEqual(['board']);
    expect(functionsOf('Independent Director')).toEqual(['board']);
    expect(functionsOf('Director')).toEqual(['board']);
    expect(functionsOf('Senior Software Engineer')).toEqual(['technical']);
    expect(functionsOf('Vice President of Manufacturing')).toEqual(['engineering']);
    expect(functionsOf('董事、副总经理、财务总监')).toEqual(['finance']);
    expect(functionsOf('副总经理、董事会秘书')).toEqual(['legal']);
    expect(functionsOf('副总经理')).toEqual(['executive']);
    expect(functionsOf('董事长兼总经理')).toEqual(['executive', 'executive']);
    expect(functionsOf('总工程师')).toEqual(['executive']);
    expect(functionsOf('高级工程师')).toEqual(['technical']);
    expect(functionsOf('独立非执行董事')).toEqual(['board']);
    expect(functionsOf('监事会主席')).toEqual(['board']);
    expect(functionsOf('党委书记、纪委书记')).toEqual(['admin', 'admin']);
    expect(functionsOf('人力资源部经理')).toEqual(['admin']);
    expect(functionsOf('销售总监')).toEqual(['sales']);
    expect(functionsOf('生产部经理')).toEqual(['engineering']);
    expect(functionsOf('研发中心主任')).toEqual(['executive']);
    expect(functionsOf('教授、博士生导师')).toEqual(['academic', 'academic']);
  });

  it('tells STEM from other academic posts by the title, the department and the school', () => {
    expect(classifier.academicKind('会计学教授', [])).toBe('academicNonStem');
    expect(classifier.academicKind('Professor', ['School of Management'])).toBe('academicNonStem');
    expect(classifier.academicKind('Professor', ['Department of Electrical Engineering'])).toBe(
      'academicStem',
    );
    expect(classifier.academicKind('教授', ['吉林大学材料科学与工程学院'])).toBe('academicStem');
    expect(classifier.academicKind('Professor', ['Example University'])).toBe('academic');
  });
});

describe('evidence weighting by role function', () => {
  it('gives an independent director who is an accounting professor almost nothing from the company’s description, and says why', () => {
    const p = person({
      name: { full: '甲乙丙', order: 'surname-first' },
      format: 'zh-resume-text',
      affiliations: [at('长春示例新材料股份有限公司', '独立董事'), at('示例大学经济管理学院', '会计学教授')],
    });
    expect(p?.scores.materials).toBe(0);
    const materials = p?.explanation.industries.find((i) => i.industry === 'materials');
    expect(materials?.contributions.map((c) => c.reason)).toEqual(
      expect.arrayContaining([
        '2 keywords in current employer: 新材料, 材料; 独立董事 (board-only): employer context × 0.1',
        'below 6 relevance points: not counted',
      ]),
    );
    // Board-only and a non-STEM chair with nothing of their own: capped at C.
    expect(p?.tier).toBe('C');
    expect(p?.explanation.tier.because).toMatch(
      /capped at C: .*functions only, no patent or work of their own$/,
    );
    expect(p?.explanation.tier.because).toMatch(/board-only/);
    expect(p?.explanation.tier.because).toMatch(/academic \(non-STEM\)/);
  });

  it('keeps employer context whole for a deputy general manager of an optical-communications company', () => {
    const p = person({
      name: { full: '丁戊己', order: 'surname-first' },
      format: 'zh-resume-text',
      affiliations: [at('示例光通信技术股份有限公司', '副总经理')],
    });
    expect(p?.topIndustries[0]?.industry).toBe('optoelectronics');
    expect(p?.scores.optoelectronics).toBeGreaterThanOrEqual(30);
    const opto = p?.explanation.industries.find((i) => i.industry === 'optoelectronics');
    expect(opto?.contributions[0]?.reason).toBe('1 keyword in current employer: 光通信');
  });

  it('lets own evidence outweigh employer context: an inventor outranks the company’s CFO', () => {
    const cfo = person({
      name: { full: 'Casey Example' },
      affiliations: [at('Example Photonics Inc', 'Chief Financial Officer')],
    });
    const inventor = person({
      name: { full: 'Robin Example' },
      affiliations: [at('Example Photonics Inc', 'Optical Engineer')],
      patents: [madeUpPatent('9', ['G02B 6/12'], 'An optical fiber coupler')],
    });
    expect(cfo?.scores.optoelectronics).toBe(0);
    expect(cfo?.tier).toBe('C');
    expect(inventor?.scores.optoelectronics).toBeGreaterThan(30);
  });

  it('never takes a party or state organ for an industry employer', () => {
    const p = person({
      name: { full: '庚辛壬', order: 'surname-first' },
      format: 'zh-resume-text',
      affiliations: [at('中国共产党长春市汽车产业园区委员会', '书记'), at('长春市汽车工业局', '副局长')],
    });
    expect(p?.affiliations.map((a) => a.kind)).toEqual(['political', 'government']);
    expect(p?.scores.automotive).toBe(0);
  });
});

describe('tiers by role and leadership', () => {
  it('puts the chief executive of an anchor employer in tier A, and caps business functions', () => {
    const ceo = person({
      name: { full: 'Alex Example' },
      affiliations: [at('Tesla, Inc.', 'Chief Executive Officer')],
    });
    expect(ceo?.tier).toBe('A');
    expect(ceo?.explanation.tier.because).toBe(
      'Chief Executive Officer of Tesla, Inc. (an anchor employer in automotive)',
    );
    const sales = person({
      name: { full: 'Sam Example' },
      affiliations: [at('Tesla, Inc.', 'Vice President, Sales')],
    });
    expect(sales?.tier).toBe('C');
    expect(sales?.scores.automotive).toBeLessThan(20);
  });

  it('does not cap a business function when the person’s own work says otherwise', () => {
    const p = person({
      name: { full: 'Jo Example' },
      affiliations: [at('Example Motors Inc', 'Chief Financial Officer')],
      patents: [madeUpPatent('10', ['B60L 53/00'], 'A vehicle charger')],
    });
    expect(p?.explanation.tier.because).not.toMatch(/capped/);
  });
});
