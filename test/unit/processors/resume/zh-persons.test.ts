import { describe, expect, it } from 'vitest';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { splitZhPersons } from '../../../../processors/resume/zh-persons.js';
import { zhResumeParser } from '../../../../processors/resume/zh-resume-parser.js';
import { indexText, lowerBound } from '../../../../processors/resume/zh-text-index.js';
import { corpusEnvelope, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions } from '../../../helpers/outcomes.js';

const mentionsOf = parsedMentions;

const parseText = (text: string): ParseOutcome =>
  zhResumeParser.parse(envelopeOf(text, 'zh-resume-text'), defaultParseLimits);

const jobs = (m: PersonMention | undefined): Array<[string, string | undefined, boolean | undefined]> =>
  (m?.affiliations ?? []).map((a) => [a.organization, a.title, a.current]);

/** A made-up page of three executives (fictional people and firms), with a heading line before them. */
const THREE = [
  '公司董事、监事及高级管理人员简介：',
  '王建国先生：1968年5月出生，中国国籍，硕士研究生学历，高级经济师。',
  '曾任江南星光机械有限公司销售部经理、副总经理；',
  '2010年3月至今任华东明远科技股份有限公司董事长。',
  '王先生兼任中国机械工业联合会理事。',
  '李秀英，女，1975年出生，汉族，本科学历，注册会计师。',
  '2001年至2008年任上海宏达会计师事务所审计经理；',
  '现任华东明远科技股份有限公司财务总监。',
  '李秀英女士曾获上海市三八红旗手称号。',
  '欧阳志远，男，1980年2月出生，博士。',
  '2012年7月加入华东明远科技股份有限公司，现任公司副总经理。',
].join('\n');

describe('zhResumeParser on a made-up page of several people', () => {
  const mentions = mentionsOf(parseText(THREE));
  const [wang, li, ouyang] = mentions;

  it('emits one resume-subject per person, numbered in order', () => {
    expect(mentions.map((m) => m.name.full)).toEqual(['王建国', '李秀英', '欧阳志远']);
    expect(mentions.map((m) => m.mentionId)).toEqual([0, 1, 2].map((i) => `${wang?.sourceId}#${i}`));
    expect(mentions.every((m) => m.role === 'resume-subject')).toBe(true);
  });

  it('keeps each person’s facts, continuation lines included, on that person', () => {
    expect(wang).toMatchObject({ gender: '男', birthDate: '1968-05', nationality: '中国国籍' });
    expect(wang?.professionalTitles).toEqual(['高级经济师']);
    expect(jobs(wang)).toEqual([
      ['江南星光机械有限公司', '销售部经理', false],
      ['江南星光机械有限公司', '副总经理', false],
      ['华东明远科技股份有限公司', '董事长', true],
      ['中国机械工业联合会', '理事', undefined],
    ]);
    expect(li).toMatchObject({ gender: '女', birthDate: '1975', ethnicity: '汉族' });
    expect(li?.nationality).toBeUndefined();
    expect(li?.professionalTitles).toEqual(['注册会计师']);
    expect(jobs(li)).toEqual([
      ['上海宏达会计师事务所', '审计经理', false],
      ['华东明远科技股份有限公司', '财务总监', true],
    ]);
    expect(ouyang).toMatchObject({ gender: '男', birthDate: '1980-02' });
    expect(ouyang?.name).toMatchObject({ family: '欧阳', given: '志远' });
    expect(ouyang?.education.map((e) => e.degree)).toEqual(['博士']);
    // 公司 is the issuer his lines name: the one joint-stock company there.
    expect(jobs(ouyang)).toContainEqual(['华东明远科技股份有限公司', '副总经理', true]);
    expect(jobs(ouyang).some(([org]) => org === '公司')).toBe(false);
    expect(jobs(ouyang).some(([org]) => org === '上海宏达会计师事务所')).toBe(false);
  });

  it('points evidence at document lines and gives each person their line range', () => {
    expect(wang?.affiliations[2]?.evidence.path).toBe('affiliation@line[4]');
    expect(li?.affiliations[1]?.evidence.path).toBe('affiliation@line[8]');
    expect(ouyang?.evidence[0]?.path).toBe('name@line[10]');
    const ranges = mentions.map((m) => m.evidence.find((e) => e.path.startsWith('person@'))?.path);
    expect(ranges).toEqual(['person@line[2-5]', 'person@line[6-9]', 'person@line[10-11]']);
  });

  it('drops the heading before the first of several people', () => {
    for (const m of mentions) expect(m.summary).not.toMatch(/简介/);
    expect(wang?.summary?.startsWith('王建国先生')).toBe(true);
    expect(li?.summary).toMatch(/三八红旗手/);
  });

  it('titles the document with the first name and the head count', () => {
    const outcome = parseText(THREE);
    expect(outcome.status === 'parsed' && outcome.document.title).toBe('简历 · 王建国 等 3 人');
  });
});

