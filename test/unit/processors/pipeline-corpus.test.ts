import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load.js';
import { readInputs } from '../../../ingest/files/read-inputs.js';
import type { TalentProfile } from '../../../processors/model/profile.js';
import { processRecord, type RecordOutcome } from '../../../processors/pipeline.js';
import { ProfileFactory } from '../../../processors/profile-factory.js';
import type { ParsedRecord } from '../../../processors/profile/build-profiles.js';
import { corpusDir, describeWithCorpus } from '../../helpers/corpus.js';

interface Run {
  outcomes: Array<{ input: string; outcome: RecordOutcome | { status: 'rejected'; code: string } }>;
  profiles: TalentProfile[];
}

async function runCorpus(): Promise<Run> {
  const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
  const factory = ProfileFactory.fromConfig(config);
  const limits = { maxDocumentBytes: config.processors.maxDocumentBytes };
  const outcomes: Run['outcomes'] = [];
  const records: ParsedRecord[] = [];
  for await (const item of readInputs([corpusDir], {
    maxDocumentBytes: limits.maxDocumentBytes,
    now: new Date('2026-01-01T00:00:00Z'),
  })) {
    const input =
      `${item.envelope.origin.file ?? ''}${item.envelope.origin.documentIndex === undefined ? '' : `#${item.envelope.origin.documentIndex}`}`.slice(
        corpusDir.length + 1,
      );
    if (item.kind === 'rejected') {
      outcomes.push({ input, outcome: { status: 'rejected', code: item.error.code } });
      continue;
    }
    const outcome = processRecord(item.envelope, limits);
    outcomes.push({ input, outcome });
    if (outcome.status === 'parsed')
      records.push({
        sourceId: item.envelope.id,
        fetchedAt: item.envelope.fetchedAt,
        document: outcome.document,
        mentions: outcome.mentions,
      });
  }
  return { outcomes, profiles: factory.profiles(records) };
}

function code(o: Run['outcomes'][number]['outcome']): string {
  if (o.status !== 'rejected') return o.status;
  return 'code' in o ? o.code : o.error.code;
}

describeWithCorpus('the whole corpus through parse → normalize → merge → score', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runCorpus();
  }, 120_000);

  const byName = (name: string) =>
    run.profiles.filter((p) => p.names.includes(name) || p.displayName === name);

  it('parses every document of the supported formats; only real defects are rejected, nothing crashes', () => {
    const failures = run.outcomes.filter(({ outcome }) => code(outcome) === 'parser-failure');
    expect(failures).toEqual([]);
    const mustParse =
      /^(uspto-grant\/(?!malformed)|uspto-application\/|sec-ownership\/|resumes-json\/|html-profiles\/)/;
    const notParsed = run.outcomes.filter(
      ({ input, outcome }) => mustParse.test(input) && !['parsed', 'skipped'].includes(outcome.status),
    );
    expect(notParsed.map((o) => `${o.input}: ${code(o.outcome)}`)).toEqual([]);
    expect(
      run.outcomes.find((o) => o.input === 'uspto-grant/malformed/US07057742.xml#0')?.outcome,
    ).toMatchObject({ status: 'rejected' });
    expect(
      code(run.outcomes.find((o) => o.input === 'uspto-grant/malformed/US07057742.xml#0')!.outcome),
    ).toBe('malformed-xml');
    // The weekly bulk file streams as 27 documents: 25 grants and 2 sequence listings (skipped).
    const bulk = run.outcomes.filter((o) => o.input.startsWith('uspto-grant/bulk/'));
    expect(bulk).toHaveLength(27);
    expect(bulk.filter((o) => o.outcome.status === 'skipped')).toHaveLength(2);
  });

  it('merges an SEC reporting owner across filings by CIK, with every filing as evidence', () => {
    const hoffman = byName('Reid Hoffman');
    expect(hoffman).toHaveLength(1);
    expect(hoffman[0]?.identifiers.secCiks).toHaveLength(1);
    const issuers = new Set(hoffman[0]?.filingRoles.map((r) => r.issuer.toUpperCase()));
    expect([...issuers]).toEqual(expect.arrayContaining(['LINKEDIN CORP', 'ZYNGA INC', 'MICROSOFT CORP']));
    const musk = byName('Elon Musk');
    expect(musk).toHaveLength(1);
    expect(musk[0]?.evidence.length).toBeGreaterThanOrEqual(3);
    expect(musk[0]?.topIndustries[0]?.industry).toBe('automotive');
    // The chief executive of an anchor employer of the industry leads a major firm: tier A.
    expect(musk[0]?.tier).toBe('A');
    expect(musk[0]?.explanation.tier.because).toMatch(/of Tesla, Inc\. \(an anchor employer in automotive\)/);
  });

  it('scores NVIDIA officers for semiconductors through the filer SIC code 3674, by role function', () => {
    const nvidia = run.profiles.filter((p) => p.filingRoles.some((r) => r.sic === '3674'));
    expect(nvidia.length).toBeGreaterThanOrEqual(3);
    const semis = (p: (typeof nvidia)[number]) =>
      p.explanation.industries.find((i) => i.industry === 'semiconductors');
    // Leadership and operations officers: the company's SIC code and anchor status count whole.
    const leaders = nvidia.filter((p) => p.titles.some((t) => /chief executive|, operations$/i.test(t)));
    expect(leaders.map((p) => p.displayName).sort()).toEqual(['Debora Shoquist', 'Jen-Hsun Huang']);
    for (const p of leaders) {
      expect(p.topIndustries[0]?.industry).toBe('semiconductors');
      expect(semis(p)?.contributions.map((c) => c.reason)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^officer at NVIDIA CORP \(SIC 3674\)$/)]),
      );
    }
    // The CFO and the counsel: employer context × 0.1, below the threshold, shown in the explanation.
    const business = nvidia.filter((p) => p.titles.some((t) => /financial officer|counsel/i.test(t)));
    expect(business.length).toBeGreaterThanOrEqual(3);
    for (const p of business) {
      expect(p.scores.semiconductors).toBe(0);
      expect(p.tier).toBe('C');
      expect(semis(p)?.contributions.map((c) => c.reason)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /SIC 3674\); .*\((finance|legal \/ company secretary)\): employer context × 0\.1$/,
          ),
        ]),
      );
    }
  });

  it('never turns attorneys, agents or funds into people', () => {
    const names = run.profiles.map((p) => p.displayName.toLowerCase());
    expect(names.filter((n) => /\b(llp|llc|lp|inc|trust|fund)\b/.test(n))).toEqual([]);
  });

  it('is deterministic: a second run gives the same profiles, ids and scores', async () => {
    const again = await runCorpus();
    const digest = (r: Run) => r.profiles.map((p) => `${p.id} ${p.priorityScore} ${p.tier}`).sort();
    expect(digest(again)).toEqual(digest(run));
  }, 120_000);
});
