import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputItem, type ReadInputsOptions } from '../../../ingest/files/read-inputs.js';
import { defaultParseLimits } from '../../../processors/parser.js';
import { processRecord } from '../../../processors/pipeline.js';
import { makeTar, makeZip } from '../../helpers/archives.js';
import { corpusPath, describeWithCorpus } from '../../helpers/corpus.js';

/** Made-up records of fictional researchers. */
const orcidRecord = (id: string, given: string, family: string) => `<?xml version="1.0" encoding="UTF-8"?>
<record:record path="/${id}" xmlns:record="http://www.orcid.org/ns/record" xmlns:common="http://www.orcid.org/ns/common"
  xmlns:person="http://www.orcid.org/ns/person" xmlns:personal-details="http://www.orcid.org/ns/personal-details">
  <common:orcid-identifier><common:path>${id}</common:path></common:orcid-identifier>
  <person:person><person:name><personal-details:given-names>${given}</personal-details:given-names>
  <personal-details:family-name>${family}</personal-details:family-name></person:name></person:person>
</record:record>`;
const work = (id: string, author: string) =>
  JSON.stringify({
    id: `https://openalex.org/${id}`,
    display_name: `Work ${id}`,
    authorships: [{ author: { id: 'https://openalex.org/A5000000009', display_name: author } }],
  });

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'archives-'));
}

async function collect(paths: string[], options: Partial<ReadInputsOptions> = {}): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(paths, { maxDocumentBytes: 1024 * 1024, ...options })) items.push(item);
  return items;
}

const names = (items: InputItem[]) =>
  items.flatMap((i) => {
    if (i.kind !== 'record') return [];
    const outcome = processRecord(i.envelope, defaultParseLimits);
    return outcome.status === 'parsed' ? outcome.mentions.map((m) => m.name.full) : [];
  });

