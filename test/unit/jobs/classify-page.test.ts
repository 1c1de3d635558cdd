import { describe, expect, it } from 'vitest';
import { parseSources, type ExtractorHint } from '../../../config/sources.js';
import { classifyPage, pageMediaTypes } from '../../../jobs/classify-page.js';

const sourceWith = (hint: ExtractorHint) =>
  parseSources(
    { sources: [{ id: 'x', seeds: ['https://x.example/'], extract: { hint } }] },
    'test',
  )[0] as NonNullable<ReturnType<typeof parseSources>[0]>;

const ownership = Buffer.from(
  '<?xml version="1.0"?>\n<ownershipDocument><schemaVersion>X0508</schemaVersion></ownershipDocument>',
);
const profile = Buffer.from('<!DOCTYPE html><html><body><h1>Dr. Example</h1></body></html>');

describe('record kind from the extractor hint', () => {
  it('profile pages are declared profile-html', () => {
    expect(classifyPage(sourceWith('profile-page'), profile, 'text/html')).toEqual({
      sourceKind: 'profile-page',
      format: 'profile-html',
    });
  });

  it('a filing index keeps the filing format it detects, else leaves it to the processors', () => {
    expect(classifyPage(sourceWith('filing-index'), ownership, 'application/xml')).toEqual({
      sourceKind: 'filing',
      format: 'sec-ownership-xml',
    });
    expect(classifyPage(sourceWith('filing-index'), Buffer.from('plain words'), 'text/plain')).toEqual({
      sourceKind: 'filing',
      format: null,
    });
  });

  it('generic pages take the kind of the detected format', () => {
    expect(classifyPage(sourceWith('generic'), ownership, 'application/xml')).toEqual({
      sourceKind: 'filing',
      format: 'sec-ownership-xml',
    });
    expect(classifyPage(sourceWith('generic'), Buffer.from('???'), 'text/plain')).toEqual({
      sourceKind: 'profile-page',
      format: null,
    });
  });

  it('each hint reads its own media types', () => {
    expect([...pageMediaTypes(sourceWith('profile-page'))]).toEqual(['text/html', 'application/xhtml+xml']);
    expect(pageMediaTypes(sourceWith('patent-listing')).has('application/xml')).toBe(true);
    expect(pageMediaTypes(sourceWith('profile-page')).has('application/pdf')).toBe(false);
  });
});
