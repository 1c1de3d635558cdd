import { describe, expect, it } from 'vitest';
import { toSimplified, toTraditional } from '../../../processors/resolve/han-variants.js';
import { compareNameForms, nameForm, type NameForm } from '../../../processors/resolve/name-form.js';
import { isPinyinWord, plainPinyin } from '../../../processors/resolve/pinyin.js';
import type { RawName } from '../../../processors/model/mention.js';

const form = (full: string, order?: RawName['order']): NameForm => {
  const f = nameForm(order ? { full, order } : { full });
  if (f === undefined) throw new Error(`no form for ${full}`);
  return f;
};
const level = (a: string, b: string): string => compareNameForms(form(a), form(b)).level;

describe('name forms', () => {
  it('reduces Western names to a family key and given tokens, whatever the order and decoration', () => {
    expect(form('Adams Katherine L.', 'surname-first')).toMatchObject({
      family: 'adams',
      given: ['katherine', 'l'],
    });
    expect(form('Adams, Katherine L.')).toMatchObject({ family: 'adams', given: ['katherine', 'l'] });
    expect(form('Dr. Katherine L. Adams, PhD')).toMatchObject({ family: 'adams', given: ['katherine', 'l'] });
    expect(form('Robert E. Bigelow, III')).toMatchObject({ family: 'bigelow', suffix: 'iii' });
    expect(form('Douglas G. Del Grosso').family).toBe('grosso');
    expect(form('Hans Müller').family).toBe(form('Hans Mueller').family);
    expect(form('Mary Smith-Jones')).toMatchObject({ family: 'smithjones', familyTail: 'jones' });
  });

  it('reads Han names and pinyin in either order, with tones, hyphens, spaces and ü spellings', () => {
    expect(form('张建华')).toMatchObject({
      han: '张建华',
      readings: [{ family: 'zhang', given: 'jianhua' }],
    });
    expect(form('張建華').han).toBe('张建华');
    for (const latin of [
      'Jianhua Zhang',
      'ZHANG Jianhua',
      'Jian-Hua Zhang',
      'Jian Hua Zhang',
      'Zhāng Jiànhuá',
      'Zhang1 Jian4hua2',
    ])
      expect(form(latin).readings).toContainEqual({ family: 'zhang', given: 'jianhua' });
    expect(form('Lyu Wei').readings).toContainEqual({ family: 'lu', given: 'wei' });
    expect(form('吕伟').readings).toEqual([{ family: 'lu', given: 'wei' }]);
    expect(form('单雄信').readings).toEqual([{ family: 'shan', given: 'xiongxin' }]); // surname reading of 单
    expect(form('欧阳明').readings).toEqual([{ family: 'ouyang', given: 'ming' }]);
  });

  it('does not take Western names or name-like degrees for pinyin', () => {
    expect(form('Suk Won Lee').readings).toEqual([]);
    expect(form('Min Yoo').readings).toEqual([]);
    expect(isPinyinWord('lee')).toBe(false);
    expect(isPinyinWord('meiou')).toBe(true);
    expect(plainPinyin('lv')).toBe('lu');
    // "Meng" is also M.Eng.: after a pinyin name it is the family name.
    expect(form('Jian Li Meng').readings).toContainEqual({ family: 'meng', given: 'jianli' });
    // "bin" is a pinyin syllable here, not the Arabic particle.
    expect(form('Xiao-bin Hu').readings).toContainEqual({ family: 'hu', given: 'xiaobin' });
  });

  it('folds traditional characters through the name table both ways', () => {
    expect(toSimplified('陳國華')).toBe('陈国华');
    expect(toTraditional('陈国华')).toBe('陳國華');
  });
});

describe('comparing names', () => {
  it('grades Western agreements: exact, middle missing, nickname, initials', () => {
    expect(level('Katherine L. Adams', 'Adams, Katherine L.')).toBe('exact');
    expect(level('Katherine L. Adams', 'Katherine Adams')).toBe('full');
    expect(level('Katherine L. Adams', 'Kate Adams')).toBe('nickname');
    expect(level('Katherine L. Adams', 'K. L. Adams')).toBe('initial');
    expect(level('Jen-Hsun Huang', 'Jenhsun Huang')).toBe('full');
    expect(level('Bill Gates', 'William H. Gates')).toBe('nickname');
  });

  it('refuses different given names, middle initials, suffixes and family names', () => {
    expect(level('Katherine Adams', 'Kevin Adams')).toBe('incompatible');
    expect(level('John A. Smith', 'John B. Smith')).toBe('incompatible');
    expect(level('John Smith Jr.', 'John Smith III')).toBe('incompatible');
    expect(level('K. Adams', 'J. Adams')).toBe('incompatible');
    expect(level('Jean Martin', 'Jeanne Martin')).toBe('incompatible');
  });

  it('matches Han to pinyin, never two different Han names or pinyin prefixes', () => {
    expect(level('张建华', 'Jianhua Zhang')).toBe('script');
    expect(level('張建華', '张建华')).toBe('han');
    expect(level('张伟', '章伟')).toBe('incompatible'); // same pinyin, other characters
    expect(level('Jian Zhang', 'Jianhua Zhang')).toBe('incompatible');
    expect(level('Xin X. Li', 'Xin Li')).toBe('pinyin');
    expect(level('范登平', 'Deng-Ping Fan')).toBe('script');
    expect(level('张建华', 'J. Zhang')).toBe('initial');
    expect(level('张建华', 'Tony Zhang')).toBe('incompatible');
  });

  it('is symmetric', () => {
    const names = [
      'Katherine L. Adams',
      'K. Adams',
      'Kate Adams',
      '张建华',
      'Jianhua Zhang',
      'J. Zhang',
      'Xin X. Li',
    ];
    for (const a of names)
      for (const b of names)
        expect(compareNameForms(form(a), form(b)).level).toBe(compareNameForms(form(b), form(a)).level);
  });
});
