import { describe, expect, it } from 'vitest';
import { hostileDocuments, hostileFormats } from '../../../bench/hostile-documents.js';
import { createEnvelope, sourceKindOfFormat, type FormatName } from '../../../lib/envelope.js';
import { checkJsonBounds } from '../../../processors/common/json-bounds.js';
import { ParseBudget, ParseLimitError, withinBudget } from '../../../processors/common/parse-budget.js';
import type { ParseLimits } from '../../../processors/parser.js';
import { processRecord, type RecordOutcome } from '../../../processors/pipeline.js';

const limits: ParseLimits = { maxDocumentBytes: 64 << 20 };

/** Every code a parser may reject with; `parser-failure` (an escaped exception) is not among them. */
const TYPED_REJECTIONS = new Set([
  'empty-input',
  'too-large',
  'too-deep',
  'too-complex',
  'invalid-encoding',
  'malformed-xml',
  'malformed-json',
  'entity-declaration-forbidden',
  'unsupported-document',
  'schema-mismatch',
  'no-person',
]);

function run(
  format: FormatName,
  body: Buffer,
  contentType: string,
  runLimits = limits,
): { outcome: RecordOutcome; budget: ParseBudget } {
  const envelope = createEnvelope({
    sourceKind: sourceKindOfFormat[format],
    format,
    body,
    contentType,
    origin: { uri: 'https://hostile.example/doc' },
  });
  const budget = new ParseBudget(runLimits);
  return { outcome: processRecord(envelope, runLimits, budget), budget };
}

function expectTypedOutcome(outcome: RecordOutcome, what: string): void {
  if (outcome.status === 'rejected')
    expect(TYPED_REJECTIONS, `${what}: ${outcome.error.message}`).toContain(outcome.error.code);
  else expect(['parsed', 'skipped']).toContain(outcome.status);
}

