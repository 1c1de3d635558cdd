import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawName } from '../../processors/model/mention.js';
import { nameBlockKeys } from '../../processors/resolve/blocking-keys.js';
import { nameForms } from '../../processors/resolve/name-form.js';

/**
 * Name-blocking recall on real name variants: PatentsView's hand-labelled inventor clusters
 * (`er-benchmarks-patentsview/`: Lai et al. 2011 and the PatentsView 2021 set; mention id, person
 * id, first and last name as the USPTO printed them). Each mention's name goes through the
 * resolver's name forms and name blocks (`nameBlockKeys`, the part of the blocking keys a name
 * gives; the stored keys join each block with an anchor). Blocking recall: the share of
 * same-person pairs whose names share at least one block (a pair that shares none is never
 * compared, whatever its other evidence). Cost: the pairs the blocks would compare, in total and
 * per block. Output: bench/results/patentsview-blocking.json.
 * `npx tsx bench/resolution/patentsview-blocking.ts`.
 */

const corpusDir = process.env.TALENT_CORPUS_DIR ?? resolve(import.meta.dirname, '../../../shared/corpus');

interface Row {
  mention: string;
  person: string;
  first: string;
  last: string;
}

function parseCsv(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push({
      mention: cells[0] ?? '',
      person: cells[1] ?? '',
      first: cells[2] ?? '',
      last: cells[3] ?? '',
    });
  }
  return rows;
}

/** As the USPTO parsers emit an inventor: first and last name fields, given-first. */
function rawName(r: Row): RawName {
  const given = r.first.trim();
  const family = r.last.trim();
  const name: RawName = { full: [given, family].filter((s) => s !== '').join(' '), order: 'given-first' };
  if (given !== '') name.given = given;
  if (family !== '') name.family = family;
  return name;
}

export function measure(rows: Row[]): Record<string, unknown> {
  const keys = rows.map((r) => new Set(nameForms(rawName(r)).flatMap(nameBlockKeys)));
  let samePairs = 0;
  let sameBlocked = 0;
  const missed = new Map<string, number>();
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++) {
      if (rows[i]!.person !== rows[j]!.person) continue;
      samePairs++;
      if ([...keys[i]!].some((k) => keys[j]!.has(k))) sameBlocked++;
      else {
        const pair = `${rawName(rows[i]!).full} / ${rawName(rows[j]!).full}`;
        missed.set(pair, (missed.get(pair) ?? 0) + 1);
      }
    }
  const blocks = new Map<string, number>();
  for (const set of keys) for (const k of set) blocks.set(k, (blocks.get(k) ?? 0) + 1);
  const blockPairs = [...blocks.values()].reduce((n, size) => n + (size * (size - 1)) / 2, 0);
  const allPairs = (rows.length * (rows.length - 1)) / 2;
  const r3 = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    mentions: rows.length,
    people: new Set(rows.map((r) => r.person)).size,
    samePersonPairs: samePairs,
    samePersonPairsSharingABlock: sameBlocked,
    blockingRecall: r3(samePairs === 0 ? 1 : sameBlocked / samePairs),
    blocks: blocks.size,
    candidatePairs: blockPairs,
    pairsPerBlock: r3(blockPairs / Math.max(1, blocks.size)),
    largestBlock: Math.max(0, ...blocks.values()),
    reductionRatio: r3(1 - blockPairs / Math.max(1, allPairs)),
    /** The name pairs of one person that share no block, most frequent first. */
    missed: [...missed.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([pair, n]) => `${pair} (${n})`),
  };
}

const sets: Record<string, Record<string, unknown>> = {};
for (const file of ['lai-2011-benchmark.csv', 'patentsview-2021-inventors-benchmark.csv'])
  sets[file] = measure(parseCsv(readFileSync(join(corpusDir, 'er-benchmarks-patentsview', file), 'utf8')));
const out = {
  benchmark: 'patentsview-blocking',
  date: new Date().toISOString(),
  target: 'blockingRecall >= 0.98',
  note: 'name blocks of the resolver (nameBlockKeys over every name form); candidatePairs = pairs sharing a block, counted once per block they share',
  sets,
};
const resultsDir = resolve(import.meta.dirname, '../results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'patentsview-blocking.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
