import { ProcessingError } from '../../lib/errors.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { decodeText } from '../common/decode-text.js';
import { cleanText, evidenceAt } from '../common/evidence.js';
import { checkXmlSafety } from '../common/xml-safety.js';
import {
  childOf,
  childrenOf,
  descendantsOf,
  parseXmlTree,
  valueAt,
  type XmlElement,
} from '../filing/ownership-xml-tree.js';
import type { MentionRole, PersonMention, RawPublication } from '../model/mention.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { doiOf, orcidOf, rorOf } from './identifiers.js';
import { distinct, publicationMention, scholarName, workSnippet } from './publication-mention.js';

/**
 * Crossref XML: UNIXREF/UNIXSD answers (`<doi_records><doi_record><crossref>…`) and deposit
 * batches (`<doi_batch>`). Any element holding `<contributors>` is a work (journal article,
 * conference paper, book chapter, dissertation, report…); its venue is the nearest
 * `full_title`/`proceedings_title`/book title above it. One mention per `person_name`.
 */

const DETECT =
  /<(doi_records|doi_record|crossref_result|doi_batch)\b|xmlns(:\w+)?="http:\/\/www\.crossref\.org\/(xschema|schema|qrschema)/;
const VENUE_PATHS: readonly (readonly string[])[] = [
  ['journal_metadata', 'full_title'],
  ['proceedings_metadata', 'proceedings_title'],
  ['book_metadata', 'titles', 'title'],
  ['book_series_metadata', 'titles', 'title'],
  ['book_set_metadata', 'titles', 'title'],
  ['series_metadata', 'titles', 'title'],
];

function textOf(el: XmlElement | undefined): string | undefined {
  if (el === undefined) return undefined;
  const all = (node: XmlElement): string => node.text + node.children.map(all).join('');
  const t = cleanText(all(el));
  return t === '' ? undefined : t;
}

/** Works: elements with a `contributors` child, each with its chain of ancestors (for the venue). */
function worksIn(root: XmlElement): { work: XmlElement; ancestors: XmlElement[] }[] {
  const found: { work: XmlElement; ancestors: XmlElement[] }[] = [];
  const walk = (node: XmlElement, ancestors: XmlElement[]): void => {
    if (childOf(node, 'contributors') !== undefined) found.push({ work: node, ancestors });
    for (const child of node.children) walk(child, [...ancestors, node]);
  };
  walk(root, []);
  return found;
}

function venueOf(ancestors: readonly XmlElement[], work: XmlElement): string | undefined {
  for (const ancestor of [...ancestors].reverse())
    for (const path of VENUE_PATHS) {
      const venue = valueAt(ancestor, path);
      if (venue !== undefined && ancestor !== work) return venue;
    }
  return undefined;
}

function publicationOf(work: XmlElement, ancestors: readonly XmlElement[]): RawPublication {
  const doi = doiOf(valueAt(work, ['doi_data', 'doi']) ?? textOf(descendantsOf(work, 'doi')[0]));
  const people = descendantsOf(childOf(work, 'contributors'), 'person_name');
  const publication: RawPublication = {
    id: doi ?? 'unknown',
    title: textOf(childOf(childOf(work, 'titles'), 'title')) ?? '',
    topics: [],
    keywords: [],
    authors: people
      .filter((p) => (p.attributes.contributor_role ?? 'author') === 'author')
      .flatMap((p) => {
        const name = scholarName(undefined, valueAt(p, ['given_name']), valueAt(p, ['surname']));
        return name === undefined ? [] : [name.full];
      }),
  };
  if (doi !== undefined) publication.doi = doi;
  const dates = [...childrenOf(work, 'publication_date'), ...descendantsOf(work, 'approval_date')];
  const year = Number(valueAt(dates[0], ['year']));
  if (Number.isInteger(year) && year > 0) publication.year = year;
  const venue = venueOf(ancestors, work);
  if (venue !== undefined) publication.venue = venue;
  const cited = Number(
    descendantsOf(work, 'crm-item').find((c) => c.attributes.name === 'citedby-count')?.text,
  );
  if (Number.isInteger(cited)) publication.citedByCount = cited;
  return publication;
}