describe('ParseBudget', () => {
  it('rejects past the depth cap with too-deep, and counts elements and depth', () => {
    const budget = new ParseBudget({ maxDocumentBytes: 1, maxDepth: 3 });
    budget.enter(1);
    budget.enter(3);
    expect(budget.elements).toBe(2);
    expect(budget.deepest).toBe(3);
    expect(() => budget.enter(4)).toThrow(expect.objectContaining({ code: 'too-deep' }));
    // A later, shallower-than-the-deepest but still too deep element is rejected too.
    expect(() => budget.enter(4)).toThrow(ParseLimitError);
  });

  it('rejects past the element cap with too-complex', () => {
    const budget = new ParseBudget({ maxDocumentBytes: 1, maxElements: 5 });
    for (let i = 0; i < 5; i++) budget.enter(1);
    expect(() => budget.enter(1)).toThrow(expect.objectContaining({ code: 'too-complex' }));
  });

  it('rejects with too-complex once the time budget is spent, checking the clock every few thousand steps', () => {
    let now = 0;
    const budget = new ParseBudget({ maxDocumentBytes: 1, maxParseMs: 100 }, () => now);
    budget.step(10_000);
    now = 101;
    // The clock is read on a step boundary, not at every step: at most a few thousand more steps run.
    expect(() => {
      for (let i = 0; i < 10_000; i++) budget.step();
    }).toThrow(expect.objectContaining({ code: 'too-complex' }));
    expect(budget.steps).toBeLessThan(10_000 + 4097);
  });

  it('withinBudget turns a limit into a typed rejection and lets bugs through', () => {
    const limited = withinBudget(() => {
      throw new ParseLimitError('too-deep', 'deep');
    });
    expect(limited.status === 'rejected' && limited.error.code).toBe('too-deep');
    expect(() =>
      withinBudget(() => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });

  it('processRecord rejects a document over the time budget as too-complex and the next one still parses', () => {
    const page = Buffer.from(
      `<!doctype html><html><head><title>Jane Doe</title></head><body><h1>Jane Doe</h1>${'<p>Professor of Physics, Example University</p>'.repeat(3000)}</body></html>`,
    );
    const envelope = createEnvelope({
      sourceKind: 'profile-page',
      format: 'profile-html',
      body: page,
      contentType: 'text/html',
      origin: { uri: 'https://hostile.example/slow' },
    });
    let now = 0;
    // A clock that advances 10 ms per reading: the 5 ms budget is spent at the first check.
    const expired = processRecord(
      envelope,
      limits,
      new ParseBudget({ ...limits, maxParseMs: 5 }, () => (now += 10)),
    );
    expect(expired.status === 'rejected' && expired.error.code).toBe('too-complex');
    expect(processRecord(envelope, limits).status).toBe('parsed');
  });
});

describe('checkJsonBounds', () => {
  it('counts depth outside strings only, escapes included', () => {
    const budget = new ParseBudget({ maxDocumentBytes: 1, maxDepth: 2 });
    checkJsonBounds('{"a":"[[[[\\"[[[","b":[1,2]}', budget);
    expect(budget.deepest).toBe(2);
    expect(() => checkJsonBounds('[[[1]]]', new ParseBudget({ maxDocumentBytes: 1, maxDepth: 2 }))).toThrow(
      expect.objectContaining({ code: 'too-deep' }),
    );
  });

  it('rejects huge flat arrays past the element cap', () => {
    expect(() =>
      checkJsonBounds(`[${'1,'.repeat(100)}1]`, new ParseBudget({ maxDocumentBytes: 1, maxElements: 50 })),
    ).toThrow(expect.objectContaining({ code: 'too-complex' }));
  });
});

/**
 * Hostile documents of each format at two sizes: every outcome is a result or a typed rejection,
 * never an exception, and the work counted per byte does not grow with the size (linear time).
 * Nesting past the cap is rejected as too-deep whatever the size.
 */
describe('worst-case bounds of every parser', () => {
  const small = 16 * 1024;
  const large = 4 * small;
  for (const format of hostileFormats) {
    it(`${format}: hostile shapes give typed outcomes with work linear in the size`, () => {
      const smallDocs = hostileDocuments(format, small);
      const largeDocs = hostileDocuments(format, large);
      expect(smallDocs.length).toBeGreaterThan(3);
      for (const [i, doc] of smallDocs.entries()) {
        const big = largeDocs[i];
        if (big === undefined) throw new Error('shape lists differ');
        const a = run(format, doc.body, doc.contentType);
        const b = run(format, big.body, big.contentType);
        expectTypedOutcome(a.outcome, `${doc.shape} ${small}`);
        expectTypedOutcome(b.outcome, `${doc.shape} ${large}`);
        if (a.outcome.status === 'rejected' && a.outcome.error.code === 'too-complex')
          throw new Error(`${doc.shape}: the time budget ran out on ${doc.body.length} bytes`);
        // Work per byte at 4x the size stays within 25% (plus a constant) of work per byte at 1x.
        const perByteSmall = a.budget.steps / doc.body.length;
        const perByteLarge = b.budget.steps / big.body.length;
        expect(
          perByteLarge,
          `${doc.shape}: steps/byte ${perByteSmall} -> ${perByteLarge}`,
        ).toBeLessThanOrEqual(perByteSmall * 1.25 + 0.01);
        // Nothing does more than a couple of units of work per input byte.
        expect(perByteLarge, doc.shape).toBeLessThan(2);
        if (doc.shape.startsWith('nested-') && b.outcome.status === 'rejected')
          expect(b.outcome.error.code, doc.shape).toBe('too-deep');
      }
    });
  }

  it('nesting past the cap is too-deep for markup and JSON, before any stack overflow', () => {
    const deepHtml = `<html><body>${'<div>'.repeat(100_000)}</body></html>`;
    expect(run('profile-html', Buffer.from(deepHtml), 'text/html').outcome).toMatchObject({
      status: 'rejected',
      error: { code: 'too-deep' },
    });
    expect(run('sec-filing-html', Buffer.from(deepHtml), 'text/html').outcome).toMatchObject({
      status: 'rejected',
      error: { code: 'too-deep' },
    });
    const deepJson = `{"basics":{"name":"Jane Doe"},"work":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(run('json-resume', Buffer.from(deepJson), 'application/json').outcome).toMatchObject({
      status: 'rejected',
      error: { code: 'too-deep' },
    });
    const deepXml = `<?xml version="1.0"?><us-patent-grant>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</us-patent-grant>`;
    expect(run('uspto-xml', Buffer.from(deepXml), 'application/xml').outcome).toMatchObject({
      status: 'rejected',
      error: { code: 'too-deep' },
    });
  });

  it('a lower depth cap from the limits is honoured', () => {
    const page = `<!doctype html><html><body><h1>Jane Doe</h1>${'<div>'.repeat(40)}Professor${'</div>'.repeat(40)}</body></html>`;
    expect(run('profile-html', Buffer.from(page), 'text/html').outcome.status).toBe('parsed');
    expect(
      run('profile-html', Buffer.from(page), 'text/html', { ...limits, maxDepth: 20 }).outcome,
    ).toMatchObject({
      status: 'rejected',
      error: { code: 'too-deep' },
    });
  });
});
