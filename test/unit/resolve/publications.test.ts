import { describe, expect, it } from 'vitest';
import type { PersonMention } from '../../../processors/model/mention.js';
import { defaultParseLimits } from '../../../processors/parser.js';
import { crossrefJsonParser } from '../../../processors/publication/crossref-json-parser.js';
import { openalexParser } from '../../../processors/publication/openalex-parser.js';
import { semanticScholarParser } from '../../../processors/publication/semantic-scholar-parser.js';
import { compareMentions } from '../../../processors/resolve/pairwise.js';
import { resolvableOf, resolvePersonMentions } from '../../../processors/resolve/index.js';
import { envelopeOf } from '../../helpers/corpus.js';
import { parsedMentions } from '../../helpers/outcomes.js';

/** Made-up works of fictional researchers, in OpenAlex, Crossref and Semantic Scholar shapes. */
const openalexWork = (id: string, doi: string, authors: [string, string][]) =>
  JSON.stringify({
    id: `https://openalex.org/${id}`,
    doi: `https://doi.org/${doi}`,
    display_name: `Work ${id}`,
    authorships: authors.map(([authorId, name]) => ({
      author: { id: `https://openalex.org/${authorId}`, display_name: name },
      institutions: [],
    })),
  });

const parse = (body: string, file: string, kind: 'openalex' | 'crossref' | 's2'): PersonMention[] => {
  const parser =
    kind === 'openalex' ? openalexParser : kind === 'crossref' ? crossrefJsonParser : semanticScholarParser;
  const format =
    kind === 'openalex' ? 'openalex-json' : kind === 'crossref' ? 'crossref-json' : 'semantic-scholar-json';
  return parsedMentions(parser.parse(envelopeOf(body, format, file), defaultParseLimits));
};

describe('resolution of publication mentions', () => {
  it('one DOI seen in OpenAlex and in Crossref ties its author across the two sources (shared work)', () => {
    const [oa] = parse(
      openalexWork('W1000000001', '10.5555/one', [['A5000000001', 'Mirela Dragomir']]),
      '/a.json',
      'openalex',
    );
    const [cr] = parse(
      JSON.stringify({
        DOI: '10.5555/ONE',
        'reference-count': 0,
        author: [{ given: 'M.', family: 'Dragomir' }],
      }),
      '/b.json',
      'crossref',
    );
    const evidence = compareMentions(resolvableOf(oa!), resolvableOf(cr!));
    expect(evidence.reasons.map((r) => r.code)).toContain('shared-work');
    expect(evidence.anchored).toBe(true);
  });

  it('the same OpenAlex author id joins two works; two authors of one work stay apart', () => {
    const page = JSON.stringify({
      meta: { count: 2 },
      results: [
        JSON.parse(
          openalexWork('W1000000002', '10.5555/two', [
            ['A5000000002', 'Chen Wei'],
            ['A5000000003', 'Chen Wei'],
          ]),
        ),
        JSON.parse(openalexWork('W1000000003', '10.5555/three', [['A5000000002', 'Wei Chen']])),
      ],
    });
    const mentions = parse(page, '/page.json', 'openalex');
    const clusters = resolvePersonMentions(mentions);
    const byMention = new Map(clusters.flatMap((c) => c.mentionIds.map((id) => [id, c.mentionIds] as const)));
    // The first author of W2 and the author of W3 share the OpenAlex id: one person, though one record holds both works.
    expect(byMention.get(mentions[0]!.mentionId)).toContain(mentions[2]!.mentionId);
    // The two namesakes on W2 are two people (one work names each person once).
    expect(byMention.get(mentions[0]!.mentionId)).not.toContain(mentions[1]!.mentionId);
    expect(compareMentions(resolvableOf(mentions[0]!), resolvableOf(mentions[2]!)).mustLink).toBe(
      'same OpenAlex author A5000000002',
    );
  });

  it('co-authors anchor a merge as co-inventors do', () => {
    const s2 = (corpus: number, doi: string) =>
      JSON.stringify({
        corpusid: corpus,
        externalids: { DOI: doi },
        title: `Paper ${corpus}`,
        authors: [
          { authorId: null, name: 'Noor Haddad' },
          { authorId: null, name: 'Ilse Marchetti' },
        ],
      });
    const [a] = parse(s2(1, '10.5555/s2-1'), '/s1.json', 's2');
    const [b] = parse(s2(2, '10.5555/s2-2'), '/s2.json', 's2');
    const evidence = compareMentions(resolvableOf(a!), resolvableOf(b!));
    expect(evidence.reasons.find((r) => r.code === 'co-author')?.text).toBe('a shared co-author');
    expect(evidence.anchored).toBe(true);
  });
});
