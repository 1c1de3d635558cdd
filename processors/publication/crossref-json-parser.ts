import { ProcessingError } from '../../lib/errors.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { evidenceAt } from '../common/evidence.js';
import type { MentionRole, PersonMention, RawPublication } from '../model/mention.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { doiOf, orcidOf } from './identifiers.js';
import { readJsonDocuments, startsLikeJson } from './json-document.js';
import { asArray, asRecord, count, records, text, texts, type JsonRecord } from './json-read.js';
import { distinct, publicationMention, scholarName, workSnippet } from './publication-mention.js';

/**
 * Crossref works as JSON: a REST API answer (`{"message-type": "work", "message": {…}}` or
 * `"work-list"` with `message.items[]`), a bare work (one line of a metadata dump or a MongoDB
 * export with `$oid`/`$numberLong` wrappers), or an array of works. One mention per author and
 * per editor; organisational authors (`{"name": "… Consortium"}`) are not people.
 */

const WORK_KEYS =
  /"(message-type|is-referenced-by-count|reference-count|container-title|published-print)"\s*:/;

/** `issued`/`published-print`/`created` hold `{"date-parts": [[2018, 1, 5]]}`. */
function yearOf(work: JsonRecord): number | undefined {
  for (const key of ['issued', 'published-print', 'published-online', 'published', 'created']) {
    const parts = asArray(asRecord(work[key])?.['date-parts']);
    const year = count(asArray(parts[0])[0]);
    if (year !== undefined) return year;
  }
  return undefined;
}

function workOf(work: JsonRecord): RawPublication {
  const doi = doiOf(text(work.DOI) ?? text(work.doi));
  const people = [...records(work.author)];
  const publication: RawPublication = {
    id: doi ?? text(work.URL) ?? 'unknown',
    title: texts(work.title)[0] ?? text(work.title) ?? '',
    topics: distinct(texts(work.subject)),
    keywords: [],
    authors: people.flatMap((p) => {
      const name = scholarName(undefined, text(p.given), text(p.family));
      return name === undefined ? [] : [name.full];
    }),
  };
  if (doi !== undefined) publication.doi = doi;
  const year = yearOf(work);
  if (year !== undefined) publication.year = year;
  const venue = texts(work['container-title'])[0] ?? text(work['container-title']);
  if (venue !== undefined) publication.venue = venue;
  const cited = count(work['is-referenced-by-count']);
  if (cited !== undefined) publication.citedByCount = cited;
  return publication;
}

function contributorMentions(
  work: JsonRecord,
  path: string,
  sourceId: string,
  next: () => number,
): PersonMention[] {
  const publication = workOf(work);
  const mentions: PersonMention[] = [];
  const groups: [string, MentionRole][] = [
    ['author', 'author'],
    ['editor', 'editor'],
  ];
  for (const [key, role] of groups)
    records(work[key]).forEach((person, i) => {
      const at = `${path}${key}[${i}]`;
      const given = text(person.given);
      const family = text(person.family);
      // A contributor with only `name` is an organisation (a consortium, a working group).
      if (family === undefined && given === undefined) return;
      const suffix = text(person.suffix);
      const full = [given, family, suffix].filter(Boolean).join(' ');
      const name = scholarName(full, given, family);
      if (name === undefined) return;
      const mention = publicationMention({
        sourceId,
        format: 'crossref-json',
        index: next(),
        role,
        name,
        path: at,
        snippet: workSnippet(name.full, publication),
      });
      const orcid = orcidOf(text(person.ORCID) ?? text(person.orcid));
      if (orcid !== undefined) mention.orcid = orcid;
      records(person.affiliation).forEach((affiliation, j) => {
        const organization = text(affiliation.name);
        if (organization === undefined) return;
        mention.affiliations.push({
          organization,
          evidence: evidenceAt(sourceId, `${at}.affiliation[${j}].name`, organization),
          ...(publication.year === undefined
            ? {}
            : { startDate: String(publication.year), endDate: String(publication.year) }),
        });
      });
      const position = role === 'author' ? i + 1 : undefined;
      mention.publications = [
        { ...publication, ...(position === undefined ? {} : { authorPosition: position }) },
      ];
      mentions.push(mention);
    });
  return mentions;
}

/** The works of one JSON value: an API envelope, a work list, an array of works, or a bare work. */
function worksOf(value: unknown, path: string): { work: JsonRecord; path: string }[] {
  const root = asRecord(value);
  if (root === undefined)
    return asArray(value).flatMap((v, i) => {
      const r = asRecord(v);
      return r === undefined ? [] : [{ work: r, path: `${path}[${i}].` }];
    });
  const message = asRecord(root.message);
  if (message !== undefined) {
    const items = asArray(message.items);
    if (Array.isArray(message.items))
      return items.flatMap((v, i) => {
        const r = asRecord(v);
        return r === undefined ? [] : [{ work: r, path: `${path}message.items[${i}].` }];
      });
    return [{ work: message, path: `${path}message.` }];
  }
  if (Array.isArray(root.items)) return worksOf(root.items, `${path}items`);
  return [{ work: root, path }];
}

export const crossrefJsonParser: Parser = {
  format: 'crossref-json',
  sourceKind: 'publication',
  detect: (head: string): boolean =>
    startsLikeJson(head) && /"DOI"\s*:/.test(head) && WORK_KEYS.test(head) && !/openalex\.org\//.test(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => {
      const read = readJsonDocuments(envelope, limits, budget);
      if (!read.ok) return { status: 'rejected', error: read.error };
      const mentions: PersonMention[] = [];
      let index = 0;
      const next = (): number => index++;
      const works = read.documents.flatMap((doc) => worksOf(doc.value, doc.path));
      for (const { work, path } of works)
        mentions.push(...contributorMentions(work, path, envelope.id, next));
      if (mentions.length === 0) {
        const doi = works.length === 1 ? doiOf(text(works[0]?.work.DOI)) : undefined;
        return {
          status: 'rejected',
          error: new ProcessingError(
            'no-person',
            works.length === 0
              ? 'Crossref record holds no works'
              : `Crossref ${works.length === 1 ? `work ${doi ?? ''}` : `${works.length} works`} with no personal authors or editors`.replace(
                  '  ',
                  ' ',
                ),
            { location: works.length === 1 ? `${works[0]?.path ?? ''}author` : '(root)' },
          ),
        };
      }
      const first = works[0]?.work;
      const title =
        works.length === 1 && first !== undefined
          ? `Crossref · ${texts(first.title)[0] ?? doiOf(text(first.DOI)) ?? 'work'}`
          : `Crossref · ${works.length} works`;
      return {
        status: 'parsed',
        document: { sourceId: envelope.id, format: 'crossref-json', title },
        mentions,
      };
    });
  },
};
