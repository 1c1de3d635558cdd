import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEnvelope } from '../../../../lib/envelope.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import {
  splitConcatenatedXml,
  type SplitDocument,
} from '../../../../processors/patent/split-concatenated.js';
import { usptoParser } from '../../../../processors/patent/uspto-parser.js';
import { corpusPath, describeWithCorpus } from '../../../helpers/corpus.js';
import { madeUpGrant } from '../../../fixtures/patent/made-up-patents.js';

async function collect(
  source: AsyncIterable<Buffer | string>,
  options?: { maxDocumentBytes?: number },
): Promise<SplitDocument[]> {
  const docs: SplitDocument[] = [];
  for await (const doc of splitConcatenatedXml(source, options)) docs.push(doc);
  return docs;
}

/** Yields `text` in pieces of `size` bytes, so markers straddle chunk boundaries. */
async function* chunked(text: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < text.length; i += size) yield text.subarray(i, i + size);
}

describe('splitConcatenatedXml', () => {
  const a = madeUpGrant({ number: '90000001' });
  const b = madeUpGrant({ number: '90000002', title: 'Second' });
  const c = madeUpGrant({ number: '90000003', title: 'Third' });
  const file = Buffer.from(a + b + c);

  it('splits at every <?xml marker whatever the chunk size', async () => {
    for (const size of [1, 2, 3, 4, 5, 7, 64, 1000, file.length]) {
      const docs = await collect(chunked(file, size));
      expect(docs.map((d) => d.bytes.toString())).toEqual([a, b, c]);
      expect(docs.map((d) => d.byteOffset)).toEqual([0, Buffer.byteLength(a), Buffer.byteLength(a + b)]);
      expect(docs.map((d) => d.index)).toEqual([0, 1, 2]);
    }
  });

  it('accepts strings, ignores leading whitespace, and keeps a document without a declaration', async () => {
    expect((await collect(chunked(Buffer.from(`\n  ${a}${b}`), 10))).map((d) => d.index)).toEqual([0, 1]);
    const bare = '<us-patent-application lang="EN"></us-patent-application>';
    async function* strings(): AsyncGenerator<string> {
      yield bare;
    }
    expect((await collect(strings())).map((d) => d.bytes.toString())).toEqual([bare]);
    expect(await collect(chunked(Buffer.alloc(0), 1))).toEqual([]);
  });

  it('does not buffer an oversize document: emits its head flagged oversize and goes on', async () => {
    const big = madeUpGrant({ number: '90000009', description: 'x'.repeat(20_000) });
    const docs = await collect(chunked(Buffer.from(a + big + c), 333), { maxDocumentBytes: 5000 });
    expect(docs.map((d) => d.oversize === true)).toEqual([false, true, false]);
    const over = docs[1]!;
    expect(over.bytes.length).toBeLessThanOrEqual(5000);
    expect(over.byteLength).toBe(Buffer.byteLength(big));
    expect(over.bytes.toString()).toBe(big.slice(0, over.bytes.length));
    expect(docs[2]!.bytes.toString()).toBe(c);
    expect(docs[2]!.byteOffset).toBe(Buffer.byteLength(a + big));
    // The caller rejects the oversize document as too-large.
    const env = createEnvelope({
      sourceKind: 'patent',
      format: 'uspto-xml',
      origin: { file: '/made-up/bulk.xml', documentIndex: 1 },
      body: Buffer.from(big),
      contentType: 'application/xml',
    });
    const out = usptoParser.parse(env, { maxDocumentBytes: 5000 });
    expect(out.status === 'rejected' && out.error.code).toBe('too-large');
  });
});

describeWithCorpus('splitConcatenatedXml on the weekly bulk sample', () => {
  it('splits ipg130416.small.xml read in 1 KiB chunks into 27 documents, parsed one by one', async () => {
    const file = corpusPath('uspto-grant/bulk/ipg130416.small.xml');
    const whole = readFileSync(file);
    const docs = await collect(createReadStream(file, { highWaterMark: 1024 }));
    expect(docs).toHaveLength(27);
    expect(docs.reduce((n, d) => n + d.bytes.length, 0)).toBe(whole.length);
    for (const d of docs)
      expect(whole.subarray(d.byteOffset, d.byteOffset + d.bytes.length).equals(d.bytes)).toBe(true);

    const outcomes = docs.map((d) =>
      usptoParser.parse(
        createEnvelope({
          sourceKind: 'patent',
          format: 'uspto-xml',
          origin: { file, documentIndex: d.index, byteOffset: d.byteOffset },
          body: d.bytes,
          contentType: 'application/xml',
        }),
        defaultParseLimits,
      ),
    );
    expect(outcomes.filter((o) => o.status === 'parsed')).toHaveLength(25);
    expect(outcomes.map((o, i) => (o.status === 'skipped' ? i : -1)).filter((i) => i >= 0)).toEqual([12, 14]);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(0);

    const parsed = outcomes.flatMap((o) => (o.status === 'parsed' ? [o] : []));
    expect(parsed.reduce((n, o) => n + o.mentions.length, 0)).toBe(71);
    expect(parsed[0]!.document.title).toBe('US D0680087 S1 · Television set');
    expect(parsed[0]!.mentions.map((m) => m.name.full)).toEqual([
      'Yoshito Fujii',
      'Katsuhiro Iida',
      'Tohru Ohtani',
      'Hiroshi Gomi',
    ]);
    expect(parsed[0]!.mentions[0]!.patents[0]).toMatchObject({
      assignees: ['Sharp Kabushiki Kaisha'],
      publicationDate: '2013-04-16',
      filingDate: '2012-01-03',
      citationCount: 86,
    });
    const dna = parsed.find((o) => o.document.title.startsWith('US 08420318 B2'));
    expect(dna?.mentions.map((m) => `${m.name.full} (${m.location?.city ?? ''})`)).toEqual([
      'Richard A. Mathies (San Francisco)',
      'Robert Blazej (San Francisco)',
      'Chung Liu (Albany)',
      'Palani Kumaresan (Los Angeles)',
      'Stephanie H. I. Yeung (Berkeley)',
    ]);
    expect(dna?.mentions[0]!.affiliations[0]!.organization).toBe(
      'The Regents of the University of California',
    );
    expect(dna?.mentions[0]!.patents[0]!.citationCount).toBe(562);
    const german = parsed.find((o) => o.document.title.startsWith('US 08420588 B2'));
    expect(german?.mentions[3]!.name.full).toBe('Thorsten Löhl');
    expect(german?.mentions[3]!.location).toMatchObject({ city: 'Schmallenberg', country: 'DE' });
  });
});
