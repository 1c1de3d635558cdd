/**
 * Structure-aware mutations for the fuzzing campaign. Every mutation is a pure function of its
 * input and a seeded random source, so input `i` of a run can be regenerated from the run's seed
 * alone (a hang or crash is reproduced without having kept the bytes).
 */

import { mutateArchive } from './archive-mutators.js';

/** A small, fast, seedable PRNG (mulberry32). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * Math.max(1, n));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** FNV-1a of a string, to derive per-input seeds from (run seed, format, index). */
export function hashSeed(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The mutation families; each format names the ones that fit its structure. */
export type Family = 'markup' | 'json' | 'jsonl' | 'text' | 'bytes';

type Mutation = (text: string, rng: Random, other: string) => string;

const STRANGE_TEXT = [
  '\u0000',
  '\ufffd',
  '\ud800',
  '\u202e',
  '\u200b',
  '\uffff',
  '\r',
  '\r\n',
  '\t',
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '&#0;',
  '&#x110000;',
  '&amp;amp;',
  '&nosuch;',
  '%',
  '\\',
  '张伟',
  '先生，男，',
  '1999年1月－',
  '任董事、总经理',
  'Ph.D.',
  'Mr. ',
  '@example.com',
];

function spot(text: string, rng: Random): number {
  return rng.int(text.length + 1);
}

function range(text: string, rng: Random, maxLength = 256): [number, number] {
  const start = rng.int(text.length + 1);
  return [start, Math.min(text.length, start + 1 + rng.int(maxLength))];
}

/** Byte-ish edits every family gets. */
const generic: Mutation[] = [
  (t, r) => {
    const [a, b] = range(t, r);
    return t.slice(0, a) + t.slice(b);
  },
  (t, r) => {
    const [a, b] = range(t, r);
    const copies = 1 + r.int(r.chance(0.2) ? 200 : 4);
    return t.slice(0, b) + t.slice(a, b).repeat(copies) + t.slice(b);
  },
  (t, r) => {
    const at = spot(t, r);
    return t.slice(0, at) + r.pick(STRANGE_TEXT) + t.slice(at);
  },
  (t, r) => t.slice(0, r.int(t.length + 1)),
  (t, r) => {
    const at = r.int(t.length);
    return t.slice(0, at) + String.fromCharCode(r.int(0x3000)) + t.slice(at + 1);
  },
  // Splice: the head of this document with the tail of another of the same format.
  (t, r, other) => t.slice(0, spot(t, r)) + other.slice(spot(other, r)),
];

const TAG = /<\/?[A-Za-z][^<>]{0,120}>/g;

function tagsOf(text: string, limit = 400): Array<{ at: number; tag: string }> {
  const out: Array<{ at: number; tag: string }> = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null && out.length < limit; m = TAG.exec(text))
    out.push({ at: m.index, tag: m[0] });
  return out;
}

const markup: Mutation[] = [
  // Deep nesting: one open tag repeated many times.
  (t, r) => {
    const tags = tagsOf(t).filter((x) => !x.tag.startsWith('</'));
    if (tags.length === 0) return t;
    const { at, tag } = r.pick(tags);
    return t.slice(0, at) + tag.repeat(1 + r.int(r.chance(0.3) ? 5000 : 50)) + t.slice(at);
  },
  // A closing tag dropped or duplicated.
  (t, r) => {
    const tags = tagsOf(t).filter((x) => x.tag.startsWith('</'));
    if (tags.length === 0) return t;
    const { at, tag } = r.pick(tags);
    return r.chance(0.5)
      ? t.slice(0, at) + t.slice(at + tag.length)
      : t.slice(0, at) + tag.repeat(2 + r.int(100)) + t.slice(at);
  },
  // An element range repeated (long runs of siblings).
  (t, r) => {
    const tags = tagsOf(t);
    if (tags.length < 2) return t;
    const i = r.int(tags.length - 1);
    const a = tags[i]?.at ?? 0;
    const b = tags[Math.min(tags.length - 1, i + 1 + r.int(6))]?.at ?? t.length;
    return t.slice(0, b) + t.slice(a, b).repeat(1 + r.int(r.chance(0.2) ? 300 : 10)) + t.slice(b);
  },
  // Two tags swapped (improper nesting).
  (t, r) => {
    const tags = tagsOf(t);
    if (tags.length < 2) return t;
    const x = r.pick(tags);
    const y = r.pick(tags);
    if (x.at === y.at) return t;
    const [p, q] = x.at < y.at ? [x, y] : [y, x];
    return (
      t.slice(0, p.at) + q.tag + t.slice(p.at + p.tag.length, q.at) + p.tag + t.slice(q.at + q.tag.length)
    );
  },
  // Constructs the parsers must refuse or survive.
  (t, r) => {
    const at = spot(t, r);
    const bits = [
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
      '<![CDATA[',
      '<!--',
      '<?xml version="1.0" encoding="gbk"?>',
      '<meta charset="big5">',
      '<script>',
      '<table><tr><td colspan="99999">',
      '<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">',
      '<script type="application/ld+json">{"@type":"Person","name":',
      '<a href="javascript:x">',
      '<br/>'.repeat(50),
      '<b>',
      '<li>',
    ];
    return t.slice(0, at) + r.pick(bits) + t.slice(at);
  },
  // An attribute made huge or broken.
  (t, r) => {
    const at = t.indexOf('=', spot(t, r));
    if (at < 0) return t;
    return `${t.slice(0, at + 1)}"${'x'.repeat(r.int(20_000))}${r.chance(0.5) ? '"' : ''}${t.slice(at + 1)}`;
  },
];

