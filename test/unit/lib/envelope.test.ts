import { describe, expect, it } from 'vitest';
import { createEnvelope, decodeEnvelope, encodeEnvelope, stableRecordId } from '../../../lib/envelope.js';
import { ProcessingError } from '../../../lib/errors.js';

const sample = () =>
  createEnvelope({
    sourceKind: 'patent',
    format: 'uspto-xml',
    origin: { file: '/data/ipg250107.xml', documentIndex: 3, byteOffset: 1200 },
    body: Buffer.from([0x3c, 0x3f, 0x78, 0xff, 0x00]),
    contentType: 'application/xml',
    fetchedAt: new Date('2025-01-07T00:00:00Z'),
  });

function rejection(fn: () => unknown): ProcessingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProcessingError) return error;
    throw error;
  }
  throw new Error('expected a ProcessingError');
}

describe('record envelope', () => {
  it('round-trips any bytes through its JSON wire form', () => {
    const envelope = sample();
    const decoded = decodeEnvelope(encodeEnvelope(envelope));
    expect(decoded.body.equals(envelope.body)).toBe(true);
    expect(decoded).toMatchObject({
      id: envelope.id,
      sourceKind: 'patent',
      format: 'uspto-xml',
      checksum: envelope.checksum,
    });
  });

  it('derives a stable id from the origin, not the content', () => {
    const a = sample();
    const b = createEnvelope({ ...a, format: a.format, body: Buffer.from('changed'), fetchedAt: new Date() });
    expect(b.id).toBe(a.id);
    expect(a.id).toBe(stableRecordId('patent', 'file:///data/ipg250107.xml#3'));
    expect(a.id).toMatch(/^patent:[0-9a-f]{32}$/);
  });

  it('rejects invalid JSON, missing fields, a newer version and a corrupted body with reasons', () => {
    expect(rejection(() => decodeEnvelope('{not json')).code).toBe('invalid-envelope');
    const wire = JSON.parse(encodeEnvelope(sample()).toString()) as Record<string, unknown>;
    const missing = { ...wire };
    delete missing.origin;
    expect(rejection(() => decodeEnvelope(JSON.stringify(missing))).message).toMatch(/origin/);
    expect(rejection(() => decodeEnvelope(JSON.stringify({ ...wire, schemaVersion: 9 }))).message).toMatch(
      /newer/,
    );
    expect(
      rejection(() =>
        decodeEnvelope(JSON.stringify({ ...wire, bodyBase64: Buffer.from('x').toString('base64') })),
      ).message,
    ).toMatch(/checksum/);
    expect(rejection(() => decodeEnvelope(JSON.stringify({ ...wire, sourceKind: 'tweet' }))).location).toBe(
      'sourceKind',
    );
  });
});
