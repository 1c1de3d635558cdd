import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultArchiveLimits } from '../../../ingest/files/archives/archive-limits.js';
import { readZip } from '../../../ingest/files/archives/zip-reader.js';
import { readInputs, type InputItem } from '../../../ingest/files/read-inputs.js';
import type { ProcessingError } from '../../../lib/errors.js';
import { makeZip } from '../../helpers/archives.js';

/**
 * Damaged zips as truncated downloads and careless writers leave them: sizes in local headers
 * that disagree with the data, data descriptors, members cut inside their compressed data, and
 * consumers that stop reading a member mid-way. Whatever the damage, every problem comes back as
 * a typed rejection of the archive or of one member; nothing escapes as an uncaught error.
 */

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/archives');

/** Made-up OpenAlex works of fictional researchers. */
const work = (id: string, author: string, padding = 0): string =>
  JSON.stringify({
    id: `https://openalex.org/${id}`,
    display_name: `Work ${id}`,
    authorships: [{ author: { id: 'https://openalex.org/A5000000009', display_name: author } }],
  }) + ' '.repeat(padding);

const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/** Errors no listener took: the failure this file guards against. */
let escaped: unknown[] = [];
const onEscape = (error: unknown): void => {
  escaped.push(error);
};
beforeEach(() => {
  escaped = [];
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
});
afterEach(() => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
});

/** Everything read from `file`, after the event loop had a chance to deliver any stray error. */
async function readAll(file: string, maxDocumentBytes = 1024 * 1024): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs([file], { maxDocumentBytes })) items.push(item);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return items;
}

const summary = (items: InputItem[]): string[] =>
  items.map((i) =>
    i.kind === 'record'
      ? `record ${i.envelope.origin.member}`
      : `${i.error.code} ${i.envelope.origin.member ?? ''}`,
  );

function tempFile(name: string, bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'zip-damage-')), name);
  writeFileSync(file, bytes);
  return file;
}

