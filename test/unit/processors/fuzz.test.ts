import { expect, it } from 'vitest';
import { fuzzTarget, fuzzTargets, type FuzzTarget } from '../../../bench/fuzz/campaign.js';
import type { ParseLimits } from '../../../processors/parser.js';
import { corpusDir, describeWithCorpus } from '../../helpers/corpus.js';

/**
 * The fuzzing campaign's short seeded run (the full one is `npm run fuzz`): a few hundred
 * structure-aware mutations of corpus documents per target (every format, JSON Lines framing,
 * .zip/.gz/.tar.gz containers), each of which must give a result or a typed rejection; nothing
 * may escape as an exception or a `parser-failure`. Time and memory are the full run's business
 * (no timed assertions here).
 */
const limits: ParseLimits = { maxDocumentBytes: 64 << 20 };
const INPUTS_PER_TARGET = 150;

describeWithCorpus('fuzzing: short seeded run', () => {
  let targets: FuzzTarget[] = [];

  it('finds seeds for every kind of input', async () => {
    targets = await fuzzTargets(corpusDir, limits);
    const names = targets.map((t) => t.name);
    for (const expected of [
      'uspto-xml',
      'sec-ownership-xml',
      'sec-filing-html',
      'profile-html',
      'json-resume',
      'zh-resume-text',
      'edgar-submission',
      'jsonl',
      'zip',
      'gz',
      'tar.gz',
    ])
      expect(names).toContain(expected);
  });

  it('every mutated input gives a result or a typed rejection', { timeout: 240_000 }, async () => {
    const failures = [];
    let inputs = 0;
    for (const target of targets) {
      // Fewer inputs for the costly file targets (each is written to disk and read back).
      const count = target.fileSuffix === undefined ? INPUTS_PER_TARGET : INPUTS_PER_TARGET / 3;
      const report = await fuzzTarget(target, {
        seed: 20261204,
        inputs: count,
        limits,
        maxInputChars: 64 * 1024,
      });
      inputs += report.inputs;
      failures.push(...report.failures);
      expect(report.outcomes.parsed + report.outcomes.skipped + report.outcomes.rejected).toBeGreaterThan(0);
    }
    expect(inputs).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });
});
