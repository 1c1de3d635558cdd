import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatName } from '../lib/envelope.js';

/** Which corpus folders hold which format, and the bare tokenizer each format's cost is compared with. */
export interface FormatSample {
  format: FormatName;
  /** Files of the format (corpus first, bundled examples as a fallback). */
  files: string[];
  baseline: 'saxes' | 'htmlparser2' | 'json' | 'segmenter';
}

const CORPUS_FOLDERS: Array<[FormatName, string[], FormatSample['baseline'], RegExp]> = [
  ['uspto-xml', ['uspto-grant', 'uspto-application'], 'saxes', /\.xml$/i],
  ['sec-ownership-xml', ['sec-ownership'], 'saxes', /\.xml$/i],
  ['edgar-submission', ['sec-filings'], 'htmlparser2', /submission.*\.txt$/i],
  ['sec-filing-html', ['sec-filings'], 'htmlparser2', /8-K.*\.html?$|DEF14A.*\.html?$/i],
  ['json-resume', ['resumes-json'], 'json', /\.json$/i],
  ['profile-html', ['html-profiles'], 'htmlparser2', /\.html?$/i],
  ['zh-resume-text', ['resumes-zh'], 'segmenter', /sentences\.txt$/i],
];

function listFiles(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile() && pattern.test(path))
      .sort();
  } catch {
    return [];
  }
}

export function formatSamples(corpusDir: string): FormatSample[] {
  return CORPUS_FOLDERS.map(([format, folders, baseline, pattern]) => ({
    format,
    baseline,
    files: folders.flatMap((folder) => listFiles(join(corpusDir, folder), pattern)),
  }));
}

export function readAll(files: string[]): Buffer[] {
  return files.map((file) => readFileSync(file));
}
