import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEnvelope } from '../lib/envelope.js';
import { defaultParseLimits } from '../processors/parser.js';
import { parseProfile, type ProfileReadOptions } from '../processors/profile-page/profile-html-parser.js';

/**
 * Affiliation recall of the profile-page parser: of the people it finds on each page, the share
 * that come with at least one affiliation, for page subjects (the homepage's owner) and for all
 * people. Measured with and without the address-block reader, on the real pages of the corpus
 * (`html-profiles/`) and on made-up homepages whose only affiliation is an address block
 * (`test/fixtures/profile-address/`). Output: bench/results/profile-affiliations.json.
 */

interface Recall {
  pages: number;
  subjects: number;
  subjectsWithAffiliation: number;
  subjectRecall: number;
  people: number;
  peopleWithAffiliation: number;
  peopleRecall: number;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 1000) / 1000;
}

export function affiliationRecall(files: readonly string[], options: ProfileReadOptions): Recall {
  let subjects = 0;
  let subjectsWith = 0;
  let people = 0;
  let peopleWith = 0;
  for (const file of files) {
    const envelope = createEnvelope({
      sourceKind: 'profile-page',
      format: 'profile-html',
      origin: { file },
      body: readFileSync(file),
      contentType: 'text/html',
    });
    const outcome = parseProfile(envelope, defaultParseLimits, undefined, options);
    if (outcome.status !== 'parsed') continue;
    for (const m of outcome.mentions) {
      const has = m.affiliations.length > 0;
      people++;
      if (has) peopleWith++;
      if (m.role === 'profile-subject') {
        subjects++;
        if (has) subjectsWith++;
      }
    }
  }
  return {
    pages: files.length,
    subjects,
    subjectsWithAffiliation: subjectsWith,
    subjectRecall: ratio(subjectsWith, subjects),
    people,
    peopleWithAffiliation: peopleWith,
    peopleRecall: ratio(peopleWith, people),
  };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.html?$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** CLI: `npx tsx bench/profile-affiliations.ts`, run from the repository root. */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.cwd();
  const corpus = process.env.TALENT_CORPUS_DIR ?? resolve(root, '../shared/corpus');
  const sets = {
    corpus: htmlFiles(resolve(corpus, 'html-profiles')),
    addressBlockPages: htmlFiles(resolve(root, 'test/fixtures/profile-address')),
  };
  const result = Object.fromEntries(
    Object.entries(sets).map(([name, files]) => [
      name,
      {
        before: affiliationRecall(files, { addressBlock: false }),
        after: affiliationRecall(files, {}),
      },
    ]),
  );
  const outDir = resolve(root, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync(resolve(outDir, 'profile-affiliations.json'), `${json}\n`);
  console.log(json);
}
