import { describe, expect, it } from 'vitest';
import { extractZhEntities, parseBmes } from '../../../../processors/resume/zh-entities.js';

const tagged = (text: string): string[] => extractZhEntities(text).map((e) => `${e.type}:${e.text}`);

describe('extractZhEntities (made-up sentences)', () => {
  it('tags the header of a biography', () => {
    expect(tagged('王晓明，男，1968年出生，中国国籍，汉族，硕士研究生学历，高级会计师。')).toEqual([
      'NAME:王晓明',
      'CONT:中国国籍',
      'RACE:汉族',
      'EDU:硕士研究生学历',
      'TITLE:高级会计师',
    ]);
  });

  it('splits organization and title, and keeps departments inside titles', () => {
    expect(tagged('曾任长江明珠电器有限公司财务部经理、副总经理，现任本公司董事长兼总经理。')).toEqual([
      'ORG:长江明珠电器有限公司',
      'TITLE:财务部经理',
      'TITLE:副总经理',
      'ORG:本公司',
      'TITLE:董事长',
      'TITLE:总经理',
    ]);
  });

  it('reads school, major and degree; a short form name before a title', () => {
    expect(tagged('1990年毕业于华东理工学院化学工程专业，获工学学士学位。')).toEqual([
      'ORG:华东理工学院',
      'PRO:化学工程专业',
      'PRO:工学',
      'EDU:学士学位',
    ]);
    expect(tagged('2010年起任青松科技监事会主席。')).toEqual(['ORG:青松科技', 'TITLE:监事会主席']);
  });

  it('finds short references and repetitions of the name', () => {
    const names = extractZhEntities('赵一帆女士：1975年生。\n赵女士曾任某研究所研究员。赵一帆拥有丰富经验。')
      .filter((e) => e.type === 'NAME')
      .map((e) => e.text);
    expect(names).toEqual(['赵一帆', '赵', '赵一帆']);
  });

  it('does not take ordinary line starts for names', () => {
    const names = extractZhEntities('历任公司副总经理、总工程师，\n同时，兼任行业协会理事。').filter(
      (e) => e.type === 'NAME',
    );
    expect(names).toEqual([]);
  });
});

describe('parseBmes', () => {
  it('turns BMES lines into sentences with gold spans', () => {
    const bmes = [
      '李 B-NAME',
      '四 E-NAME',
      '， O',
      '男 O',
      '',
      '任 O',
      '董 B-TITLE',
      '事 E-TITLE',
      '汉 S-RACE',
      '',
    ].join('\n');
    const sentences = parseBmes(bmes);
    expect(sentences.map((s) => s.text)).toEqual(['李四，男', '任董事汉']);
    expect(sentences[0]?.entities).toEqual([{ type: 'NAME', start: 0, end: 2, text: '李四' }]);
    expect(sentences[1]?.entities).toEqual([
      { type: 'TITLE', start: 1, end: 3, text: '董事' },
      { type: 'RACE', start: 3, end: 4, text: '汉' },
    ]);
  });
});
