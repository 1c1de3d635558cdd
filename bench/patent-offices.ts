import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Parser as HtmlParser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { readInputs } from '../ingest/files/read-inputs.js';
import type { FormatName, RecordEnvelope } from '../lib/envelope.js';
import type { PersonMention } from '../processors/model/mention.js';
import { defaultParseLimits } from '../processors/parser.js';
import { processRecord } from '../processors/pipeline.js';

/**
 * Field-level precision and recall of the patent offices' parsers (EPO, DOCDB, CNIPA, JPO, USPTO
 * legacy and Green Book) against the values the real samples themselves hold, read here by plain
 * pattern matching over the raw text (an extraction that shares no code with the parsers), and
 * their speed against the bare tokenizer over the same bytes. Fields: inventors (a name counts
 * when its words match the sample's name element for that inventor, in any order), the
 * inventors' countries, the applicants/proprietors, the publication number and the IPC symbols.
 * Agents, representatives, examiners and cited names extracted as inventors lower the precision.
 * Output: bench/results/patent-offices.json. `npx tsx bench/patent-offices.ts`.
 */

const corpusDir = process.env.TALENT_CORPUS_DIR ?? resolve(import.meta.dirname, '../../shared/corpus');
const minSeconds = Number(process.env.TALENT_BENCH_SECONDS ?? 1);

interface Truth {
  inventors: string[];
  countries: string[];
  applicants: string[];
  number: string;
  ipc: string[];
}

const all = (text: string, re: RegExp): string[] => [...text.matchAll(re)].map((m) => (m[1] ?? '').trim());
const strip = (s: string): string =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
const ipcOf = (s: string): string => {
  const m = /([A-H])\s*(\d\d)\s*([A-Z])\s*0*(\d+)\s*\/\s*(\d+)/.exec(s);
  if (m !== null) return `${m[1]}${m[2]}${m[3]} ${m[4]}/${m[5]}`;
  // Without a slash (USPTO "G06F 1516", Green Book "B60R  900") the layout is fixed-width: the
  // subclass, the main group right-aligned in three positions, then the subgroup.
  const fixed = /([A-H]\d\d[A-Z])([ \d]{3})(\d{2,})/.exec(s);
  if (fixed !== null) return `${fixed[1]} ${Number(fixed[2])}/${fixed[3]}`;
  return /([A-H]\d\d[A-Z])/.exec(s)?.[1] ?? '';
};

