import { timeRounds } from './time-rounds.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { createEnvelope } from '../lib/envelope.js';
import { edgarFormXmlParser } from '../processors/filing/edgar-form-xml-parser.js';
import type { PersonMention } from '../processors/model/mention.js';
import { defaultParseLimits } from '../processors/parser.js';

/**
 * Form D and Form 144 (`sec-form-xml`) on the real samples of `sec-more/`: field precision and
 * recall of the parser against the values each file itself holds, read here with a bare SAX pass
 * (Form D: each `relatedPersonInfo`'s first/middle/last name, relationships and city; Form 144:
 * the seller and their relationships). Related "persons" whose name holds a legal form (LLC, Ltd.,
 * Fund, L.P., Inc., Trust) are funds' general partners and managers, not people, and are not
 * expected. MB/s of the parser against saxes alone over the same bytes.
 * Output: bench/results/sec-forms.json.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = process.env.TALENT_CORPUS_DIR ?? resolve(root, '../shared/corpus');
const minSeconds = Number(process.env.TALENT_BENCH_SECONDS ?? 1);
const FILES = [
  'edgartools_formD_1685REIT.xml',
  'edgartools_formD_APFund.xml',
  'edgartools_form144_apple.xml',
];
const ORGANISATION = /\b(?:LLC|L\.L\.C\.|Ltd\.?|L\.?P\.?|Inc\.?|Fund|Trust|GP)(?:,|\b|$)/i;

type Facts = Map<string, Set<string>>;

function add(facts: Facts, field: string, value: string): void {
  const set = facts.get(field) ?? new Set<string>();
  set.add(value.toLowerCase().replace(/\s+/g, ' ').trim());
  facts.set(field, set);
}

/** The sample's own values, from a plain SAX walk over element paths. */
function truthOf(xml: string): Facts {
  const facts: Facts = new Map();
  const path: string[] = [];
  let text = '';
  let person: { first?: string; middle?: string; last?: string; rels: string[]; city?: string } | undefined;
  let seller: string | undefined;
  const sellerRels: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    const name = tag.name.replace(/^.*:/, '');
    path.push(name);
    text = '';
    if (name === 'relatedPersonInfo') person = { rels: [] };
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name.replace(/^.*:/, '');
    const value = text.trim();
    const parent = path[path.length - 2];
    if (person !== undefined) {
      if (name === 'firstName') person.first = value;
      else if (name === 'middleName' && value !== '') person.middle = value;
      else if (name === 'lastName') person.last = value;
      else if (name === 'relationship') person.rels.push(value);
      else if (name === 'city' && parent === 'relatedPersonAddress') person.city = value;
    }
    if (name === 'nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold') seller = value;
    if (name === 'relationshipToIssuer') sellerRels.push(value);
    if (name === 'relatedPersonInfo' && person !== undefined) {
      const full = [person.first, person.middle, person.last].filter((p) => p !== undefined).join(' ');
      if (!ORGANISATION.test(full)) {
        add(facts, 'name', full);
        for (const r of person.rels) add(facts, 'relationship', `${full}|${r}`);
        if (person.city !== undefined) add(facts, 'city', `${full}|${person.city}`);
      }
      person = undefined;
    }
    path.pop();
    text = '';
  });
  parser.write(xml.trimStart()).close();
  if (seller !== undefined && !ORGANISATION.test(seller)) {
    add(facts, 'name', seller);
    for (const r of sellerRels) add(facts, 'relationship', `${seller}|${r}`);
  }
  return facts;
}

function relationshipText(role: string, title: string | undefined): string {
  if (title !== undefined) return title;
  return role === 'officer' ? 'Executive Officer' : role === 'director' ? 'Director' : role;
}

function extractedOf(mentions: PersonMention[], form144: boolean): Facts {
  const facts: Facts = new Map();
  for (const m of mentions) {
    add(facts, 'name', m.name.full);
    for (const r of m.filingRoles) {
      const written = relationshipText(r.role, r.title);
      // Form 144 writes "Officer" where Form D writes "Executive Officer".
      add(
        facts,
        'relationship',
        `${m.name.full}|${form144 && written === 'Executive Officer' ? 'Officer' : written}`,
      );
    }
    if (!form144 && m.location?.city !== undefined) add(facts, 'city', `${m.name.full}|${m.location.city}`);
  }
  return facts;
}

const totals = new Map<string, { truth: number; extracted: number; shared: number }>();
const perFile = [];
let bytes = 0;
const bodies: Buffer[] = [];
for (const file of FILES) {
  const body = readFileSync(join(corpusDir, 'sec-more', file));
  bodies.push(body);
  bytes += body.length;
  const envelope = createEnvelope({
    sourceKind: 'filing',
    format: 'sec-form-xml',
    origin: { file },
    body,
    contentType: 'application/xml',
  });
  const outcome = edgarFormXmlParser.parse(envelope, defaultParseLimits);
  const truth = truthOf(body.toString('utf8'));
  const extracted = extractedOf(outcome.status === 'parsed' ? outcome.mentions : [], file.includes('144'));
  const fields: Record<string, { truth: number; extracted: number; shared: number }> = {};
  for (const field of new Set([...truth.keys(), ...extracted.keys()])) {
    const t = truth.get(field) ?? new Set<string>();
    const e = extracted.get(field) ?? new Set<string>();
    const shared = [...e].filter((v) => t.has(v)).length;
    fields[field] = { truth: t.size, extracted: e.size, shared };
    const total = totals.get(field) ?? { truth: 0, extracted: 0, shared: 0 };
    totals.set(field, {
      truth: total.truth + t.size,
      extracted: total.extracted + e.size,
      shared: total.shared + shared,
    });
  }
  perFile.push({ file, status: outcome.status, fields });
}

function mbps(run: () => void): number {
  const { rounds, seconds } = timeRounds(run, minSeconds);
  return Math.round(((bytes * rounds) / 1e6 / seconds) * 10) / 10;
}
const parseMBps = mbps(() => {
  for (const body of bodies)
    edgarFormXmlParser.parse(
      createEnvelope({
        sourceKind: 'filing',
        format: 'sec-form-xml',
        origin: {},
        body,
        contentType: 'application/xml',
      }),
      defaultParseLimits,
    );
});
const saxesMBps = mbps(() => {
  for (const body of bodies) new SaxesParser().write(body.toString('utf8').trimStart()).close();
});

const round = (n: number): number => Math.round(n * 1000) / 1000;
const out = {
  benchmark: 'sec-forms',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  note: 'fields: distinct values the parser extracted vs the values each sample holds (precision = shared / extracted, recall = shared / in the sample); related persons whose name holds a legal form are not expected. parseMBps = the parser alone, saxesMBps = saxes alone over the same bytes.',
  fields: Object.fromEntries(
    [...totals].map(([field, t]) => [
      field,
      {
        ...t,
        precision: round(t.extracted === 0 ? 0 : t.shared / t.extracted),
        recall: round(t.truth === 0 ? 0 : t.shared / t.truth),
      },
    ]),
  ),
  files: perFile,
  parseMBps,
  saxesMBps,
  ratioToSaxes: round(saxesMBps / parseMBps),
};
writeFileSync(join(root, 'bench/results/sec-forms.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ fields: out.fields, parseMBps, saxesMBps }, null, 1)}\n`);
