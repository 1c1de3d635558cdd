import { describe, expect, it } from 'vitest';
import {
  affiliationKindOf,
  isAnaphoricOrganization,
  repairOrganizationName,
} from '../../../../processors/normalize/org-hygiene.js';
import { extractZhResumeFields } from '../../../../processors/resume/zh-resume-fields.js';

describe('organisation hygiene', () => {
  it('knows back-references that name no organisation', () => {
    for (const name of [
      '公司',
      '本公司',
      '该公司',
      '集团',
      '本集团',
      'the Company',
      'Company',
      'the Registrant',
    ])
      expect(isAnaphoricOrganization(name), name).toBe(true);
    for (const name of ['长春一汽股份有限公司', 'The Procter & Gamble Company', 'Example Company Ltd'])
      expect(isAnaphoricOrganization(name), name).toBe(false);
  });

  it('marks party and state organs, and leaves companies, schools and societies alone', () => {
    expect(affiliationKindOf('中国共产党长春市委员会')).toBe('political');
    expect(affiliationKindOf('中国人民政治协商会议江苏省委员会')).toBe('political');
    expect(affiliationKindOf('长春市人民政府')).toBe('government');
    expect(affiliationKindOf('吉林省科学技术厅')).toBe('government');
    expect(affiliationKindOf('上海市科学技术委员会')).toBe('government');
    expect(affiliationKindOf('中国第一汽车集团公司')).toBeUndefined();
    expect(affiliationKindOf('清华大学校务委员会')).toBeUndefined();
    expect(affiliationKindOf('中国会计学会专业委员会')).toBeUndefined();
    expect(affiliationKindOf('Department of Physics')).toBeUndefined();
  });

  it('repairs names a cue verb was glued to and rejects what names nothing', () => {
    expect(repairOrganizationName('锐奇股份任')).toBe('锐奇股份');
    expect(repairOrganizationName('现任长春示例股份有限公司')).toBe('长春示例股份有限公司');
    expect(repairOrganizationName('现代汽车')).toBe('现代汽车');
    expect(repairOrganizationName('研究所')).toBeUndefined();
    expect(repairOrganizationName('本公司')).toBeUndefined();
  });
});

describe('Chinese biographies: anaphoric employers', () => {
  it('resolves 本公司 to the one joint-stock company the biography names', () => {
    const fields = extractZhResumeFields(
      '张示例，男，1970年出生，硕士。2010年起任本公司副总经理。现任长春示例光电股份有限公司董事。',
    );
    const orgs = fields.affiliations.map((a) => `${a.organization}|${a.title ?? ''}`);
    expect(orgs).toEqual(expect.arrayContaining(['长春示例光电股份有限公司|副总经理']));
    expect(orgs.filter((o) => o.startsWith('本公司'))).toEqual([]);
  });

  it('drops 公司 when no issuer is named, keeping the title with the person', () => {
    const fields = extractZhResumeFields('李示例，男，1965年出生，本科。2004年至2008年任公司总工程师。');
    expect(fields.affiliations.map((a) => a.organization)).not.toContain('公司');
    expect(fields.professionalTitles).toContain('总工程师');
  });
});