/** Each format's own values, read from the raw text. */
const truths: Record<string, (t: string) => Truth> = {
  'epo-xml': (t) => ({
    inventors: all(t, /<B721>\s*<snm>([^<]*)<\/snm>/g),
    countries: all(t, /<B721>[\s\S]*?<ctry>([A-Z]{2})<\/ctry>/g),
    applicants: all(t, /<B7[13]1>\s*<snm>([^<]*)<\/snm>/g).map(strip),
    number: all(t, /<B110>([^<]*)<\/B110>/g)[0] ?? '',
    ipc: [...all(t, /<classification-ipcr[^>]*><text>([^<]*)/g), ...all(t, /<B51[12]>([^<]*)/g)].map(ipcOf),
  }),
  'docdb-xml': (t) => ({
    inventors: all(
      t,
      /<exch:inventor [^>]*data-format="docdb"[^>]*>\s*<exch:inventor-name>\s*<name>([^<]*)/g,
    ),
    countries: all(
      t,
      /<exch:inventor [^>]*data-format="docdb"[\s\S]*?<\/exch:inventor-name>\s*<residence>\s*<country>([A-Z]{2})/g,
    ),
    applicants: all(
      t,
      /<exch:applicant [^>]*data-format="docdba"[^>]*>\s*<exch:applicant-name>\s*<name>([^<]*)/g,
    ).map(strip),
    number:
      all(t, /data-format="docdb"><document-id[^>]*><country>[A-Z]+<\/country><doc-number>([^<]*)/g)[0] ?? '',
    ipc: all(t, /<classification-ipcr[^>]*><text>([^<]*)/g).map(ipcOf),
  }),
  'cnipa-xml': (t) => ({
    inventors: [
      ...all(t, /<business:Inventor [^>]*>\s*<base:AddressBook[^>]*>\s*<base:Name>([^<]*)/g),
      ...all(t, /<cn-inventor[^>]*>\s*<name>([^<]*)/g),
    ],
    countries: [],
    applicants: [
      ...all(t, /<business:Applicant [^>]*>\s*<base:AddressBook[^>]*>\s*<base:Name>([^<]*)/g),
      ...all(t, /<cn-applicant[^>]*>\s*<addressbook[^>]*>\s*<name>([^<]*)/g),
    ],
    number: all(t, /<(?:base:DocNumber|doc-number)>(\d{9})<\//g)[0] ?? '',
    ipc: [
      ...all(t, /<base:Text>([A-H]\d\d[A-Z][^<]*)/g),
      ...all(t, /<classification-ipcr>\s*<text>([^<]*)/g),
    ].map(ipcOf),
  }),
  'jpo-xml': (t) => ({
    inventors: all(t, /<inventor sequence[^>]*>\s*<addressbook>\s*<name>([^<]*)/g),
    countries: [],
    applicants: all(t, /<applicant sequence[^>]*>\s*<addressbook[^>]*>\s*<name>([^<]*)/g),
    number:
      all(t, /<publication-reference>\s*<document-id>\s*<country>JP<\/country>\s*<doc-number>([^<]*)/g)[0] ??
      '',
    ipc: all(t, /<(?:main|further)-clsf>([^<]*)/g).map(ipcOf),
  }),
  'uspto-legacy': (t) => ({
    inventors: [
      ...all(t, /<B721>([\s\S]*?)<\/B721>/g).map((b) => strip(b.replace(/<ADR>[\s\S]*<\/ADR>/, ''))),
      ...all(t, /<(?:first-named-inventor|inventor)>\s*<name>([\s\S]*?)<\/name>/g).map(strip),
    ],
    countries: [],
    applicants: [
      ...all(t, /<B731>[\s\S]*?<ONM>([\s\S]*?)<\/ONM>/g),
      ...all(t, /<assignee>[\s\S]*?<organization-name>([^<]*)/g),
    ].map(strip),
    number: strip(
      all(t, /<B110>([\s\S]*?)<\/B110>/g)[0] ?? all(t, /<document-id>\s*<doc-number>([^<]*)/g)[0] ?? '',
    ),
    ipc: [...all(t, /<B51[12]><PDAT>([^<]*)/g), ...all(t, /<ipc>([^<]*)<\/ipc>/g)].map(ipcOf),
  }),
  'uspto-greenbook': (t) => ({
    inventors: all(t, /\nINVT\r?\nNAM {2}([^\n]*)/g).map((n) => n.replace(';', ' ')),
    countries: [],
    applicants: all(t, /\nASSG\r?\nNAM {2}([^\n]*)/g),
    number: (all(t, /\nWKU {2}(\S+)/g)[0] ?? '').slice(0, -1).replace(/^0+/, ''),
    ipc: all(t, /\nICL {2}([^\n]*)/g).map(ipcOf),
  }),
};

const FOLDERS: Array<[FormatName, string, RegExp, 'saxes' | 'htmlparser2' | 'lines']> = [
  ['epo-xml', 'patents-epo', /\.xml$/i, 'saxes'],
  ['docdb-xml', 'patents-docdb', /\.xml$/i, 'saxes'],
  ['cnipa-xml', 'patents-cnipa', /^cnipa.*\.xml$/i, 'saxes'],
  ['jpo-xml', 'patents-jpo', /\.xml$/i, 'saxes'],
  ['uspto-legacy', 'uspto-legacy', /^USPTO_(sgml|pap)|application_v1/i, 'htmlparser2'],
  ['uspto-greenbook', 'uspto-legacy', /greenbook/i, 'lines'],
];

const words = (s: string): string[] =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.,;'’()-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
const compact = (s: string): string => words(s).join('');

/** A name matches when its words are all among the sample's (titles there may be extra) and none is missing but titles. */
function nameMatches(truth: string, got: string): boolean {
  if (compact(truth) === compact(got)) return true;
  const t = words(truth);
  const g = words(got);
  return g.length >= 2 && g.every((w) => t.includes(w)) && t.length - g.length <= 3;
}

interface Score {
  truth: number;
  extracted: number;
  correct: number;
}

function score(truth: string[], got: string[], same: (a: string, b: string) => boolean): Score {
  const left = [...truth];
  let correct = 0;
  for (const g of got) {
    const i = left.findIndex((t) => same(t, g));
    if (i >= 0) {
      correct++;
      left.splice(i, 1);
    }
  }
  return { truth: truth.length, extracted: got.length, correct };
}

const eq = (a: string, b: string): boolean => compact(a) === compact(b);
const uniq = (xs: string[]): string[] => [...new Set(xs.filter((x) => x !== ''))];

function add(a: Score, b: Score): Score {
  return { truth: a.truth + b.truth, extracted: a.extracted + b.extracted, correct: a.correct + b.correct };
}

function pr(s: Score): Score & { precision: number | null; recall: number | null } {
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    ...s,
    precision: s.extracted === 0 ? null : r(s.correct / s.extracted),
    recall: s.truth === 0 ? null : r(s.correct / s.truth),
  };
}

