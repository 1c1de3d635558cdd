import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../../ingest/files/read-inputs.js';
import type { PersonMention } from '../../processors/model/mention.js';
import { processRecord } from '../../processors/pipeline.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';
import { normalizeCik, normalizeEmail, normalizeOrcid } from '../../processors/profile/mention-keys.js';
import { toResolvable } from '../../processors/resolve/resolvable.js';
import { UnionFind } from '../../processors/profile/union-find.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The real-document corpus, read in place (never copied into the project). */
export const corpusDir = process.env.TALENT_CORPUS_DIR ?? resolve(repoRoot, '../shared/corpus');

export function corpusAvailable(): boolean {
  return existsSync(join(corpusDir, 'SOURCES.md'));
}

/** A person mention of the corpus with the record it came from and its file (relative to the corpus). */
export interface CorpusMention {
  mention: PersonMention;
  record: ParsedRecord;
  file: string;
  /** The person, by the corpus's own truth (see `corpusPeople`). */
  personId: string;
}

/**
 * Pairs of mentions known to be one person although they share no identifier, checked by reading
 * the documents: the same filing rendered twice (EDGAR full submission and the HTML document),
 * and a lab's two pages about its principal investigator. Every other corpus mention is its own
 * person unless an ORCID, SEC CIK or e-mail address joins it to another.
 */
const VERIFIED_SAME_PERSON: ReadonlyArray<readonly [name: string, fileA: string, fileB: string]> = [
  ['Chong Wu', 'html-profiles/chongwu-lab--index.html', 'html-profiles/chongwu-lab--PI.html'],
  ...[
    'Jen-Hsun Huang',
    'Colette M. Kress',
    'Ajay K. Puri',
    'Debora Shoquist',
    'Timothy S. Teter',
    'Rebecca Peters',
  ].map(
    (name) =>
      [
        name,
        'sec-filings/0001045810-26-000024.nvda-8-K.full-submission.txt',
        'sec-filings/nvda-8-K-20260302-item5.02.htm',
      ] as const,
  ),
];

/** A name's letters, word order and case ignored: "GAO, Wenbao" and "Wenbao Gao" agree. */
function nameKey(full: string): string {
  const words = full
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return words.sort().join(' ');
}

/**
 * Parses the whole corpus as the ingest would (the same reader and `processRecord`) and labels
 * each person mention with a person id: mentions sharing an ORCID, SEC CIK or e-mail address are
 * one person, so are the verified pairs above; the rest are one person each. The id is the
 * smallest mention id of the person, so it does not depend on reading order.
 */
export async function loadCorpusPeople(): Promise<CorpusMention[]> {
  const limits = { maxDocumentBytes: 64 * 1024 * 1024 };
  const items: Array<Omit<CorpusMention, 'personId'>> = [];
  for await (const item of readInputs([corpusDir], {
    maxDocumentBytes: limits.maxDocumentBytes,
    now: new Date('2026-01-01T00:00:00Z'),
  })) {
    if (item.kind === 'rejected') continue;
    const outcome = processRecord(item.envelope, limits);
    if (outcome.status !== 'parsed') continue;
    const record: ParsedRecord = {
      sourceId: item.envelope.id,
      fetchedAt: item.envelope.fetchedAt,
      document: outcome.document,
      mentions: outcome.mentions,
    };
    const file = (item.envelope.origin.file ?? '').slice(corpusDir.length + 1);
    for (const mention of outcome.mentions) items.push({ mention, record, file });
  }
  items.sort((a, b) => (a.mention.mentionId < b.mention.mentionId ? -1 : 1));

  const sets = new UnionFind(items.length);
  const firstByKey = new Map<string, number>();
  const link = (key: string, i: number): void => {
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, i);
    else sets.union(first, i);
  };
  items.forEach(({ mention, file }, i) => {
    const orcid = normalizeOrcid(mention.orcid);
    if (orcid) link(`orcid:${orcid}`, i);
    const cik = normalizeCik(mention.secCik);
    if (cik) link(`cik:${cik}`, i);
    for (const e of mention.emails ?? []) {
      const email = normalizeEmail(e);
      if (email) link(`email:${email}`, i);
    }
    // The same author id: OpenAlex lists one author on each of their works.
    const resolvable = toResolvable(mention);
    if (resolvable.openalexId) link(`openalex:${resolvable.openalexId}`, i);
    // The same patent published in two documents (two offices' XML, two format versions): an
    // inventor named alike on both is one person, not two namesakes on one invention.
    for (const patent of resolvable.patents) link(`patent:${patent}|${nameKey(mention.name.full)}`, i);
    for (const [name, a, b] of VERIFIED_SAME_PERSON)
      if (mention.name.full === name && (file === a || file === b)) link(`verified:${name}|${a}|${b}`, i);
  });
  return items.map((item, i) => ({
    ...item,
    personId: `person:${(items[sets.find(i)] as (typeof items)[number]).mention.mentionId}`,
  }));
}