function roleOf(person: XmlElement): MentionRole | undefined {
  const role = person.attributes.contributor_role ?? 'author';
  if (role === 'author') return 'author';
  if (role === 'editor' || role === 'chair') return 'editor';
  return undefined; // translators, reviewers: not evidence of the person's own work
}

export const crossrefXmlParser: Parser = {
  format: 'crossref-xml',
  sourceKind: 'publication',
  detect: (head: string): boolean => /^\uFEFF?\s*</.test(head) && DETECT.test(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => {
      const decoded = decodeText(envelope.body, envelope.contentType, limits);
      if (!decoded.ok) return { status: 'rejected', error: decoded.error };
      const unsafe = checkXmlSafety(decoded.text);
      if (unsafe !== undefined) return { status: 'rejected', error: unsafe };
      const tree = parseXmlTree(decoded.text.replace(/^\uFEFF/, ''), budget);
      if (!tree.ok) return { status: 'rejected', error: tree.error };
      const works = worksIn(tree.root);
      const mentions: PersonMention[] = [];
      works.forEach(({ work, ancestors }, w) => {
        const publication = publicationOf(work, ancestors);
        let position = 0;
        descendantsOf(childOf(work, 'contributors'), 'person_name').forEach((person, i) => {
          const role = roleOf(person);
          if (role === 'author') position++;
          const given = valueAt(person, ['given_name']);
          const family = valueAt(person, ['surname']);
          const suffix = valueAt(person, ['suffix']);
          const name = scholarName(
            [given, family, suffix].filter(Boolean).join(' ') || undefined,
            given,
            family,
          );
          if (role === undefined || name === undefined) return;
          const path = `${work.name}[${w}]/contributors/person_name[${i}]`;
          const mention = publicationMention({
            sourceId: envelope.id,
            format: 'crossref-xml',
            index: mentions.length,
            role,
            name,
            path,
            snippet: workSnippet(name.full, publication),
          });
          const orcid = orcidOf(valueAt(person, ['ORCID']));
          if (orcid !== undefined) mention.orcid = orcid;
          // Schema 4.x writes `<affiliation>` strings; 5.3 adds `<affiliations><institution>` with ROR ids.
          const plain = childrenOf(person, 'affiliation').map((a) => textOf(a));
          const institutions = descendantsOf(person, 'institution');
          institutions.forEach((institution, j) => {
            const organization = valueAt(institution, ['institution_name']);
            if (organization === undefined) return;
            const ror = rorOf(
              childrenOf(institution, 'institution_id').find((id) => id.attributes.type === 'ror')?.text,
            );
            mention.affiliations.push({
              organization,
              evidence: evidenceAt(envelope.id, `${path}/affiliations/institution[${j}]`, organization),
              ...(ror === undefined ? {} : { organizationIds: { ror } }),
              ...(valueAt(institution, ['institution_place']) === undefined
                ? {}
                : { location: { city: valueAt(institution, ['institution_place']) as string } }),
            });
          });
          distinct(plain).forEach((organization, j) =>
            mention.affiliations.push({
              organization,
              evidence: evidenceAt(envelope.id, `${path}/affiliation[${j}]`, organization),
            }),
          );
          if (publication.year !== undefined)
            for (const a of mention.affiliations) {
              a.startDate = String(publication.year);
              a.endDate = String(publication.year);
            }
          mention.publications = [
            { ...publication, ...(role === 'author' ? { authorPosition: position } : {}) },
          ];
          mentions.push(mention);
        });
      });
      if (mentions.length === 0)
        return {
          status: 'rejected',
          error: new ProcessingError(
            'no-person',
            works.length === 0
              ? 'Crossref XML holds no work with contributors'
              : 'Crossref XML work has no personal authors or editors',
          ),
        };
      const first = works[0];
      const title =
        works.length === 1 && first !== undefined
          ? `Crossref · ${publicationOf(first.work, first.ancestors).title || 'work'}`
          : `Crossref · ${works.length} works`;
      return {
        status: 'parsed',
        document: { sourceId: envelope.id, format: 'crossref-xml', title },
        mentions,
      };
    });
  },
};
