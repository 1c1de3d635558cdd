import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadIndustries } from '../../../config/industries.js';
import { loadConfig, resolveConfigPath } from '../../../config/load.js';
import { readInputs } from '../../../ingest/files/read-inputs.js';
import { processRecord } from '../../../processors/pipeline.js';
import { isTalent, labelKey, loadLabels, nameMatches } from '../../../bench/scoring/labels.js';
import { corpusDir, describeWithCorpus } from '../../helpers/corpus.js';

const config = loadConfig({ env: {} });
const labels = loadLabels(loadIndustries(resolveConfigPath(config.scoring.industriesFile)).map((i) => i.id));

describeWithCorpus('scoring bench labels on the corpus', () => {
  it('finds every labelled person among the people the parsers read from their document', async () => {
    const names = new Map<string, string[]>();
    for (const file of new Set(labels.map((l) => l.file))) {
      const list: string[] = [];
      for await (const item of readInputs([join(corpusDir, file)], {
        maxDocumentBytes: 64 * 1024 * 1024,
        now: new Date('2026-01-01T00:00:00Z'),
      })) {
        if (item.kind === 'rejected') continue;
        const outcome = processRecord(item.envelope, { maxDocumentBytes: 64 * 1024 * 1024 });
        if (outcome.status === 'parsed') list.push(...outcome.mentions.map((m) => m.name.full));
      }
      names.set(file, list);
    }
    const missing = labels.filter((l) => !(names.get(l.file) ?? []).some((n) => nameMatches(l, n)));
    expect(missing.map(labelKey)).toEqual([]);
  });
});

it('labels enough people in both sets, about half of them from Chinese documents', () => {
  for (const set of ['dev', 'check'] as const) {
    const people = labels.filter((l) => l.set === set);
    expect(people.length, set).toBeGreaterThanOrEqual(40);
    expect(people.filter(isTalent).length, set).toBeGreaterThanOrEqual(10);
  }
});
