import { describe, expect, it } from 'vitest';
import { buildLabelledSet, pairClass, splitOf } from '../../../bench/resolution/build-set.js';
import { loadCorpusPeople } from '../../../bench/resolution/corpus-people.js';
import { bcubed, pairCounts, pairCountsByClass, scoresOf } from '../../../bench/resolution/metrics.js';
import { describeWithCorpus } from '../../helpers/corpus.js';

describe('evaluation metrics', () => {
  // Truth: {a, b, c} and {d}; prediction: {a, b} and {c, d}.
  const truth = ['P', 'P', 'P', 'Q'];
  const predicted = ['1', '1', '2', '2'];

  it('counts pairs: one right pair of three true ones, one wrong of two predicted', () => {
    expect(pairCounts(predicted, truth)).toEqual({ truePositives: 1, predicted: 2, actual: 3 });
    expect(scoresOf(pairCounts(predicted, truth))).toMatchObject({ precision: 0.5, recall: 0.3333, f1: 0.4 });
    // On a subset only its own pairs count.
    expect(pairCounts(predicted, truth, [0, 1])).toEqual({ truePositives: 1, predicted: 1, actual: 1 });
  });

  it('computes B-cubed per mention', () => {
    // Precision per mention: a 1, b 1, c 1/2, d 1/2; recall: a 2/3, b 2/3, c 1/3, d 1.
    const s = bcubed(predicted, truth);
    expect(s.precision).toBe(0.75);
    expect(s.recall).toBe(0.6667);
  });

  it('splits pairs into classes that add up to the whole', () => {
    const classes = ['x', 'x', 'y', 'x'];
    const byClass = pairCountsByClass(predicted, truth, (i, j) =>
      classes[i] === 'y' || classes[j] === 'y' ? 'y' : 'x',
    );
    const sum = [...byClass.values()].reduce((s, c) => ({
      truePositives: s.truePositives + c.truePositives,
      predicted: s.predicted + c.predicted,
      actual: s.actual + c.actual,
    }));
    expect(sum).toEqual(pairCounts(predicted, truth));
    expect(pairClass('corpus', 'hard-negative')).toBe('hard-negative');
  });

  it('assigns held-out splits by a stable hash of the person', () => {
    expect(splitOf('person:a')).toBe(splitOf('person:a'));
    const ids = Array.from({ length: 1000 }, (_, i) => `person:${i}`);
    const test = ids.filter((id) => splitOf(id) === 'test').length;
    expect(test).toBeGreaterThan(250);
    expect(test).toBeLessThan(350);
  });
});

describeWithCorpus('the labelled set', () => {
  it('is built deterministically from the corpus, each generated person tied to a corpus person and split', async () => {
    const corpus = await loadCorpusPeople();
    const a = buildLabelledSet(corpus);
    const b = buildLabelledSet(corpus);
    expect(
      a.mentions.map((m) => `${m.mention.mentionId} ${m.personId} ${m.class} ${m.mention.name.full}`),
    ).toEqual(
      b.mentions.map((m) => `${m.mention.mentionId} ${m.personId} ${m.class} ${m.mention.name.full}`),
    );
    const corpusPeople = new Set(corpus.map((c) => c.personId));
    for (const m of a.mentions) {
      expect(corpusPeople.has(m.personId.split('~')[0] as string)).toBe(true);
      expect(m.split).toBe(splitOf(m.personId.split('~')[0] as string));
    }
    expect(new Set(a.mentions.map((m) => m.mention.mentionId)).size).toBe(a.mentions.length);
    expect(new Set(a.mentions.map((m) => m.class))).toEqual(
      new Set([
        'corpus',
        'strong-id',
        'name-format',
        'initials',
        'spelling',
        'script',
        'employer-change',
        'employer-change-weak',
        'hard-negative-same-org',
        'hard-negative-related-org',
        'hard-negative',
      ]),
    );
  }, 60_000);
});
