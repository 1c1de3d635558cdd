import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Industry } from '../config/industries.js';
import { buildCompanies } from './companies.js';
import { FileSink, writeSmallFile } from './file-sink.js';
import { jsonResume } from './formats/json-resume.js';
import { form4Xml } from './formats/sec-form4.js';
import { makePatent, usptoGrantXml } from './formats/uspto-grant.js';
import { zhBiography } from './formats/zh-resume.js';
import { industryKits, type IndustryKit } from './industry-kit.js';
import { buildPeople, type SynthPerson } from './people.js';
import { Rng } from './prng.js';

export const synthFormats = ['json-resume', 'uspto-xml', 'sec-ownership-xml', 'zh-resume-text'] as const;
export type SynthFormat = (typeof synthFormats)[number];

export interface GenerateOptions {
  /** Number of people. */
  count: number;
  seed: number;
  outDir: string;
  industries: readonly Industry[];
  formats?: readonly SynthFormat[];
  /** Patent grants per concatenated weekly file. */
  patentsPerFile?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Where a person appears: a file (relative to the output directory), the document inside it, the mention. */
export interface Appearance {
  format: SynthFormat;
  file: string;
  /** 0-based document index in a concatenated USPTO file. */
  document?: number;
  /** 0-based position of the person among the document's people (mentionId `…#mention`). */
  mention: number;
}

export interface FormatStats {
  files: number;
  documents: number;
  bytes: number;
}

export interface GenerateSummary {
  outDir: string;
  seed: number;
  people: number;
  files: number;
  documents: number;
  bytes: number;
  seconds: number;
  byFormat: Record<SynthFormat, FormatStats>;
}

const PATENT_EPOCH = Date.UTC(2015, 0, 6); // a Tuesday: grants are published on Tuesdays
const WEEK = 7 * 86_400_000;
const ZH_PER_FILE = 4;

/**
 * Generates a deterministic corpus: people first (identities, employers, which sources they appear
 * in), then each format's documents written straight to files, then `truth.jsonl`. Separate PRNG
 * streams for people and for each format keep a format's bytes independent of the others'.
 */
export function generateCorpus(options: GenerateOptions): GenerateSummary {
  const started = process.hrtime.bigint();
  const formats = new Set<SynthFormat>(options.formats ?? synthFormats);
  const kits = industryKits(options.industries);
  const kitOf = new Map<string, IndustryKit>(kits.map((k) => [k.id, k]));
  const rng = new Rng(options.seed);
  const perIndustry = Math.min(400, Math.max(20, Math.ceil(options.count / kits.length / 8)));
  const companies = buildCompanies(kits, perIndustry, rng);
  const people = buildPeople(options.count, kits, companies, rng);
  for (const p of people) fitToFormats(p, formats);

  const appearances = new Map<string, Appearance[]>(people.map((p) => [p.id, []]));
  const seen = (p: SynthPerson, a: Appearance): void => void appearances.get(p.id)?.push(a);
  const stats = Object.fromEntries(
    synthFormats.map((f) => [f, { files: 0, documents: 0, bytes: 0 }]),
  ) as Record<SynthFormat, FormatStats>;
  const total = people.length * 4;
  let done = 0;
  const tick = (): void => {
    done++;
    if (options.onProgress !== undefined && done % 500 === 0) options.onProgress(done, total);
  };
  mkdirSync(options.outDir, { recursive: true });

  if (formats.has('json-resume')) {
    mkdirSync(join(options.outDir, 'resumes-json'), { recursive: true });
    for (const p of people) {
      tick();
      if (p.resume !== 'json-resume') continue;
      const file = `resumes-json/${p.id}.json`;
      stats['json-resume'].bytes += writeSmallFile(join(options.outDir, file), jsonResume(p));
      stats['json-resume'].files++;
      stats['json-resume'].documents++;
      seen(p, { format: 'json-resume', file, mention: 0 });
    }
  } else done += people.length;

  if (formats.has('zh-resume-text')) {
    mkdirSync(join(options.outDir, 'resumes-zh'), { recursive: true });
    // People of one employer share a file (a company's page of executives), at most four to a file.
    const byCompany = new Map<string, SynthPerson[]>();
    for (const p of people) {
      tick();
      if (p.resume !== 'zh-resume-text') continue;
      const list = byCompany.get(p.company.key) ?? [];
      list.push(p);
      byCompany.set(p.company.key, list);
    }
    let n = 0;
    for (const list of byCompany.values())
      for (let i = 0; i < list.length; i += ZH_PER_FILE) {
        const group = list.slice(i, i + ZH_PER_FILE);
        const file = `resumes-zh/zh-resumes-${String(++n).padStart(5, '0')}.txt`;
        stats['zh-resume-text'].bytes += writeSmallFile(
          join(options.outDir, file),
          group.map(zhBiography).join(''),
        );
        stats['zh-resume-text'].files++;
        stats['zh-resume-text'].documents++;
        group.forEach((p, mention) => seen(p, { format: 'zh-resume-text', file, mention }));
      }
  } else done += people.length;

  if (formats.has('uspto-xml')) writePatents(options, people, kitOf, stats, seen, tick);
  else done += people.length;

  if (formats.has('sec-ownership-xml')) {
    mkdirSync(join(options.outDir, 'sec-ownership'), { recursive: true });
    const frng = new Rng(options.seed ^ 0x5ec4);
    let seq = 0;
    for (const p of people) {
      tick();
      for (let i = 0; i < p.form4Filings; i++) {
        const period = new Date(Date.UTC(frng.int(2019, 2025), frng.int(0, 11), frng.int(1, 28)));
        const accession = `${p.company.cik ?? '0000000000'}-${String(period.getUTCFullYear() % 100).padStart(2, '0')}-${String(++seq).padStart(6, '0')}`;
        const file = `sec-ownership/form4-${accession}.xml`;
        stats['sec-ownership-xml'].bytes += writeSmallFile(
          join(options.outDir, file),
          form4Xml(p, period, frng),
        );
        stats['sec-ownership-xml'].files++;
        stats['sec-ownership-xml'].documents++;
        seen(p, { format: 'sec-ownership-xml', file, mention: 0 });
      }
    }
  } else done += people.length;

  const truth = new FileSink(join(options.outDir, 'truth.jsonl'));
  for (const p of people) truth.write(`${JSON.stringify(truthLine(p, appearances.get(p.id) ?? []))}\n`);
  truth.close();

  const values = Object.values(stats);
  return {
    outDir: options.outDir,
    seed: options.seed,
    people: people.length,
    files: values.reduce((s, v) => s + v.files, 0) + 1,
    documents: values.reduce((s, v) => s + v.documents, 0),
    bytes: values.reduce((s, v) => s + v.bytes, 0) + truth.bytes,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    byFormat: stats,
  };
}

function writePatents(
  options: GenerateOptions,
  people: readonly SynthPerson[],
  kitOf: ReadonlyMap<string, IndustryKit>,
  stats: Record<SynthFormat, FormatStats>,
  seen: (p: SynthPerson, a: Appearance) => void,
  tick: () => void,
): void {
  mkdirSync(join(options.outDir, 'uspto'), { recursive: true });
  const prng = new Rng(options.seed ^ 0x1a7e47);
  const perFile = options.patentsPerFile ?? 1000;
  const inventorsByCompany = new Map<string, SynthPerson[]>();
  for (const p of people)
    if (p.leadPatents > 0) {
      const list = inventorsByCompany.get(p.company.key) ?? [];
      list.push(p);
      inventorsByCompany.set(p.company.key, list);
    }
  const totalPatents = people.reduce((s, p) => s + p.leadPatents, 0);
  const fileCount = Math.max(1, Math.ceil(totalPatents / perFile));
  // Spread the weekly files over about ten years, so recency varies between people.
  const weeksApart = Math.max(1, Math.floor(520 / fileCount));
  let number = 10_400_000 + prng.int(0, 99_999);
  let index = 0;
  let sink: FileSink | undefined;
  let file = '';
  for (const lead of people) {
    tick();
    const kit = kitOf.get(lead.industry);
    if (kit === undefined) continue;
    for (let k = 0; k < lead.leadPatents; k++) {
      const fileNo = Math.floor(index / perFile);
      const documentIndex = index % perFile;
      const published = new Date(PATENT_EPOCH + fileNo * weeksApart * WEEK);
      if (documentIndex === 0) {
        if (sink !== undefined) finishSink(sink, stats);
        file = `uspto/ipg${published.toISOString().slice(2, 10).replace(/-/g, '')}.synthetic.xml`;
        sink = new FileSink(join(options.outDir, file));
      }
      const colleagues = (inventorsByCompany.get(lead.company.key) ?? []).filter((c) => c !== lead);
      const co = prng.sample(
        colleagues,
        prng.weighted([
          [0, 3],
          [1, 4],
          [2, 3],
          [3, 1],
        ] as const),
      );
      number += prng.int(1, 3);
      const patent = makePatent(lead, co, kit, number, published, prng);
      sink?.write(usptoGrantXml(patent));
      stats['uspto-xml'].documents++;
      patent.inventors.forEach((p, mention) =>
        seen(p, { format: 'uspto-xml', file, document: documentIndex, mention }),
      );
      index++;
    }
  }
  if (sink !== undefined) finishSink(sink, stats);
}

function finishSink(sink: FileSink, stats: Record<SynthFormat, FormatStats>): void {
  sink.close();
  stats['uspto-xml'].files++;
  stats['uspto-xml'].bytes += sink.bytes;
}

/** Keeps every person in at least one source among the formats asked for, when the person can be in one. */
function fitToFormats(p: SynthPerson, formats: ReadonlySet<SynthFormat>): void {
  if (p.resume !== undefined && !formats.has(p.resume))
    p.resume =
      p.resume === 'json-resume' &&
      formats.has('zh-resume-text') &&
      p.company.nameZh !== undefined &&
      p.chinese
        ? 'zh-resume-text'
        : p.resume === 'zh-resume-text' && formats.has('json-resume')
          ? 'json-resume'
          : undefined;
  const inPatents = p.leadPatents > 0 && formats.has('uspto-xml');
  const inFilings = p.form4Filings > 0 && formats.has('sec-ownership-xml');
  if (p.resume !== undefined || inPatents || inFilings) return;
  if (formats.has('json-resume')) p.resume = 'json-resume';
  else if (formats.has('zh-resume-text') && p.chinese && p.company.nameZh !== undefined)
    p.resume = 'zh-resume-text';
  else if (formats.has('uspto-xml')) p.leadPatents = 1;
}

function truthLine(p: SynthPerson, appearances: Appearance[]): Record<string, unknown> {
  return {
    id: p.id,
    industry: p.industry,
    tier: p.tier,
    region: p.region,
    name: {
      latin: `${p.given} ${p.family}`,
      ...(p.han !== undefined
        ? { han: `${p.han.family}${p.han.given}`, pinyin: `${p.family} ${p.given}` }
        : {}),
    },
    gender: p.gender,
    birthYear: p.birthYear,
    email: p.email,
    employer: { en: p.company.nameEn, ...(p.company.nameZh !== undefined ? { zh: p.company.nameZh } : {}) },
    city: p.company.city.en,
    title: p.titleEn,
    ...(p.rptOwnerCik !== undefined ? { rptOwnerCik: p.rptOwnerCik } : {}),
    appearances,
  };
}
