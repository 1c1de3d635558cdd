import { expect, it } from 'vitest';
import { evaluateZhResume } from '../../../../bench/zh-resume-eval.js';
import { corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';

/**
 * Regression floors for the rule-based extractor on the Resume NER dev split. Measured when the
 * rules were written: overall micro F1 0.958, NAME P 0.991 / R 1.0, ORG F1 0.943, TITLE F1 0.953 (see
 * bench/results/zh-resume.json); the floors sit a few points below so a real regression fails.
 */
describeWithCorpus('zh résumé extractor on Resume NER dev (dev.char.bmes)', () => {
  const result = evaluateZhResume(corpusPath('resumes-zh/dev.char.bmes'));

  it('reads every sentence of the labelled file', () => {
    expect(result.sentences).toBe(463);
    expect(result.perType.NAME?.gold).toBe(110);
    expect(result.perType.TITLE?.gold).toBe(690);
  });

  it('finds names with high precision and recall', () => {
    expect(result.perType.NAME?.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.perType.NAME?.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps per-type and overall F1 above their floors', () => {
    expect(result.overall.f1).toBeGreaterThanOrEqual(0.93);
    expect(result.perType.ORG?.f1).toBeGreaterThanOrEqual(0.9);
    expect(result.perType.TITLE?.f1).toBeGreaterThanOrEqual(0.92);
    expect(result.perType.EDU?.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.perType.CONT?.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.perType.RACE?.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.perType.PRO?.f1).toBeGreaterThanOrEqual(0.8);
  });

  it('splits the joined sentences into the people the gold names introduce', () => {
    // 101 executives: gold NAME at a sentence start (or after 姓名：) that differs from the last one.
    expect(result.personStarts.gold).toBe(101);
    expect(result.people).toBe(101);
    expect(result.personStarts.f1).toBeGreaterThanOrEqual(0.97);
  });

  it('fills the parser fields from the same rules', () => {
    expect(result.fields.name?.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.fields.nationality?.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.fields.degree?.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.fields.title?.f1).toBeGreaterThanOrEqual(0.88);
    expect(result.fields.organization?.f1).toBeGreaterThanOrEqual(0.9);
  });
});
