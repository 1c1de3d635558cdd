import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createEnvelope } from '../../../../lib/envelope.js';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { zhResumeParser } from '../../../../processors/resume/zh-resume-parser.js';
import { corpusPath, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';

function parse(body: Buffer | string, contentType = 'text/plain'): ParseOutcome {
  const envelope = createEnvelope({
    sourceKind: 'resume',
    format: 'zh-resume-text',
    origin: { file: '/fixtures/zh-resume.txt' },
    body: typeof body === 'string' ? Buffer.from(body) : body,
    contentType,
    fetchedAt: new Date('2026-01-01T00:00:00Z'),
  });
  return zhResumeParser.parse(envelope, defaultParseLimits);
}

function subject(outcome: ParseOutcome): PersonMention {
  if (outcome.status !== 'parsed') throw new Error(`expected parsed, got ${JSON.stringify(outcome)}`);
  expect(outcome.mentions).toHaveLength(1);
  const m = outcome.mentions[0];
  if (m === undefined) throw new Error('no mention');
  return m;
}

/** A made-up biography in the style of a listed company's annual report (fictional person and firms). */
const FICTIONAL = [
  '欧阳明华先生，1972年3月出生，中国国籍，无境外永久居留权，汉族，浙江宁波人，清华大学计算机科学与技术专业博士研究生学历，教授级高级工程师。',
  '1998年7月至2005年6月任北京星河电子科技有限公司研发部经理；',
  '2005年7月至今任华夏云图信息技术股份有限公司董事、总经理。',
  '现任中国电子学会理事。',
].join('\n');

describe('zhResumeParser on made-up biographies', () => {
  it('reads the personal facts of a full biography', () => {
    const m = subject(parse(FICTIONAL));
    expect(m.role).toBe('resume-subject');
    expect(m.format).toBe('zh-resume-text');
    expect(m.name).toEqual({ full: '欧阳明华', family: '欧阳', given: '明华', order: 'surname-first' });
    expect(m.gender).toBe('男');
    expect(m.birthDate).toBe('1972-03');
    expect(m.nationality).toBe('中国国籍');
    expect(m.ethnicity).toBe('汉族');
    expect(m.location).toEqual({ region: '浙江', city: '宁波' });
    expect(m.professionalTitles).toEqual(['教授级高级工程师']);
    expect(m.mentionId).toBe(`${m.sourceId}#0`);
  });

  it('pairs school, major and degree, and employers with titles and dates', () => {
    const m = subject(parse(FICTIONAL));
    expect(m.education).toHaveLength(1);
    expect(m.education[0]).toMatchObject({
      institution: '清华大学',
      area: '计算机科学与技术专业',
      degree: '博士研究生学历',
    });
    const jobs = m.affiliations.map((a) => [a.organization, a.title, a.startDate, a.endDate, a.current]);
    expect(jobs).toEqual([
      ['北京星河电子科技有限公司', '研发部经理', '1998-07', '2005-06', false],
      ['华夏云图信息技术股份有限公司', '董事', '2005-07', undefined, true],
      ['华夏云图信息技术股份有限公司', '总经理', '2005-07', undefined, true],
      ['中国电子学会', '理事', undefined, undefined, true],
    ]);
  });

  it('gives every fact evidence pointing at its line', () => {
    const m = subject(parse(FICTIONAL));
    for (const e of [
      ...m.evidence,
      ...m.affiliations.map((a) => a.evidence),
      ...m.education.map((e) => e.evidence),
    ]) {
      expect(e.sourceId).toBe(m.sourceId);
      expect(e.path).toMatch(/@line\[\d+\]$/);
      expect(e.snippet?.length ?? 0).toBeGreaterThan(0);
    }
    expect(m.affiliations[1]?.evidence.path).toBe('affiliation@line[3]');
  });

  it('reads a form-like résumé with labels run together', () => {
    const m = subject(parse('姓名：林小雨性别：女民族：回出生年月：1980年6月学历：硕士政治面貌：中共党员'));
    expect(m.name.full).toBe('林小雨');
    expect(m.gender).toBe('女');
    expect(m.ethnicity).toBe('回');
    expect(m.birthDate).toBe('1980-06');
    expect(m.education[0]?.degree).toBe('硕士');
  });

  it('parses GBK text when the content type declares the charset', () => {
    const gbk = iconv.encode(FICTIONAL, 'gbk');
    const m = subject(parse(gbk, 'text/plain; charset=gbk'));
    expect(m.name.full).toBe('欧阳明华');
    expect(m.affiliations.some((a) => a.organization === '华夏云图信息技术股份有限公司')).toBe(true);
  });

  it('rejects the same GBK bytes without a declared charset, with a hint', () => {
    const gbk = iconv.encode(FICTIONAL, 'gbk');
    let outcome: ParseOutcome | undefined;
    expect(() => (outcome = parse(gbk))).not.toThrow();
    expect(outcome?.status).toBe('rejected');
    if (outcome?.status !== 'rejected') return;
    expect(outcome.error.code).toBe('invalid-encoding');
    expect(outcome.error.message).toMatch(/GBK/);
  });

  it('rejects an empty document', () => {
    let outcome: ParseOutcome | undefined;
    expect(() => (outcome = parse('  \n '))).not.toThrow();
    expect(outcome?.status === 'rejected' && outcome.error.code).toBe('empty-input');
  });

  it('rejects text that names no person', () => {
    for (const text of [
      '本公司主营业务为电子元器件的研发、生产和销售，现任董事会由九名董事组成。',
      'Annual report 2015.',
    ]) {
      let outcome: ParseOutcome | undefined;
      expect(() => (outcome = parse(text))).not.toThrow();
      expect(outcome?.status === 'rejected' && outcome.error.code).toBe('no-person');
    }
  });

  it('rejects markup handed to it as text', () => {
    const outcome = parse('<html><body>张三，男</body></html>');
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('unsupported-document');
  });
});

describe('zhResumeParser.detect', () => {
  it('accepts Chinese biographies and refuses markup, JSON and English', () => {
    expect(zhResumeParser.detect(FICTIONAL)).toBe(true);
    expect(zhResumeParser.detect('<html><body>张三，男，1965年出生</body></html>')).toBe(false);
    expect(zhResumeParser.detect('{"basics":{"name":"张三，男"}}')).toBe(false);
    expect(zhResumeParser.detect('John Smith, born 1965, CEO of Acme Corp.')).toBe(false);
    expect(zhResumeParser.detect('本公司主营业务为电子元器件的研发、生产和销售。')).toBe(false);
  });
});

/** Real biographies from the Resume NER dev split, located by their first line and parsed in place. */
describeWithCorpus('zhResumeParser on real biographies (resumes-zh/dev.sentences.txt)', () => {
  const lines = readFileSync(corpusPath('resumes-zh/dev.sentences.txt'), 'utf8').split('\n');
  const biography = (firstLine: string, count: number): PersonMention => {
    const at = lines.findIndex((l) => l.startsWith(firstLine));
    expect(at).toBeGreaterThanOrEqual(0);
    const text = lines.slice(at, at + count).join('\n');
    return subject(zhResumeParser.parse(envelopeOf(text, 'zh-resume-text'), defaultParseLimits));
  };

  it('段志平: birth month, nationality, degree, qualification and posts', () => {
    const m = biography('段志平先生', 3);
    expect(m.name.full).toBe('段志平');
    expect(m.gender).toBe('男');
    expect(m.birthDate).toBe('1964-09');
    expect(m.nationality).toBe('中国国籍');
    expect(m.education.map((e) => e.degree)).toEqual(['硕士研究生学历']);
    expect(m.professionalTitles).toEqual(['高级工程师']);
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({ organization: '甘肃定西制药厂', title: '质监科副科长', current: false }),
    );
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({ organization: '恒康医疗集团股份有限公司', title: '董事长' }),
    );
  });

  it('谢卫东: ethnicity and professional titles, current posts from 至今', () => {
    const m = biography('谢卫东先生', 3);
    expect(m.birthDate).toBe('1966-12');
    expect(m.ethnicity).toBe('汉族');
    expect(m.professionalTitles).toEqual(['高级工程师', '国家注册造价工程师']);
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({
        organization: '云南罗平锌电股份有限公司',
        title: '董事',
        startDate: '2013-04',
        current: true,
      }),
    );
  });

  it('黄家学: school, major and degree from one clause', () => {
    const m = biography('黄家学，男', 3);
    expect(m.gender).toBe('男');
    expect(m.education).toEqual([
      expect.objectContaining({
        institution: '美国俄克拉何马大学健康医学中心',
        area: '微生物与免疫学',
        degree: '博士',
      }),
    ]);
    expect(m.affiliations[0]).toMatchObject({
      organization: '中源协和细胞基因工程股份有限公司',
      title: '副总经理',
      startDate: '2011-08',
      endDate: '2014-02',
    });
  });

  it('苏壮强: a form-like record with labels run together', () => {
    const m = biography('姓名：苏壮强', 1);
    expect(m.name.full).toBe('苏壮强');
    expect(m.gender).toBe('男');
    expect(m.ethnicity).toBe('汉');
    expect(m.birthDate).toBe('1971-10-23');
    expect(m.affiliations).toContainEqual(
      expect.objectContaining({ organization: '中体产业集团股份有限公司', title: '副董事长', current: true }),
    );
  });
});