function nestedArray(depth: number): unknown[] {
  let out: unknown[] = [1];
  for (let d = 1; d < depth; d++) out = [out];
  return out;
}

/** Mutates a parsed JSON value in place at a random path; returns the new root. */
function mutateJsonValue(value: unknown, rng: Random, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object' || rng.chance(0.25)) {
    const replacements: unknown[] = [
      null,
      0,
      -1e308,
      '',
      '张伟',
      'x'.repeat(rng.int(5000)),
      [],
      {},
      true,
      [value, value],
      { name: value },
      nestedArray(1 + rng.int(2000)),
    ];
    return rng.pick(replacements);
  }
  if (Array.isArray(value)) {
    if (value.length === 0 || rng.chance(0.2)) {
      const copies = rng.chance(0.3) ? 2000 : 3;
      return value.concat(Array.from({ length: copies }, () => value[0] ?? null));
    }
    const i = rng.int(value.length);
    value[i] = mutateJsonValue(value[i], rng, depth + 1);
    if (rng.chance(0.1)) value.splice(i, 1);
    return value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 0) return { basics: { name: 'Jane Doe' } };
  const key = rng.pick(keys);
  if (rng.chance(0.1)) delete obj[key];
  else obj[key] = mutateJsonValue(obj[key], rng, depth + 1);
  return obj;
}

const json: Mutation[] = [
  (t, r) => {
    try {
      return JSON.stringify(mutateJsonValue(JSON.parse(t), r), null, r.chance(0.5) ? 2 : undefined);
    } catch {
      return t;
    }
  },
  (t, r) => {
    const at = spot(t, r);
    return (
      t.slice(0, at) + r.pick(['[', ']', '{', '}', ',', '"', ':', '\\u', '\\', 'NaN', '1e999']) + t.slice(at)
    );
  },
  (t, r) => {
    const at = spot(t, r);
    const n = 1 + r.int(r.chance(0.3) ? 5000 : 40);
    return `${t.slice(0, at)}${'['.repeat(n)}1${']'.repeat(n)}${t.slice(at)}`;
  },
];

const jsonl: Mutation[] = [
  (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    const line = lines[i] ?? '';
    lines[i] = json[r.int(json.length)]?.(line, r, line) ?? line;
    return lines.join('\n');
  },
  (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    lines.splice(i, 0, r.pick(['', ' ', '{', 'null', '[]', '"x"', '{"a":1}', '\r']));
    return lines.join(r.chance(0.2) ? '\r\n' : '\n');
  },
];

const text: Mutation[] = [
  (t) => t.replace(/\n/g, ''),
  (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    lines.splice(i, 0, ...Array.from({ length: 1 + r.int(r.chance(0.2) ? 500 : 5) }, () => lines[i] ?? ''));
    return lines.join('\n');
  },
  (t, r) => {
    const at = spot(t, r);
    const cue = r.pick(['，', '。', '；', '年', '月', '任', '先生', '女士', '博士', '教授', '（', '）', ' ']);
    return t.slice(0, at) + cue.repeat(1 + r.int(r.chance(0.2) ? 20_000 : 30)) + t.slice(at);
  },
];

const families: Record<Family, Mutation[]> = {
  markup: [...generic, ...markup, ...markup],
  json: [...generic, ...json, ...json],
  jsonl: [...generic, ...jsonl, ...json],
  text: [...generic, ...text, ...text],
  bytes: generic,
};

/**
 * One mutated input: one to four mutations of `seed` (splicing with `other`), capped at
 * `maxChars` so the campaign's cost per input stays bounded.
 */
export function mutate(seed: string, other: string, family: Family, rng: Random, maxChars: number): string {
  const mutations = families[family];
  let out = seed;
  // Mostly one mutation: several at once rarely leave a document any parser still reads.
  const rounds = rng.chance(0.7) ? 1 : 2 + rng.int(2);
  for (let k = 0; k < rounds; k++) {
    out = rng.pick(mutations)(out, rng, other);
    if (out.length > maxChars) out = out.slice(0, maxChars);
  }
  return out;
}

/** Byte-level mutation of binary containers (archives): flips, truncation, header damage, splices. */
export function mutateBytes(seed: Buffer, other: Buffer, rng: Random): Buffer {
  // Half the inputs edit the containers' own fields (sizes, flags, headers), half flip bytes blindly.
  const structured = rng.chance(0.5) ? mutateArchive(seed, other, rng) : undefined;
  if (structured !== undefined) return structured;
  const out = Buffer.from(seed);
  switch (rng.int(6)) {
    case 0:
      return out.subarray(0, rng.int(out.length + 1));
    case 1: {
      for (let k = 0, n = 1 + rng.int(16); k < n; k++) out[rng.int(out.length)] = rng.int(256);
      return out;
    }
    case 2: {
      // Header damage: the first 64 bytes (sizes, counts, method) are where the containers' limits live.
      for (let k = 0, n = 1 + rng.int(4); k < n; k++)
        out[rng.int(Math.min(64, out.length))] = rng.pick([0, 0xff, 0x7f, rng.int(256)]);
      return out;
    }
    case 3: {
      // The tail (zip central directory, gzip trailer) damaged.
      for (let k = 0, n = 1 + rng.int(8); k < n; k++)
        out[Math.max(0, out.length - 1 - rng.int(64))] = rng.int(256);
      return out;
    }
    case 4:
      return Buffer.concat([out.subarray(0, rng.int(out.length)), other.subarray(rng.int(other.length))]);
    default: {
      const at = rng.int(out.length);
      const len = 1 + rng.int(512);
      return Buffer.concat([out.subarray(0, at + len), out.subarray(at, at + len), out.subarray(at + len)]);
    }
  }
}
