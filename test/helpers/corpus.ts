import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import {
  createEnvelope,
  sourceKindOfFormat,
  type FormatName,
  type RecordEnvelope,
} from '../../lib/envelope.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The real-document corpus, read in place (never copied into the project). */
export const corpusDir = process.env.TALENT_CORPUS_DIR ?? resolve(repoRoot, '../shared/corpus');

/** In strict mode (CI) a missing corpus or service is a failure, never a skip. */
export const strictMode = process.env.TALENT_STRICT !== undefined && process.env.TALENT_STRICT !== '0';

export const corpusAvailable = existsSync(join(corpusDir, 'SOURCES.md'));

/**
 * `describe` for suites that need the corpus: skipped when it is absent, unless TALENT_STRICT is
 * set, in which case the suite fails with a message saying where the corpus was looked for.
 */
export function describeWithCorpus(name: string, body: () => void): void {
  if (!corpusAvailable && strictMode) {
    describe(name, () => {
      it('needs the corpus', () => {
        throw new Error(
          `corpus not found at ${corpusDir} (set TALENT_CORPUS_DIR); TALENT_STRICT forbids skipping`,
        );
      });
    });
    return;
  }
  // Skipped without the corpus, with a placeholder body rather than `body`: vitest still runs a
  // skipped suite's body to collect its tests, and many bodies read corpus files right there,
  // which would fail instead of skip.
  if (!corpusAvailable) {
    describe.skipIf(!corpusAvailable)(name, () => {
      it('needs the corpus', () => {});
    });
    return;
  }
  describe(name, body);
}

export function corpusPath(relative: string): string {
  return join(corpusDir, relative);
}

const contentTypes: Record<FormatName, string> = {
  'json-resume': 'application/json',
  'uspto-xml': 'application/xml',
  'epo-xml': 'application/xml',
  'docdb-xml': 'application/xml',
  'cnipa-xml': 'application/xml',
  'jpo-xml': 'application/xml',
  'uspto-legacy': 'application/xml',
  'uspto-greenbook': 'text/plain',
  'sec-ownership-xml': 'application/xml',
  'sec-form-xml': 'application/xml',
  'sec-filing-html': 'text/html',
  'edgar-submission': 'text/plain',
  'profile-html': 'text/html',
  'zh-resume-text': 'text/plain',
  'openalex-json': 'application/json',
  'crossref-json': 'application/json',
  'crossref-xml': 'application/xml',
  'orcid-xml': 'application/xml',
  'orcid-json': 'application/json',
  'semantic-scholar-json': 'application/json',
};

/** An envelope around bytes, as the file ingest would make it. */
export function envelopeOf(
  body: Buffer | string,
  format: FormatName,
  file = `/fixtures/${format}`,
): RecordEnvelope {
  return createEnvelope({
    sourceKind: sourceKindOfFormat[format],
    format,
    origin: { file },
    body: typeof body === 'string' ? Buffer.from(body) : body,
    contentType: contentTypes[format],
    fetchedAt: new Date('2026-01-01T00:00:00Z'),
  });
}

/** An envelope around a corpus file, read in place. */
export function corpusEnvelope(relative: string, format: FormatName): RecordEnvelope {
  const file = corpusPath(relative);
  return envelopeOf(readFileSync(file), format, file);
}
