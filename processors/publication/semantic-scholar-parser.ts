import { ProcessingError } from '../../lib/errors.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { evidenceAt } from '../common/evidence.js';
import type { PersonMention, RawPublication } from '../model/mention.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { doiOf, orcidOf } from './identifiers.js';
import { readJsonDocuments, startsLikeJson } from './json-document.js';
import { asArray, asRecord, count, field, records, text, texts, type JsonRecord } from './json-read.js';
import { distinct, publicationMention, scholarName, workSnippet } from './publication-mention.js';

/**
 * Semantic Scholar Academic Graph: the bulk datasets' `authors` and `papers` lines (lower-case
 * keys: `authorid`, `corpusid`, `hindex`) and the Graph API's answers (camel case: `authorId`,
 * `paperId`, `hIndex`; single objects, batches as arrays, searches as `{"data": [...]}`). An author
 * line yields one mention with its ids, aliases, affiliations and counts; a paper yields one
 * mention per author, with the author's S2 id as a strong key.
 */

const DETECT = /"(authorid|authorId|corpusid|corpusId|paperId)"\s*:/;

function paperOf(paper: JsonRecord): RawPublication {
  const ids = asRecord(field(paper, 'externalids', 'externalIds'));
  const doi = doiOf(text(field(ids, 'DOI', 'doi')));
  const corpus = text(field(paper, 'corpusid', 'corpusId')) ?? text(field(ids, 'CorpusId'));
  const publication: RawPublication = {
    id: corpus !== undefined ? `s2:${corpus}` : (text(paper.paperId) ?? doi ?? 'unknown'),
    title: text(paper.title) ?? '',
    topics: distinct([
      ...records(field(paper, 's2fieldsofstudy', 's2FieldsOfStudy')).map((f) => text(f.category)),
      ...texts(field(paper, 'fieldsOfStudy', 'fieldsofstudy')),
    ]),
    keywords: [],
    authors: records(paper.authors).flatMap((a) => text(a.name) ?? []),
  };
  if (doi !== undefined) publication.doi = doi;
  const year = count(paper.year);
  if (year !== undefined) publication.year = year;
  const venue =
    text(paper.venue) ??
    text(asRecord(paper.journal)?.name) ??
    text(asRecord(field(paper, 'publicationVenue', 'publicationvenue'))?.name);
  if (venue !== undefined) publication.venue = venue;
  const cited = count(field(paper, 'citationcount', 'citationCount'));
  if (cited !== undefined) publication.citedByCount = cited;
  return publication;
}

function paperMentions(
  paper: JsonRecord,
  path: string,
  sourceId: string,
  next: () => number,
): PersonMention[] {
  const publication = paperOf(paper);
  return records(paper.authors).flatMap((author, i) => {
    const name = scholarName(text(author.name));
    if (name === undefined) return [];
    const mention = publicationMention({
      sourceId,
      format: 'semantic-scholar-json',
      index: next(),
      role: 'author',
      name,
      path: `${path}authors[${i}]`,
      snippet: workSnippet(name.full, publication),
    });
    const id = text(field(author, 'authorId', 'authorid'));
    if (id !== undefined) mention.semanticScholarId = id;
    mention.publications = [{ ...publication, authorPosition: i + 1 }];
    return [mention];
  });
}

function authorMention(
  author: JsonRecord,
  path: string,
  sourceId: string,
  index: number,
): PersonMention | undefined {
  const name = scholarName(text(author.name));
  if (name === undefined) return undefined;
  const id = text(field(author, 'authorid', 'authorId'));
  const mention = publicationMention({
    sourceId,
    format: 'semantic-scholar-json',
    index,
    role: 'author',
    name,
    path: `${path}name`,
    snippet: [name.full, id === undefined ? undefined : `s2:${id}`].filter(Boolean).join(' · '),
  });
  if (id !== undefined) mention.semanticScholarId = id;
  const aliases = distinct(texts(author.aliases)).filter((a) => a !== name.full);
  if (aliases.length > 0) mention.otherNames = aliases;
  texts(author.affiliations).forEach((organization, i) =>
    mention.affiliations.push({
      organization,
      evidence: evidenceAt(sourceId, `${path}affiliations[${i}]`, organization),
    }),
  );
  const ids = asRecord(field(author, 'externalids', 'externalIds'));
  const orcid = orcidOf(texts(asArray(ids?.ORCID))[0] ?? text(ids?.ORCID));
  if (orcid !== undefined) mention.orcid = orcid;
  const homepage = text(author.homepage);
  if (homepage !== undefined) mention.urls = [homepage];
  const metrics = {
    worksCount: count(field(author, 'papercount', 'paperCount')),
    citedByCount: count(field(author, 'citationcount', 'citationCount')),
    hIndex: count(field(author, 'hindex', 'hIndex')),
  };
  mention.scholarMetrics = Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined));
  // The API can embed the author's papers; the bulk authors dataset does not.
  mention.publications = records(author.papers).map(paperOf);
  return mention;
}

function isPaper(obj: JsonRecord): boolean {
  return field(obj, 'corpusid', 'corpusId', 'paperId') !== undefined || Array.isArray(obj.authors);
}

export const semanticScholarParser: Parser = {
  format: 'semantic-scholar-json',
  sourceKind: 'publication',
  detect: (head: string): boolean => startsLikeJson(head) && DETECT.test(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => {
      const read = readJsonDocuments(envelope, limits, budget);
      if (!read.ok) return { status: 'rejected', error: read.error };
      const mentions: PersonMention[] = [];
      let index = 0;
      const next = (): number => index++;
      let papers = 0;
      let entities = 0;
      for (const doc of read.documents) {
        const root = asRecord(doc.value);
        const list = Array.isArray(root?.data)
          ? asArray(root?.data).map((v, i) => ({ value: v, path: `${doc.path}data[${i}].` }))
          : Array.isArray(doc.value)
            ? doc.value.map((v, i) => ({ value: v, path: `${doc.path}[${i}].` }))
            : [{ value: doc.value, path: doc.path }];
        for (const item of list) {
          const obj = asRecord(item.value);
          if (obj === undefined) continue;
          entities++;
          if (isPaper(obj)) {
            papers++;
            mentions.push(...paperMentions(obj, item.path, envelope.id, next));
          } else {
            const mention = authorMention(obj, item.path, envelope.id, index);
            if (mention !== undefined) {
              next();
              mentions.push(mention);
            }
          }
        }
      }
      if (mentions.length === 0)
        return {
          status: 'rejected',
          error: new ProcessingError(
            'no-person',
            papers > 0
              ? 'Semantic Scholar paper lists no authors'
              : 'Semantic Scholar record has no author name',
          ),
        };
      const first = mentions[0];
      const title =
        entities > 1
          ? `Semantic Scholar · ${entities} records`
          : papers === 1
            ? `Semantic Scholar · ${first?.publications?.[0]?.title ?? 'paper'}`
            : `Semantic Scholar author · ${first?.name.full ?? ''}`;
      return {
        status: 'parsed',
        document: { sourceId: envelope.id, format: 'semantic-scholar-json', title },
        mentions,
      };
    });
  },
};
