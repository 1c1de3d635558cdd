import { Rng } from '../../synthetic/prng.js';

/**
 * The draws the generated populations of the resolution benches share (throughput.ts,
 * streaming-population.ts): long-tailed indices, made-up name words, patent classes.
 */

/** Draws index r with weight 1/(r + 1 + offset): a long tail with a head of realistic size. */
export class LongTail {
  private readonly cumulative: Float64Array;

  constructor(size: number, offset: number) {
    this.cumulative = new Float64Array(size);
    let sum = 0;
    for (let r = 0; r < size; r++) {
      sum += 1 / (r + 1 + offset);
      this.cumulative[r] = sum;
    }
  }

  draw(rng: Rng): number {
    const total = this.cumulative[this.cumulative.length - 1] as number;
    const x = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'd',
  'f',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'st',
  't',
  'v',
  'w',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou'];
const CODAS = ['', 'n', 'r', 'l', 's', 'rt', 'nd', 'ck', 'ng', 'm'];
const ENDINGS = ['', 'son', 'er', 'ing', 'ski', 'man', 'ley', 'ford', 'berg', 'ova'];

export function syntheticWords(count: number, seed: number, real: readonly string[]): string[] {
  const rng = new Rng(seed);
  const out = new Set(real);
  while (out.size < count) {
    // Up to two syllables and an ending: ~2.5 million forms, far more than are drawn.
    const syllable = (): string => `${rng.pick(ONSETS)}${rng.pick(VOWELS)}${rng.pick(CODAS)}`;
    const w = `${syllable()}${rng.chance(0.5) ? syllable() : ''}${rng.pick(ENDINGS)}`;
    out.add(w.charAt(0).toUpperCase() + w.slice(1));
  }
  return [...out];
}

export const FIELDS = [
  'H01L',
  'G06F',
  'H04L',
  'A61K',
  'B60L',
  'G02B',
  'C08L',
  'H01M',
  'F16H',
  'G01N',
  'A61B',
  'B29C',
  'C12N',
  'H02J',
  'G06N',
];

export const ORG_SUFFIXES = ['Technologies', 'Systems', 'Materials', 'Devices', 'Photonics'];