describe('splitZhPersons', () => {
  it('keeps a single biography whole, heading included, as before', () => {
    const text = '个人简历\n赵明，男，1970年出生。\n曾任某某公司经理。\n赵明先生现任董事。';
    expect(splitZhPersons(text)).toEqual([{ start: 0, end: text.length, name: '赵明' }]);
    const [m, ...rest] = mentionsOf(parseText(text));
    expect(rest).toHaveLength(0);
    expect(m?.mentionId.endsWith('#0')).toBe(true);
    expect(m?.evidence.some((e) => e.path.startsWith('person@'))).toBe(false);
    expect(m?.summary?.startsWith('个人简历')).toBe(true);
  });

  it('does not take form labels or the given name alone for a new person', () => {
    const text = [
      '欧阳明华先生，1972年出生，高级工程师。',
      '时间：1998年至2005年',
      '单位：北京星河电子科技有限公司',
      '明华先生现任华夏云图信息技术股份有限公司总经理。',
    ].join('\n');
    expect(splitZhPersons(text)).toEqual([{ start: 0, end: text.length, name: '欧阳明华' }]);
    expect(mentionsOf(parseText(text))).toHaveLength(1);
  });

  it('returns one nameless segment when nobody is introduced', () => {
    const text = '本公司主营业务为电子元器件的研发。';
    expect(splitZhPersons(text)).toEqual([{ start: 0, end: text.length }]);
  });

  it('splits people written one after another on a single line', () => {
    const text =
      '张伟，男，1970年出生，现任甲乙科技有限公司总经理。李娜，女，1982年出生，现任丙丁贸易有限公司财务总监。';
    const segments = splitZhPersons(text);
    expect(segments.map((s) => s.name)).toEqual(['张伟', '李娜']);
    const [zhang, li] = mentionsOf(parseText(text));
    expect(jobs(zhang)).toEqual([['甲乙科技有限公司', '总经理', true]]);
    expect(jobs(li)).toEqual([['丙丁贸易有限公司', '财务总监', true]]);
    expect(li?.gender).toBe('女');
  });

  it('starts a person at a form’s 姓名： line, and continues on a short reference', () => {
    const text = [
      '姓名：陈晓东性别：男出生年月：1966年8月',
      '现任东方远景实业有限公司董事长。',
      '陈先生兼任西湖文化协会会长。',
      '姓名：周敏性别：女出生年月：1979年1月',
      '现任东方远景实业有限公司董事会秘书。',
    ].join('\n');
    const segments = splitZhPersons(text);
    expect(segments.map((s) => s.name)).toEqual(['陈晓东', '周敏']);
    const [chen, zhou] = mentionsOf(parseText(text));
    expect(chen?.birthDate).toBe('1966-08');
    expect(jobs(chen)).toContainEqual(['西湖文化协会', '会长', undefined]);
    expect(zhou?.gender).toBe('女');
    expect(jobs(zhou)).toEqual([['东方远景实业有限公司', '董事会秘书', true]]);
  });
});

describe('indexText', () => {
  it('finds the same sentence, clause and line as walking the characters', () => {
    const text = '张三，男，1965年出生；\n曾任A公司经理、B公司董事。现任C公司总经理\n\n末行';
    const index = indexText(text);
    const walk = (at: number, stops: RegExp): { start: number; end: number } => {
      let start = at;
      while (start > 0 && !stops.test(text[start - 1] ?? '')) start--;
      let end = at;
      while (end < text.length && !stops.test(text[end] ?? '')) end++;
      return { start, end };
    };
    for (let at = 0; at <= text.length; at++) {
      expect(index.sentenceOf(at)).toEqual(walk(at, /[。；;\n]/));
      expect(index.clauseOf(at)).toEqual(walk(at, /[，,。；;、\n]/));
      expect(index.lineOf(at)).toBe(text.slice(0, at).split('\n').length);
    }
    expect(lowerBound([1, 3, 3, 7], 3)).toBe(1);
    expect(lowerBound([1, 3, 3, 7], 8)).toBe(4);
  });
});