describe('compressed inputs', () => {
  it('streams an ORCID-style .tar.gz member by member; the origin names the archive and the member', async () => {
    const file = join(tempDir(), 'ORCID_public_data_file.tar.gz');
    writeFileSync(
      file,
      gzipSync(
        makeTar([
          {
            name: 'ORCID_2024_summaries/097/0000-0002-1825-0097.xml',
            data: orcidRecord('0000-0002-1825-0097', 'Lin', 'Qiao'),
          },
          {
            name: 'ORCID_2024_summaries/005/0000-0001-5109-3700.xml',
            data: orcidRecord('0000-0001-5109-3700', 'Ana', 'Lind'),
          },
        ]),
      ),
    );
    const items = await collect([file]);
    expect(items.map((i) => [i.kind, i.envelope.format, i.envelope.origin])).toEqual([
      ['record', 'orcid-xml', { file, member: 'ORCID_2024_summaries/097/0000-0002-1825-0097.xml' }],
      ['record', 'orcid-xml', { file, member: 'ORCID_2024_summaries/005/0000-0001-5109-3700.xml' }],
    ]);
    expect(names(items)).toEqual(['Lin Qiao', 'Ana Lind']);
    expect(new Set(items.map((i) => i.envelope.id)).size).toBe(2);
  });

  it('reads a .gz of JSON Lines (an OpenAlex snapshot part) line by line, and a zip member by member', async () => {
    const dir = tempDir();
    const gz = join(dir, 'part_000.gz');
    writeFileSync(
      gz,
      gzipSync(`${work('W1000000001', 'Ilse Marchetti')}\n${work('W1000000002', 'Tomas Ek')}\n`),
    );
    const gzItems = await collect([gz]);
    expect(gzItems.map((i) => i.envelope.origin)).toEqual([
      { file: gz, member: 'part_000', documentIndex: 0, byteOffset: 0 },
      { file: gz, member: 'part_000', documentIndex: 1, byteOffset: expect.any(Number) },
    ]);
    expect(names(gzItems)).toEqual(['Ilse Marchetti', 'Tomas Ek']);
    const zip = join(dir, 'works.zip');
    writeFileSync(
      zip,
      makeZip([
        { name: 'a/W1000000003.json', data: work('W1000000003', 'Noor Haddad') },
        { name: 'a/W1000000004.json', data: work('W1000000004', 'Chen Wei'), method: 'store' },
      ]),
    );
    const zipItems = await collect([zip]);
    expect(zipItems.map((i) => i.envelope.origin.member)).toEqual([
      'a/W1000000003.json',
      'a/W1000000004.json',
    ]);
    expect(names(zipItems)).toEqual(['Noor Haddad', 'Chen Wei']);
  });

  it('rejects a truncated zip with a reason and keeps the members before the damage', async () => {
    const zip = makeZip([
      { name: 'W5.json', data: work('W1000000005', 'Ilse Marchetti'), method: 'store' },
      { name: 'W6.json', data: `${work('W1000000006', 'Tomas Ek')} ${' '.repeat(4000)}`, method: 'store' },
    ]);
    const file = join(tempDir(), 'cut.zip');
    writeFileSync(file, zip.subarray(0, zip.length - 2500));
    const items = await collect([file]);
    expect(items[0]).toMatchObject({ kind: 'record', envelope: { origin: { member: 'W5.json' } } });
    expect(names(items.slice(0, 1))).toEqual(['Ilse Marchetti']);
    const last = items[items.length - 1]!;
    expect(last.kind).toBe('rejected');
    expect(last.kind === 'rejected' && last.error.code).toBe('corrupt-archive');
    expect(last.kind === 'rejected' && last.error.message).toMatch(/W6\.json|central directory/);
  });

  it('rejects a zip member that is not a document, and still reads the others', async () => {
    const file = join(tempDir(), 'mixed.zip');
    writeFileSync(
      file,
      makeZip([
        { name: 'figure.tif', data: Buffer.from([0x49, 0x49, 0x2a, 0x00, 1, 2, 3, 4, 0, 0, 0xff]) },
        { name: 'W7.json', data: work('W1000000007', 'Noor Haddad') },
      ]),
    );
    const items = await collect([file]);
    expect(items[0]).toMatchObject({
      kind: 'rejected',
      envelope: { origin: { file, member: 'figure.tif' } },
    });
    expect(items[0]?.kind === 'rejected' && items[0].error.code).toBe('unknown-format');
    expect(names(items)).toEqual(['Noor Haddad']);
  });

  it('refuses a tar member whose path leaves the archive root', async () => {
    const file = join(tempDir(), 'tricky.tar');
    writeFileSync(
      file,
      makeTar([
        { name: '../../etc/cron.d/evil.xml', data: orcidRecord('0000-0002-1825-0097', 'Lin', 'Qiao') },
        { name: 'ok/0000-0001-5109-3700.xml', data: orcidRecord('0000-0001-5109-3700', 'Ana', 'Lind') },
      ]),
    );
    const items = await collect([file]);
    expect(items[0]).toMatchObject({
      kind: 'rejected',
      envelope: { origin: { member: '../../etc/cron.d/evil.xml' } },
    });
    expect(items[0]?.kind === 'rejected' && items[0].error.code).toBe('unsafe-archive-path');
    expect(names(items)).toEqual(['Ana Lind']);
  });

  it('stops a gzip that expands past the configured limit, with the reason naming the setting', async () => {
    const file = join(tempDir(), 'bomb.jsonl.gz');
    const line = `${work('W1000000008', 'Tomas Ek')}\n`;
    writeFileSync(file, gzipSync(line.repeat(20_000)));
    const items = await collect([file], {
      archives: { maxExpandedBytes: 256 * 1024, maxRatio: 1000, maxMembers: 10 },
    });
    const last = items[items.length - 1]!;
    expect(last.kind === 'rejected' && last.error.code).toBe('archive-limit');
    expect(last.kind === 'rejected' && last.error.message).toContain('archives.maxExpandedBytes');
    expect(items.length).toBeLessThan(20_000);
    const ratio = await collect([file], {
      archives: { maxExpandedBytes: 1024 ** 3, maxRatio: 20, maxMembers: 10 },
    });
    const stopped = ratio[ratio.length - 1]!;
    expect(stopped.kind === 'rejected' && stopped.error.message).toContain('archives.maxRatio');
  });

  it('refuses an archive inside an archive with its own reason, and reads the members beside it', async () => {
    const inner = makeZip([{ name: 'W10.json', data: work('W1000000010', 'Lin Qiao') }]);
    const file = join(tempDir(), 'outer.tar.gz');
    writeFileSync(
      file,
      gzipSync(
        makeTar([
          { name: 'bulk/inner.zip', data: inner },
          { name: 'bulk/part.json.gz', data: gzipSync(work('W1000000011', 'Ana Lind')) },
          { name: 'bulk/W12.json', data: work('W1000000012', 'Chen Wei') },
        ]),
      ),
    );
    const items = await collect([file]);
    expect(items.map((i) => [i.kind, i.envelope.origin.member])).toEqual([
      ['rejected', 'bulk/inner.zip'],
      ['rejected', 'bulk/part.json.gz'],
      ['record', 'bulk/W12.json'],
    ]);
    for (const item of items.slice(0, 2)) {
      expect(item.kind === 'rejected' && item.error.code).toBe('nested-archive');
      expect(item.kind === 'rejected' && item.error.message).toContain('unpack the outer one');
    }
  });

  it('stops a zip whose members together expand past the configured limit', async () => {
    const file = join(tempDir(), 'many.zip');
    const member = (i: number) => ({
      name: `W${i}.json`,
      data: work(`W10000000${i}`, 'Tomas Ek') + ' '.repeat(40_000),
    });
    writeFileSync(file, makeZip([member(13), member(14), member(15), member(16)]));
    const items = await collect([file], {
      archives: { maxExpandedBytes: 100_000, maxRatio: 1000, maxMembers: 10 },
    });
    expect(items.map((i) => i.kind)).toEqual(['record', 'record', 'rejected']);
    const last = items.at(-1);
    expect(last?.kind === 'rejected' && last.error.code).toBe('archive-limit');
    expect(last?.kind === 'rejected' && last.error.message).toContain('archives.maxExpandedBytes');
  });

  it('follows symbolic links in input directories, once, even through a loop', async () => {
    const root = tempDir();
    const real = join(root, 'real');
    mkdirSync(real);
    writeFileSync(join(real, 'W9.json'), work('W1000000009', 'Chen Wei'));
    const walked = join(root, 'walked');
    mkdirSync(walked);
    symlinkSync(real, join(walked, 'linked-dir'));
    symlinkSync(join(real, 'W9.json'), join(walked, 'linked-file.json'));
    symlinkSync(walked, join(walked, 'loop'));
    const items = await collect([walked]);
    expect(items.map((i) => i.envelope.origin.file)).toEqual([
      join(walked, 'linked-dir', 'W9.json'),
      join(walked, 'linked-file.json'),
    ]);
  });
});

describeWithCorpus('the real USPTO bulk-download zip', () => {
  it('is read member by member without unpacking; each member names the archive and its path', async () => {
    const file = corpusPath('uspto-bulk/USPTO_sample_XML4IP.ZIP');
    const items = await collect([file]);
    expect(items.length).toBe(13);
    expect(
      items.every((i) => i.envelope.origin.file === file && i.envelope.origin.member?.endsWith('.xml')),
    ).toBe(true);
  });
});
