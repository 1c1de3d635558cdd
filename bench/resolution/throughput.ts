/**
 * Throughput of the pure resolver on a large synthetic population: mentions are generated
 * directly (no documents, no parsing), reduced with `toResolvable` (timed apart), then resolved
 * in one call of `resolveMentions` (blocking keys, connected parts, scoring, clustering). Names
 * follow long-tailed distributions so blocks have realistic sizes: Western family names Zipf-like
 * over ~20,000 names, given names over ~2,000; Chinese surnames over the 56 most common with their
 * skew, given names from one or two common characters (so 王伟-style collisions are frequent).
 */
import { pathToFileURL } from 'node:url';
import { cities, westernFamily, westernGiven, zhGivenChars, zhSurnames } from '../../synthetic/name-data.js';
import { Rng } from '../../synthetic/prng.js';
import type { Evidence, PersonMention, RawPatent } from '../../processors/model/mention.js';
import { blockingKeys, isNameKey } from '../../processors/resolve/blocking-keys.js';
import { connectedParts, resolveMentions, type ResolveOptions } from '../../processors/resolve/cluster.js';
import { toResolvable, type ResolvableMention } from '../../processors/resolve/resolvable.js';
import { pairCounts, percentile, scoresOf } from './metrics.js';
import { FIELDS, LongTail, syntheticWords } from './population-draws.js';

interface Person {
  id: number;
  chinese: boolean;
  han?: string;
  given: string;
  family: string;
  org: number;
  city: number;
  field: string;
  year: number;
  email?: string;
  cik?: string;
}

export interface ThroughputResult {
  mentions: number;
  people: number;
  /** Reducing parsed mentions to resolvable facts (`toResolvable`), per second. */
  featuresPerSecond: number;
  /** `resolveMentions` alone (blocking + connected parts + scoring + clustering), mentions per second. */
  resolvedPerSecond: number;
  resolveSeconds: number;
  clusters: number;
  /** Connected parts of the key graph: what the ingest loads for a new mention. */
  parts: { count: number; max: number; p99: number; mean: number };
  /** Candidate blocks: mentions sharing one `name:<block>|<anchor>` key. */
  candidateBlocks: { count: number; max: number; p99: number; over50: number };
  /** Pairwise quality against the generated truth (synthetic, no hard variants: an indication only). */
  quality: { precision: number; recall: number; f1: number };
  heapUsedMb: number;
}

