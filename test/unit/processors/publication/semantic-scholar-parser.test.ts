import { describe, expect, it } from 'vitest';
import { readInputs, type InputItem } from '../../../../ingest/files/read-inputs.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { processRecord } from '../../../../processors/pipeline.js';
import { semanticScholarParser } from '../../../../processors/publication/semantic-scholar-parser.js';
import { corpusPath, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions } from '../../../helpers/outcomes.js';

async function lines(relative: string): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs([corpusPath(relative)], { maxDocumentBytes: 1024 * 1024 }))
    items.push(item);
  return items;
}

describeWithCorpus('semanticScholarParser on the S2AG samples', () => {
  it('reads every authors line: S2 id, name, aliases, counts and h-index', async () => {
    const items = await lines('publications-semanticscholar/s2ag_authors_authors-sample.jsonl');
    expect(items).toHaveLength(100);
    expect(items.every((i) => i.kind === 'record' && i.envelope.format === 'semantic-scholar-json')).toBe(
      true,
    );
    const outcomes = items.map((i) => processRecord(i.envelope, defaultParseLimits));
    expect(outcomes.filter((o) => o.status !== 'parsed')).toEqual([]);
    const jung = outcomes
      .flatMap((o) => (o.status === 'parsed' ? o.mentions : []))
      .find((m) => m.semanticScholarId === '102908023');
    expect(jung).toMatchObject({
      name: { full: 'Sung-A Jung' },
      otherNames: ['Sung A Jung', 'Sung‐a Jung'],
      scholarMetrics: { worksCount: 8, citedByCount: 44, hIndex: 3 },
    });
  });

  it('reads papers lines: one mention per author with the author id and the paper (DOI, fields, year)', async () => {
    const items = await lines('publications-semanticscholar/s2ag_papers_papers-sample.jsonl');
    const first = processRecord(items[0]!.envelope, defaultParseLimits);
    const mentions = first.status === 'parsed' ? first.mentions : [];
    expect(mentions.map((m) => [m.name.full, m.semanticScholarId])).toEqual([
      ['粟毅', '101039255'],
      ['吴亚梅', '2096896523'],
    ]);
    expect(mentions[1]?.publications?.[0]).toMatchObject({
      id: 's2:223588394',
      doi: '10.3760/cma.j.issn.2095-1485.2006.01.019',
      year: 2006,
      topics: ['Education', 'Psychology'],
      authorPosition: 2,
      authors: ['粟毅', '吴亚梅'],
    });
  });
});

describe('semanticScholarParser on made-up Graph API answers', () => {
  it('reads a camel-case author with ORCID and affiliations, and a search answer of papers', () => {
    const author = JSON.stringify({
      authorId: '900001',
      name: 'Noor Haddad',
      aliases: ['N. Haddad'],
      affiliations: ['Imaginary University of Science'],
      externalIds: { ORCID: '0000-0002-1825-0097', DBLP: ['Noor Haddad'] },
      hIndex: 21,
      paperCount: 80,
      citationCount: 2300,
    });
    const [m] = parsedMentions(
      semanticScholarParser.parse(envelopeOf(author, 'semantic-scholar-json'), defaultParseLimits),
    );
    expect(m).toMatchObject({
      semanticScholarId: '900001',
      orcid: '0000-0002-1825-0097',
      affiliations: [{ organization: 'Imaginary University of Science' }],
      scholarMetrics: { hIndex: 21 },
    });
    const search = JSON.stringify({
      total: 1,
      data: [
        {
          paperId: 'abc',
          title: 'On nothing',
          year: 2022,
          authors: [{ authorId: '900001', name: 'Noor Haddad' }],
        },
      ],
    });
    const mentions = parsedMentions(
      semanticScholarParser.parse(envelopeOf(search, 'semantic-scholar-json'), defaultParseLimits),
    );
    expect(mentions[0]?.evidence[0]?.path).toBe('data[0].authors[0]');
  });
});