describe('damaged zips', () => {
  it('regression: a local size past the end of a zip without its directory is a rejection, not a crash', async () => {
    // No central directory, and the first member's local header claims 5,000 bytes more than it
    // holds, while its deflate stream is complete: the member's reader once ran on in the
    // background after the body ended, and its `corrupt-archive` error had no listener.
    const file = join(fixtures, 'made-up-zip-size-past-end.zip');
    const items = await readAll(file);
    expect(escaped).toEqual([]);
    expect(summary(items)).toEqual(['record works/W1000000021.json', 'corrupt-archive ']);
    const last = items.at(-1);
    expect(last?.kind === 'rejected' && last.error.message).toContain(
      'zip ends inside member "works/W1000000021.json"',
    );
  });

  it('keeps a member whose deflate stream is complete though the file ends before its stated size', async () => {
    const zip = makeZip([
      { name: 'W21.json', data: work('W1000000021', 'Ilse Marchetti') },
      { name: 'W22.json', data: work('W1000000022', 'Tomas Ek', 3000) },
    ]);
    const cut = Buffer.from(zip.subarray(0, zip.indexOf(CENTRAL)));
    const second = cut.indexOf(Buffer.from('W22.json')) - 30;
    cut.writeUInt32LE(cut.readUInt32LE(second + 18) + 100, second + 18);
    const items = await readAll(tempFile('cut.zip', cut));
    expect(escaped).toEqual([]);
    expect(summary(items)).toEqual(['record W21.json', 'record W22.json', 'corrupt-archive ']);
  });

  it('rejects a member cut inside its compressed data and keeps the members before it', async () => {
    const zip = makeZip([
      { name: 'W23.json', data: work('W1000000023', 'Noor Haddad') },
      {
        name: 'W24.json',
        data: `[${Array.from({ length: 300 }, (_, i) => work(`W10000${i}`, 'Chen Wei')).join(',')}]`,
      },
    ]);
    const secondData = zip.indexOf(Buffer.from('W24.json')) + 8;
    const items = await readAll(tempFile('cut.zip', zip.subarray(0, secondData + 200)));
    expect(escaped).toEqual([]);
    expect(summary(items)[0]).toBe('record W23.json');
    expect(items.slice(1).every((i) => i.kind === 'rejected' && i.error.code === 'corrupt-archive')).toBe(
      true,
    );
  });

  it('reads members written with data descriptors, with or without their directory', async () => {
    const entries = [
      { name: 'W25.json', data: work('W1000000025', 'Ana Lind'), descriptor: 'signed' as const },
      {
        name: 'W26.json',
        data: work('W1000000026', 'Lin Qiao'),
        descriptor: 'unsigned' as const,
        method: 'store' as const,
      },
      { name: 'W27.json', data: work('W1000000027', 'Tomas Ek') },
    ];
    const whole = makeZip(entries);
    expect(summary(await readAll(tempFile('streamed.zip', whole)))).toEqual([
      'record W25.json',
      'record W26.json',
      'record W27.json',
    ]);
    // Without the directory, a member whose sizes come only after its data cannot be delimited:
    // refused with the reason, after the members before it.
    const cut = whole.subarray(0, whole.indexOf(CENTRAL));
    const items = await readAll(tempFile('streamed-cut.zip', cut));
    expect(escaped).toEqual([]);
    expect(summary(items)).toEqual(['corrupt-archive ']);
    expect(items[0]?.kind === 'rejected' && items[0].error.message).toMatch(
      /gives its size only after its data/,
    );
    // A writer that sets the flag but also fills in the local sizes: read member after member.
    const filled = Buffer.from(cut);
    for (const entry of entries.slice(0, 2)) {
      const local = filled.indexOf(Buffer.from(entry.name)) - 30;
      const central = whole.lastIndexOf(Buffer.from(entry.name)) - 46;
      whole.copy(filled, local + 14, central + 16, central + 28); // CRC, compressed and plain sizes
    }
    expect(summary(await readAll(tempFile('streamed-filled.zip', filled)))).toEqual([
      'record W25.json',
      'record W26.json',
      'record W27.json',
      'corrupt-archive ',
    ]);
  });

  it('rejects a member whose local size disagrees with the directory, and reads the others', async () => {
    const zip = makeZip([
      { name: 'W28.json', data: work('W1000000028', 'Ilse Marchetti') },
      { name: 'W29.json', data: work('W1000000029', 'Tomas Ek') },
    ]);
    const damaged = Buffer.from(zip);
    const central = damaged.indexOf(CENTRAL);
    damaged.writeUInt32LE(damaged.readUInt32LE(central + 24) + 7, central + 24);
    const items = await readAll(tempFile('sizes.zip', damaged));
    expect(escaped).toEqual([]);
    expect(summary(items)).toEqual(['corrupt-archive W28.json', 'record W29.json']);
  });

  it('survives a consumer that abandons a member mid-body or never starts it', async () => {
    const big = `[${Array.from({ length: 2000 }, (_, i) => work(`W2${i}`, 'Chen Wei')).join(',')}]`;
    const zip = makeZip([
      { name: 'a.json', data: big },
      { name: 'b.json', data: big },
      { name: 'c.json', data: work('W1000000030', 'Ana Lind') },
    ]);
    const cut = zip.subarray(0, zip.indexOf(CENTRAL)); // the sequential reader, which shares one byte stream
    for (const bytes of [zip, cut]) {
      const file = tempFile('abandon.zip', bytes);
      const seen: string[] = [];
      let end: unknown;
      try {
        for await (const entry of readZip(file, defaultArchiveLimits)) {
          if (entry.kind !== 'member') continue;
          seen.push(entry.member.name);
          if (entry.member.name === 'a.json') {
            // One chunk, then walk away without returning the iterator.
            await entry.member.body[Symbol.asyncIterator]().next();
          } else if (entry.member.name === 'c.json') {
            let text = '';
            for await (const chunk of entry.member.body) text += chunk.toString('utf8');
            expect(JSON.parse(text)).toMatchObject({ id: 'https://openalex.org/W1000000030' });
          }
          // b.json is never started.
        }
      } catch (error) {
        end = error;
      }
      // The walk without a directory ends at the missing directory, with the reason.
      expect(end === undefined ? 'complete' : (end as ProcessingError).code).toBe(
        bytes === zip ? 'complete' : 'corrupt-archive',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual(['a.json', 'b.json', 'c.json']);
    }
    expect(escaped).toEqual([]);
  });

  it('rejects a member that states a size past the document limit, and reads the next one', async () => {
    const zip = makeZip([
      { name: 'W31.json', data: work('W1000000031', 'Noor Haddad', 4000) },
      { name: 'W32.json', data: work('W1000000032', 'Lin Qiao') },
    ]);
    const items = await readAll(tempFile('limit.zip', zip), 2048);
    expect(escaped).toEqual([]);
    expect(summary(items)).toEqual(['too-large W31.json', 'record W32.json']);
  });
});
