/**
 * What the content masking (lib/contact-text.ts) takes out of the real corpus, to judge its false
 * positives: every text file under the corpus directory is scanned line by line, and each match is
 * counted by kind and classed by a second, independent look at the matched text:
 *
 * - `contact`: it holds what only a contact holds (an @ or an obfuscated at, a phone label, a
 *   Chinese mobile or landline prefix, a + country code, an address label or a street word);
 * - `review`: anything else — the candidates for a false positive (a patent or publication number,
 *   a date, an amount, an identifier), listed with their context for a person to judge.
 *
 * Run: npx tsx bench/contact-masking.ts [corpus dir] (default ../shared/corpus); writes
 * bench/results/contact-masking.json. The corpus holds personal data: the results keep counts and
 * the shapes of the `review` matches only; `context` is printed with --show for a local review.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { contactMatches } from '../lib/contact-text.js';

const TEXT_FILES = /\.(xml|json|jsonl|html?|txt|csv|tsv|md)$/i;

const CONTACT_SIGNS: RegExp[] = [
  /[@＠]|\(at\)|\[at\]|\bat\b.*\bdot\b|#[a-z0-9-]+\./i,
  /^\+\d/,
  /(^|\D)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(\D|$)/,
  /^[(（]?0\d{2,3}[)）\s-]/,
  /\(\d{3}\)\s?\d{3}[\s.-]\d{4}/,
  /^\d{3}[\s.-]\d{3}[\s.-]\d{4}$/,
  /电话|手机|传真|邮箱|邮件|地址|住址|邮编|tel|phone|mobile|fax|e-?mail|address|qq/i,
  /路|街|大道|巷|弄|胡同|street|avenue|road|boulevard|lane|box|suite|\bst\b|\bave\b|\brd\b/i,
  /出生|生于|born|birth|dob/i,
];

interface Match {
  file: string;
  kind: string;
  text: string;
  context: string;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT_FILES.test(name)) yield path;
  }
}

const corpus = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '../shared/corpus');
let bytes = 0;
let lines = 0;
const scanned: string[] = [];
const all: Match[] = [];
for (const file of files(corpus)) {
  const content = readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(content);
  scanned.push(file);
  for (const line of content.split('\n')) {
    lines++;
    for (const m of contactMatches(line)) {
      const i = line.indexOf(m.text);
      all.push({
        file: relative(corpus, file),
        kind: m.kind,
        text: m.text,
        context: line.slice(Math.max(0, i - 40), i + m.text.length + 40),
      });
    }
  }
}

const review = all.filter((m) => !CONTACT_SIGNS.some((s) => s.test(m.text)));
const byKind = (ms: Match[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const m of ms) out[m.kind] = (out[m.kind] ?? 0) + 1;
  return out;
};
const result = {
  corpus: 'the real corpus (../shared/corpus), text files',
  files: scanned.length,
  megabytes: Number((bytes / 1e6).toFixed(1)),
  lines,
  masked: all.length,
  maskedByKind: byKind(all),
  withContactSigns: all.length - review.length,
  toReview: review.length,
  toReviewByKind: byKind(review),
  // The matches without a contact sign, for a person to judge, by shape only (digits as 9,
  // letters as a) and corpus folder: the corpus holds personal data, the repository does not.
  review: review.slice(0, 200).map((m) => ({
    folder: m.file.split('/')[0],
    kind: m.kind,
    shape: m.text.replace(/\d/g, '9').replace(/\p{L}/gu, 'a'),
  })),
};
writeFileSync('bench/results/contact-masking.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ ...result, review: undefined }, null, 2));
if (process.argv.includes('--show')) for (const m of all) console.log(`${m.kind}\t${m.file}\t${m.context}`);
