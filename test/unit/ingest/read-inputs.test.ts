import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputItem } from '../../../ingest/files/read-inputs.js';

async function collect(paths: string[], maxDocumentBytes = 1 << 20): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(paths, { maxDocumentBytes, now: new Date('2026-01-01T00:00:00Z') }))
    items.push(item);
  return items;
}

const patent = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<us-patent-grant><us-bibliographic-data-grant><publication-reference><document-id><country>US</country><doc-number>${n}</doc-number><kind>B1</kind></document-id></publication-reference></us-bibliographic-data-grant></us-patent-grant>\n`;

describe('reading inputs', () => {
  it('splits a concatenated USPTO file into one envelope per document, with index and offset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-in-'));
    const file = join(dir, 'ipg.xml');
    writeFileSync(file, patent(1) + patent(2) + patent(3));
    const items = await collect([file]);
    expect(items.map((i) => [i.kind, i.envelope.format, i.envelope.origin.documentIndex])).toEqual([
      ['record', 'uspto-xml', 0],
      ['record', 'uspto-xml', 1],
      ['record', 'uspto-xml', 2],
    ]);
    expect(items[1]?.envelope.origin.byteOffset).toBe(Buffer.byteLength(patent(1)));
    expect(new Set(items.map((i) => i.envelope.id)).size).toBe(3);
  });

  it('rejects oversize, unreadable and unknown inputs with reasons, and skips notes in directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-in-'));
    writeFileSync(join(dir, 'big.json'), `{"basics":{"name":"${'x'.repeat(5000)}"}}`);
    writeFileSync(join(dir, 'README.md'), '# notes');
    writeFileSync(join(dir, 'other.json'), '{"unrelated": true}');
    const items = await collect([dir, join(dir, 'missing.xml')], 1000);
    const byName = Object.fromEntries(
      items.map((i) => [
        i.envelope.origin.file?.split('/').pop(),
        i.kind === 'rejected' ? i.error.code : i.kind,
      ]),
    );
    expect(byName['big.json']).toBe('too-large');
    expect(byName['missing.xml']).toBe('unreadable-input');
    expect(byName['README.md']).toBeUndefined();
    expect(byName['other.json']).toBe('unknown-format');
  });
});