function baseline(kind: 'saxes' | 'htmlparser2' | 'lines', text: string): void {
  if (kind === 'saxes') {
    const p = new SaxesParser();
    p.on('error', () => undefined);
    p.write(text).close();
  } else if (kind === 'htmlparser2') {
    const p = new HtmlParser({}, { xmlMode: true });
    p.write(text);
    p.end();
  } else if (text.split('\n').length < 0) throw new Error('unreachable');
}

function secondsPerRound(pass: () => void): number {
  pass();
  const times: number[] = [];
  const deadline = performance.now() + minSeconds * 1000;
  while (performance.now() < deadline || times.length < 5) {
    const t0 = performance.now();
    pass();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const results = [];
for (const [format, folder, pattern, tokenizer] of FOLDERS) {
  const dir = join(corpusDir, folder);
  const files = readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(dir, f));
  // Read as the ingest reads them: bulk files (the DOCDB exchange file) split into documents.
  const envelopes: RecordEnvelope[] = [];
  for await (const item of readInputs(files, { maxDocumentBytes: 64 << 20, format }))
    if (item.kind === 'record') envelopes.push(item.envelope);
  const bodies = envelopes.map((e) => e.body);
  const fields: Record<string, Score> = {};
  const tally = (name: string, s: Score): void => {
    fields[name] = add(fields[name] ?? { truth: 0, extracted: 0, correct: 0 }, s);
  };
  let parsed = 0;
  envelopes.forEach((envelope, i) => {
    const truth = truths[format]!((bodies[i] as Buffer).toString('utf8'));
    const outcome = processRecord(envelope, defaultParseLimits);
    const mentions: PersonMention[] = outcome.status === 'parsed' ? outcome.mentions : [];
    if (outcome.status === 'parsed') parsed++;
    const patent = mentions[0]?.patents[0];
    tally(
      'inventors',
      score(
        truth.inventors,
        mentions.map((m) => m.name.full),
        nameMatches,
      ),
    );
    if (truth.countries.length > 0)
      tally(
        'inventorCountry',
        score(
          truth.countries,
          mentions.map((m) => m.location?.country ?? ''),
          (a, b) => a === b,
        ),
      );
    tally(
      'applicants',
      score(uniq(truth.applicants), uniq([...(patent?.applicants ?? []), ...(patent?.assignees ?? [])]), eq),
    );
    tally('number', score([truth.number], patent === undefined ? [] : [patent.number], eq));
    tally(
      'ipc',
      score(uniq(truth.ipc), patent?.ipc ?? [], (a, b) => a === b),
    );
  });
  const bytes = bodies.reduce((n, b) => n + b.length, 0);
  const texts = bodies.map((b) => b.toString('utf8'));
  const base = secondsPerRound(() => texts.forEach((t) => baseline(tokenizer, t)));
  const pipe = secondsPerRound(() => envelopes.forEach((e) => processRecord(e, defaultParseLimits)));
  const round2 = (n: number): number => Math.round(n * 100) / 100;
  results.push({
    format,
    files: files.length,
    documents: envelopes.length,
    parsedDocuments: parsed,
    bytes,
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, pr(v)])),
    baselineTokenizer: tokenizer,
    baselineMBps: round2(bytes / 1e6 / base),
    pipelineMBps: round2(bytes / 1e6 / pipe),
    ratioToBaseline: round2(pipe / base),
  });
}

const out = {
  benchmark: 'patent-offices',
  date: new Date().toISOString(),
  node: process.version,
  note: 'fields: precision/recall of the parsed values against the samples own values read by pattern matching; pipelineMBps = parse + normalize (processRecord) on one core vs the bare tokenizer over the same bytes',
  formats: results,
};
const resultsDir = resolve(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'patent-offices.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