/** The Resume NER dev sentences read as one document: consecutive biographies of 101 executives. */
describeWithCorpus('zhResumeParser on resumes-zh/dev.sentences.txt as one document', () => {
  const outcome = zhResumeParser.parse(
    corpusEnvelope('resumes-zh/dev.sentences.txt', 'zh-resume-text'),
    defaultParseLimits,
  );
  const mentions = outcome.status === 'parsed' ? outcome.mentions : [];
  const byName = (name: string): { m: PersonMention; i: number } => {
    const i = mentions.findIndex((m) => m.name.full === name);
    const m = mentions[i];
    if (m === undefined) throw new Error(`${name} not found`);
    return { m, i };
  };
  const orgs = (m: PersonMention | undefined): string[] => (m?.affiliations ?? []).map((a) => a.organization);

  it('finds one person per biography', () => {
    expect(outcome.status).toBe('parsed');
    expect(mentions).toHaveLength(101);
    expect(new Set(mentions.map((m) => m.name.full)).size).toBe(101);
    expect(mentions[0]?.name.full).toBe('吴重阳');
    expect(mentions.at(-1)?.name.full).toBe('赵黎明');
  });

  it('keeps every fact’s evidence inside its person’s lines', () => {
    for (const m of mentions) {
      const range = /^person@line\[(\d+)-(\d+)\]$/.exec(
        m.evidence.find((e) => e.path.startsWith('person@'))?.path ?? '',
      );
      expect(range).not.toBeNull();
      const [from, to] = [Number(range?.[1]), Number(range?.[2])];
      for (const e of [...m.evidence, ...m.affiliations.map((a) => a.evidence)]) {
        const line = /@line\[(\d+)/.exec(e.path)?.[1];
        expect(Number(line)).toBeGreaterThanOrEqual(from);
        expect(Number(line)).toBeLessThanOrEqual(to);
      }
    }
  });

  it('喻晓春: his employers (lines 8-13) stay off 谢卫东 and 赵伟', () => {
    const { m, i } = byName('喻晓春');
    expect(m).toMatchObject({ gender: '男', birthDate: '1963' });
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({ organization: '上海百润香精香料股份有限公司', title: '监事', current: true }),
    );
    expect(orgs(m)).toContain('兰州军区84564部队');
    expect(mentions[i - 1]?.name.full).toBe('谢卫东');
    expect(mentions[i + 1]?.name.full).toBe('赵伟');
    for (const n of [mentions[i - 1], mentions[i + 1]])
      expect(orgs(n)).not.toContain('上海百润香精香料股份有限公司');
  });

  it('马忠礼: the 马先生 lines after him are his, not 汪春华’s', () => {
    const { m, i } = byName('马忠礼');
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({
        organization: '香港大庆石油有限公司',
        title: '总经理',
        evidence: expect.objectContaining({ path: 'affiliation@line[138]' }),
      }),
    );
    // 本公司: his lines name no joint-stock company, so which issuer is meant is unknown; the
    // organisation is dropped, the post stays with him.
    expect(orgs(m)).not.toContain('本公司');
    expect(m.professionalTitles).toContain('独立非执行董事');
    expect(mentions[i + 1]?.name.full).toBe('汪春华');
    expect(orgs(mentions[i + 1])).not.toContain('香港大庆石油有限公司');
    expect(orgs(mentions[i + 1])).toContain('广东省高速公路发展股份有限公司');
  });

  it('顾建国: 顾先生 career lines land on him, not on 杨春枝 or 何次琴', () => {
    const { m, i } = byName('顾建国');
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({ organization: '马钢总公司', title: '总经理' }),
    );
    expect(orgs(m)).not.toContain('本公司');
    expect(m.professionalTitles).toContain('董事长');
    expect(mentions[i - 1]?.name.full).toBe('杨春枝');
    expect(mentions[i + 1]?.name.full).toBe('何次琴');
    for (const n of [mentions[i - 1], mentions[i + 1]]) expect(orgs(n)).not.toContain('马钢总公司');
    expect(mentions[i + 1]?.gender).toBe('女');
  });

  it('苏壮强: a 姓名： form line starts a person between 龙虹 and 郑培敏', () => {
    const { m, i } = byName('苏壮强');
    expect(m).toMatchObject({ gender: '男', birthDate: '1971-10-23' });
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({ organization: '中体产业集团股份有限公司', title: '副董事长' }),
    );
    expect(mentions[i - 1]?.name.full).toBe('龙虹');
    expect(mentions[i + 1]?.name.full).toBe('郑培敏');
    expect(mentions[i - 1]?.gender).toBe('女');
    expect(orgs(mentions[i - 1])).not.toContain('中体产业集团股份有限公司');
    expect(orgs(mentions[i + 1])).toContain('上海荣正投资咨询有限公司');
  });

  it('刘近荣: born 1957-03, not the 1980 of 刘先生于1980年 on a later line', () => {
    const { m } = byName('刘近荣');
    expect(m.birthDate).toBe('1957-03');
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({ organization: '大同市利群制药厂', title: '副厂长' }),
    );
  });
});
