import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { corpusPath, describeWithCorpus } from '../../helpers/corpus.js';

describeWithCorpus('talent-brain orgs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-orgs-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('load fills the data directory registry from ROR and EDGAR files; show finds by acronym and former name', async () => {
    const load = await runCli([
      'orgs',
      'load',
      corpusPath('organizations-ror/v1.17.1-2022-12-16-ror-data.json'),
      corpusPath('sec-more/edgartools_submissions_CIK0001318605_Tesla.json'),
      '--data',
      dir,
    ]);
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('registry');
    expect(load.stdout).toContain('29 organisations, 1 SEC filers');
    const anu = await runCli(['orgs', 'show', 'ANU', '--data', dir]);
    expect(anu.code).toBe(0);
    expect(JSON.parse(anu.stdout)).toMatchObject({ name: 'Australian National University', country: 'AU' });
    const tesla = await runCli(['orgs', 'show', 'TESLA MOTORS INC', '--data', dir]);
    expect(JSON.parse(tesla.stdout)).toMatchObject({ cik: '0001318605', sic: '3711' });
    const none = await runCli(['orgs', 'show', 'Nowhere Institute', '--data', dir]);
    expect(none.code).toBe(1);
    const bad = await runCli([
      'orgs',
      'load',
      corpusPath('sec-more/edgartools_form144_apple.xml'),
      '--data',
      dir,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not JSON/);
  });
});
