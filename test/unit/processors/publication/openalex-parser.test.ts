import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputItem } from '../../../../ingest/files/read-inputs.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { processRecord } from '../../../../processors/pipeline.js';
import { openalexParser } from '../../../../processors/publication/openalex-parser.js';
import { detectFormat } from '../../../../processors/registry.js';
import { corpusEnvelope, corpusPath, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions } from '../../../helpers/outcomes.js';

const parse = (relative: string) =>
  openalexParser.parse(
    corpusEnvelope(`publications-openalex/${relative}`, 'openalex-json'),
    defaultParseLimits,
  );

/** A made-up work, in the shape of an OpenAlex snapshot line. */
const work = (id: string, author: string) =>
  JSON.stringify({
    id: `https://openalex.org/${id}`,
    doi: `https://doi.org/10.5555/${id.toLowerCase()}`,
    display_name: `A study numbered ${id}`,
    publication_year: 2021,
    cited_by_count: 4,
    authorships: [
      {
        author_position: 'first',
        author: { id: 'https://openalex.org/A5000000001', display_name: author, orcid: null },
        institutions: [],
        raw_affiliation_strings: ['Institute of Imaginary Physics, Graz, Austria'],
        countries: ['AT'],
      },
    ],
  });

async function collect(paths: string[]): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(paths, { maxDocumentBytes: 1024 * 1024 })) items.push(item);
  return items;
}

describeWithCorpus('openalexParser on real OpenAlex records', () => {
  it('reads a work: one mention per authorship with ORCID, OpenAlex id, institutions (ROR, country) and the work', () => {
    const mentions = parsedMentions(parse('W2741809807_work.json'));
    expect(mentions).toHaveLength(9);
    const [first, second] = mentions;
    expect(first?.name.full).toBe('Heather Piwowar');
    expect(first?.orcid).toBe('0000-0003-1613-5981');
    expect(first?.openalexId).toBe('A5048491430');
    expect(first?.affiliations[0]).toMatchObject({
      organization: 'Impact Technology Development (United States)',
      organizationIds: { ror: '05ppvf150', openalex: 'I4210166736' },
      location: { country: 'US' },
    });
    expect(second?.name.full).toBe('Jason Priem');
    expect(first?.publications?.[0]).toMatchObject({
      id: 'W2741809807',
      doi: '10.7717/peerj.4375',
      year: 2018,
      venue: 'PeerJ',
      citedByCount: 962,
      authorPosition: 1,
    });
    expect(first?.publications?.[0]?.topics).toContain('scientometrics and bibliometrics research');
    expect(first?.publications?.[0]?.keywords).toContain('Scholarly Communication');
    expect(first?.publications?.[0]?.authors).toHaveLength(9);
    expect(first?.evidence[0]).toMatchObject({ path: 'authorships[0].author' });
    expect(first?.evidence[0]?.snippet).toContain('W2741809807');
  });

  it('reads an author: ORCID, alternative names, affiliations with years, last known institution, h-index', () => {
    const [priem] = parsedMentions(parse('A5023888391_author.json'));
    expect(priem).toMatchObject({
      name: { full: 'Jason Priem' },
      orcid: '0000-0001-6187-6610',
      openalexId: 'A5023888391',
      otherNames: ['Priem Jason'],
      scholarMetrics: { hIndex: 17, worksCount: 62, citedByCount: 3890 },
    });
    expect(priem?.affiliations.find((a) => a.organization === 'OurResearch')).toMatchObject({
      current: true,
      startDate: '2019',
      endDate: '2023',
      location: { country: 'CA' },
    });
  });

  it('skips a "Deleted Author" placeholder with a typed reason, and an institution as no person', () => {
    const deleted = parse('A5317838346_author_deleted.json');
    expect(deleted).toMatchObject({ status: 'skipped' });
    expect(deleted.status === 'skipped' && deleted.reason).toMatch(/^deleted-author: .*A5317838346/);
    expect(parse('I27837315_institution.json').status).toBe('skipped');
  });

  it('reads a saved /works page (results[]) and every line of a snapshot JSONL as its own record', async () => {
    const page = parsedMentions(parse('openalexPro_works_results_page_1.json'));
    // 50 works, one of them without any authorship: 163 authorships over 49 works.
    expect(page).toHaveLength(163);
    expect(new Set(page.map((m) => m.publications?.[0]?.id)).size).toBe(49);
    expect(page[0]?.evidence[0]?.path).toBe('results[0].authorships[0].author');
    const lines = await collect([corpusPath('publications-openalex/openalexPro_works_flattened.jsonl')]);
    expect(lines.map((l) => [l.kind, l.envelope.format, l.envelope.origin.documentIndex])).toEqual([
      ['record', 'openalex-json', 0],
      ['record', 'openalex-json', 1],
    ]);
    const second = processRecord(lines[1]!.envelope, defaultParseLimits);
    expect(second.status === 'parsed' && second.mentions.map((m) => m.name.full)).toContain(
      'Heather Piwowar',
    );
  });

  it('is detected by content', () => {
    for (const file of [
      'W2741809807_work.json',
      'A5023888391_author.json',
      'openalexPro_works_results_page_1.json',
    ])
      expect(
        detectFormat(
          corpusEnvelope(`publications-openalex/${file}`, 'openalex-json').body.subarray(0, 65536).toString(),
        ),
      ).toBe('openalex-json');
  });
});

describe('openalexParser on made-up records', () => {
  it('falls back on raw affiliation strings when no institution was matched', () => {
    const [m] = parsedMentions(
      openalexParser.parse(
        envelopeOf(work('W1000000001', 'Ilse Marchetti'), 'openalex-json'),
        defaultParseLimits,
      ),
    );
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'Institute of Imaginary Physics, Graz, Austria',
      startDate: '2021',
    });
    expect(m?.location).toEqual({ country: 'AT' });
  });

  it('rejects a pathologically nested record with a typed limit, before building it', () => {
    const deep = `{"id":"https://openalex.org/W1000000001","authorships":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const outcome = openalexParser.parse(envelopeOf(deep, 'openalex-json'), defaultParseLimits);
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('too-deep');
  });

  it('rejects only the line that is not JSON inside a valid JSONL file; the others are kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openalex-'));
    const file = join(dir, 'part_000.jsonl');
    writeFileSync(
      file,
      [
        work('W1000000001', 'Ilse Marchetti'),
        '{"id": "https://openalex.org/W1000000002", "authorships": [',
        work('W1000000003', 'Tomas Ek'),
      ].join('\n') + '\n',
    );
    const items = await collect([file]);
    expect(items).toHaveLength(3);
    const outcomes = items.map((i) =>
      i.kind === 'record' ? processRecord(i.envelope, defaultParseLimits) : undefined,
    );
    expect(outcomes[0]?.status).toBe('parsed');
    expect(outcomes[2]?.status).toBe('parsed');
    const bad = items[1]!;
    const badOutcome =
      bad.kind === 'rejected'
        ? bad.error.code
        : outcomes[1]?.status === 'rejected'
          ? outcomes[1].error.code
          : outcomes[1]?.status;
    expect(['malformed-json', 'unknown-format']).toContain(badOutcome);
    expect(bad.envelope.body.toString()).toContain('W1000000002');
    expect(bad.envelope.origin).toMatchObject({ file, documentIndex: 1 });
  });
});