/** Generates `count` mentions (about), resolves them, and reports rates and block statistics. */
export function measureThroughput(count: number, seed = 11, options: ResolveOptions = {}): ThroughputResult {
  const rng = new Rng(seed);
  const families = syntheticWords(20_000, seed + 1, westernFamily);
  const givens = syntheticWords(2_000, seed + 2, westernGiven);
  const familyTail = new LongTail(families.length, 10);
  const givenTail = new LongTail(givens.length, 5);
  const surnameTail = new LongTail(zhSurnames.length, 3);
  const charTail = new LongTail(zhGivenChars.length, 5);
  const orgCount = Math.max(1_000, Math.round(count / 20));
  const orgTail = new LongTail(orgCount, 20);
  const orgName = (i: number): string =>
    `${families[(i * 7919) % families.length] ?? 'Acme'} ${['Technologies', 'Systems', 'Materials', 'Devices', 'Photonics'][i % 5]} Inc.`;
  const members = new Map<number, string[]>(); // recent inventors per organisation, for co-inventors

  const resolvable: ResolvableMention[] = [];
  const truth: string[] = [];
  let featureNanos = 0n;
  let people = 0;
  let seq = 0;
  const evidence = (sourceId: string): Evidence => ({ sourceId, path: 'bench' });

  while (resolvable.length < count) {
    const chinese = rng.chance(0.4);
    const p: Person = {
      id: people++,
      chinese,
      given: '',
      family: '',
      org: orgTail.draw(rng),
      city: rng.int(0, cities.length - 1),
      field: FIELDS[rng.int(0, FIELDS.length - 1)] as string,
      year: rng.int(2000, 2024),
    };
    if (chinese) {
      const [fh, fp] = zhSurnames[surnameTail.draw(rng)] as readonly [string, string];
      const chars = Array.from(
        { length: rng.chance(0.7) ? 2 : 1 },
        () => zhGivenChars[charTail.draw(rng)] as readonly [string, string],
      );
      p.han = `${fh}${chars.map(([h]) => h).join('')}`;
      p.given = chars.map(([, py]) => py).join('');
      p.given = p.given.charAt(0).toUpperCase() + p.given.slice(1);
      p.family = fp;
    } else {
      p.given = givens[givenTail.draw(rng)] as string;
      p.family = families[familyTail.draw(rng)] as string;
    }
    if (rng.chance(0.3)) p.email = `${p.given}.${p.family}.${p.id}@mail${p.org}.example.net`.toLowerCase();
    if (rng.chance(0.05)) p.cik = String(1_000_000 + p.id);
    const latin = `${p.given} ${p.family}`;
    const org = orgName(p.org);
    const city = cities[p.city] as (typeof cities)[number];
    const mentions = 1 + Math.min(5, Math.floor(-Math.log(1 - rng.next()) * 1.2));
    for (let k = 0; k < mentions && resolvable.length < count; k++) {
      const sourceId = `synthetic:${++seq}`;
      const kind = p.cik && rng.chance(0.5) ? 'filing' : rng.chance(0.5) ? 'patent' : 'resume';
      const mention: PersonMention = {
        mentionId: `${sourceId}#0`,
        sourceId,
        sourceKind: kind === 'patent' ? 'patent' : kind === 'filing' ? 'filing' : 'resume',
        format:
          kind === 'patent'
            ? 'uspto-xml'
            : kind === 'filing'
              ? 'sec-ownership-xml'
              : p.han
                ? 'zh-resume-text'
                : 'json-resume',
        role: kind === 'patent' ? 'inventor' : kind === 'filing' ? 'officer' : 'resume-subject',
        name: {
          full:
            kind === 'resume' && p.han
              ? p.han
              : kind === 'filing'
                ? `${p.family.toUpperCase()} ${p.given.toUpperCase()}`
                : latin,
          ...(kind === 'filing' ? { order: 'surname-first' as const } : {}),
        },
        location: { city: city.en, country: city.country },
        affiliations: [{ organization: org, startDate: `${p.year + k}-01`, evidence: evidence(sourceId) }],
        education: [],
        professionalTitles: [],
        skills: [],
        patents: [],
        filingRoles: [],
        evidence: [evidence(sourceId)],
      };
      if (p.email && kind === 'resume') mention.emails = [p.email];
      if (p.cik && kind === 'filing') mention.secCik = p.cik;
      if (kind === 'patent') {
        const colleagues = members.get(p.org) ?? [];
        const patent: RawPatent = {
          number: String(20_000_000 + seq),
          country: 'US',
          docType: 'grant',
          title: 'Device',
          publicationDate: `${p.year + k}-06-01`,
          cpc: [`${p.field} 1/00`],
          ipc: [],
          assignees: [org],
          applicants: [],
          inventors: [latin, ...colleagues.slice(-2)],
        };
        mention.patents.push(patent);
        colleagues.push(latin);
        if (colleagues.length > 8) colleagues.shift();
        members.set(p.org, colleagues);
      }
      const started = process.hrtime.bigint();
      resolvable.push(toResolvable(mention));
      featureNanos += process.hrtime.bigint() - started;
      truth.push(`p${p.id}`);
    }
  }

  // Block statistics (not timed).
  const blockSizes = new Map<string, number>();
  for (const m of resolvable)
    for (const k of blockingKeys(m)) if (isNameKey(k)) blockSizes.set(k, (blockSizes.get(k) ?? 0) + 1);
  const blocks = [...blockSizes.values()].sort((a, b) => a - b);

  const started = process.hrtime.bigint();
  const clusters = resolveMentions(resolvable, options);
  const resolveSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const parts = connectedParts(resolvable)
    .map((p) => p.length)
    .sort((a, b) => a - b);
  const owner = new Map<string, string>();
  for (const c of clusters) for (const id of c.mentionIds) owner.set(id, c.mentionIds[0] as string);
  const predicted = resolvable.map((m) => owner.get(m.id) as string);
  const q = scoresOf(pairCounts(predicted, truth));
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    mentions: resolvable.length,
    people,
    featuresPerSecond: Math.round(resolvable.length / (Number(featureNanos) / 1e9)),
    resolvedPerSecond: Math.round(resolvable.length / resolveSeconds),
    resolveSeconds: round(resolveSeconds),
    clusters: clusters.length,
    parts: {
      count: parts.length,
      max: parts[parts.length - 1] ?? 0,
      p99: percentile(parts, 0.99),
      mean: round(parts.reduce((s, x) => s + x, 0) / Math.max(1, parts.length)),
    },
    /** Candidate blocks: a name block joined with an anchor (blocking-keys.ts). */
    candidateBlocks: {
      count: blocks.length,
      max: blocks[blocks.length - 1] ?? 0,
      p99: percentile(blocks, 0.99),
      over50: blocks.filter((b) => b > 50).length,
    },
    quality: { precision: q.precision, recall: q.recall, f1: q.f1 },
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

// Run directly (the evaluation starts it in its own process with a heap large enough for 1M
// mentions): `node --import tsx bench/resolution/throughput.ts <mentions>` prints the result as JSON.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.log(JSON.stringify(measureThroughput(Number(process.argv[2] ?? 1_000_000))));
