import { ProcessingError } from '../../lib/errors.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { evidenceAt } from '../common/evidence.js';
import type { PersonMention, RawAffiliation, RawPublication } from '../model/mention.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { doiOf, openalexIdOf, orcidOf, rorOf } from './identifiers.js';
import { readJsonDocuments, startsLikeJson } from './json-document.js';
import { asRecord, count, field, records, text, texts, type JsonRecord } from './json-read.js';
import { distinct, publicationMention, scholarName, workSnippet } from './publication-mention.js';

/**
 * OpenAlex works and authors (https://docs.openalex.org): one API entity (`/works/W…`,
 * `/authors/A…`), a paged list (`{"meta": …, "results": […]}`), or one line of a snapshot
 * (`works/updated_date=…/part_000.gz`, one entity per line). A work yields one mention per
 * authorship; an author entity yields one mention carrying its ids, affiliations and counts.
 * Institutions, sources and other entities hold no people and are skipped.
 */

const ENTITY =
  /"id"\s*:\s*"https:\/\/openalex\.org\/[WAISCPFT]\d+"|"openalex\.org\/[WA]\d+|https:\/\/openalex\.org\//;
/** OpenAlex keeps merged-away authors as placeholders named this, with no works. */
const DELETED_AUTHOR = 'Deleted Author';
/** Concepts (the pre-2024 classification) below this score are incidental to the work. */
const MIN_CONCEPT_SCORE = 0.3;

type Entity = 'work' | 'author' | 'other';

function entityOf(obj: JsonRecord): Entity {
  const id = text(obj.id);
  if (id !== undefined) {
    if (openalexIdOf(id, 'W') !== undefined) return 'work';
    if (openalexIdOf(id, 'A') !== undefined) return 'author';
    if (/openalex\.org\/[A-Z]\d/i.test(id)) return 'other';
  }
  // Trimmed exports (`select=`) may drop the id: fall back on fields only one entity type has.
  if (Array.isArray(obj.authorships)) return 'work';
  if ('last_known_institutions' in obj || 'last_known_institution' in obj || 'orcid' in obj) return 'author';
  return 'other';
}

function institutionAffiliation(
  institution: JsonRecord,
  evidence: RawAffiliation['evidence'],
  years?: number[],
): RawAffiliation | undefined {
  const organization = text(institution.display_name);
  if (organization === undefined) return undefined;
  const affiliation: RawAffiliation = { organization, evidence };
  const country = text(institution.country_code);
  if (country !== undefined) affiliation.location = { country };
  const ror = rorOf(text(institution.ror));
  const openalex = openalexIdOf(text(institution.id), 'I');
  if (ror !== undefined || openalex !== undefined)
    affiliation.organizationIds = {
      ...(ror === undefined ? {} : { ror }),
      ...(openalex === undefined ? {} : { openalex }),
    };
  const type = text(institution.type);
  if (type !== undefined) affiliation.summary = type;
  if (years !== undefined && years.length > 0) {
    affiliation.startDate = String(Math.min(...years));
    affiliation.endDate = String(Math.max(...years));
  }
  return affiliation;
}

/** The work itself, without authors' own facts: shared by every authorship's mention. */
function workOf(work: JsonRecord): RawPublication {
  const id = openalexIdOf(text(work.id), 'W') ?? doiOf(text(work.doi)) ?? text(work.id) ?? 'unknown';
  const primary = asRecord(work.primary_location);
  const topics = records(work.topics).flatMap((t) => [
    text(t.display_name),
    text(asRecord(t.subfield)?.display_name),
    text(asRecord(t.field)?.display_name),
  ]);
  const primaryTopic = asRecord(work.primary_topic);
  const concepts = records(work.concepts)
    .filter((c) => (count(c.score) ?? 1) >= MIN_CONCEPT_SCORE)
    .map((c) => text(c.display_name));
  const publication: RawPublication = {
    id,
    title: text(work.display_name) ?? text(work.title) ?? '',
    topics: distinct([text(primaryTopic?.display_name), ...topics, ...concepts]),
    keywords: distinct(records(work.keywords).map((k) => text(k.display_name) ?? text(k.keyword))),
    authors: records(work.authorships).flatMap((a) => {
      const name = text(asRecord(a.author)?.display_name) ?? text(a.raw_author_name);
      return name === undefined ? [] : [name];
    }),
  };
  const doi = doiOf(text(work.doi) ?? text(asRecord(work.ids)?.doi));
  if (doi !== undefined) publication.doi = doi;
  const year = count(work.publication_year);
  if (year !== undefined) publication.year = year;
  const venue =
    text(asRecord(primary?.source)?.display_name) ?? text(asRecord(work.host_venue)?.display_name);
  if (venue !== undefined) publication.venue = venue;
  const cited = count(work.cited_by_count);
  if (cited !== undefined) publication.citedByCount = cited;
  return publication;
}

function workMentions(work: JsonRecord, path: string, sourceId: string, next: () => number): PersonMention[] {
  const publication = workOf(work);
  const mentions: PersonMention[] = [];
  records(work.authorships).forEach((authorship, i) => {
    const at = `${path}authorships[${i}]`;
    const author = asRecord(authorship.author);
    const name = scholarName(text(author?.display_name) ?? text(authorship.raw_author_name));
    if (name === undefined || name.full === DELETED_AUTHOR) return;
    const mention = publicationMention({
      sourceId,
      format: 'openalex-json',
      index: next(),
      role: 'author',
      name,
      path: `${at}.author`,
      snippet: workSnippet(name.full, publication),
    });
    const raw = text(authorship.raw_author_name);
    if (raw !== undefined && raw !== name.full) mention.otherNames = [raw];
    const orcid = orcidOf(text(author?.orcid));
    if (orcid !== undefined) mention.orcid = orcid;
    const openalexId = openalexIdOf(text(author?.id), 'A');
    if (openalexId !== undefined) mention.openalexId = openalexId;
    const institutions = records(authorship.institutions);
    const year = publication.year === undefined ? undefined : [publication.year];
    institutions.forEach((institution, j) => {
      const affiliation = institutionAffiliation(
        institution,
        evidenceAt(sourceId, `${at}.institutions[${j}]`, text(institution.display_name)),
        year,
      );
      if (affiliation !== undefined) mention.affiliations.push(affiliation);
    });
    // Raw strings name the institution when OpenAlex could not match one; otherwise they repeat it.
    if (institutions.length === 0)
      texts(authorship.raw_affiliation_strings).forEach((raw, j) =>
        mention.affiliations.push({
          organization: raw,
          evidence: evidenceAt(sourceId, `${at}.raw_affiliation_strings[${j}]`, raw),
          ...(year === undefined ? {} : { startDate: String(year[0]), endDate: String(year[0]) }),
        }),
      );
    const countries = texts(authorship.countries);
    if (countries.length > 0) mention.location = { country: countries[0] as string };
    const position = publication.authors.indexOf(name.full);
    mention.publications = [{ ...publication, ...(position < 0 ? {} : { authorPosition: position + 1 }) }];
    mention.skills = [...publication.keywords];
    mentions.push(mention);
  });
  return mentions;
}

function authorMention(
  author: JsonRecord,
  path: string,
  sourceId: string,
  index: number,
): PersonMention | string {
  const name = scholarName(text(author.display_name));
  const id = openalexIdOf(text(author.id), 'A');
  if (name === undefined) return `OpenAlex author ${id ?? ''} has no display_name`.trim();
  if (name.full === DELETED_AUTHOR)
    return `deleted-author: OpenAlex author ${id ?? ''} is a "Deleted Author" placeholder (merged or withdrawn), not a person`;
  const mention = publicationMention({
    sourceId,
    format: 'openalex-json',
    index,
    role: 'author',
    name,
    path: `${path}display_name`,
    snippet: [name.full, id].filter(Boolean).join(' · '),
  });
  if (id !== undefined) mention.openalexId = id;
  const ids = asRecord(author.ids);
  const orcid = orcidOf(text(author.orcid) ?? text(ids?.orcid));
  if (orcid !== undefined) mention.orcid = orcid;
  const others = distinct(texts(author.display_name_alternatives)).filter((n) => n !== name.full);
  if (others.length > 0) mention.otherNames = others;
  records(author.affiliations).forEach((entry, i) => {
    const institution = asRecord(entry.institution);
    if (institution === undefined) return;
    const years = (Array.isArray(entry.years) ? entry.years : []).flatMap((y) => {
      const n = count(y);
      return n === undefined ? [] : [n];
    });
    const affiliation = institutionAffiliation(
      institution,
      evidenceAt(sourceId, `${path}affiliations[${i}].institution`, text(institution.display_name)),
      years,
    );
    if (affiliation !== undefined) mention.affiliations.push(affiliation);
  });
  const lastKnown = [...records(author.last_known_institutions), ...records([author.last_known_institution])];
  lastKnown.forEach((institution, i) => {
    const affiliation = institutionAffiliation(
      institution,
      evidenceAt(sourceId, `${path}last_known_institutions[${i}]`, text(institution.display_name)),
    );
    if (affiliation === undefined) return;
    const known = mention.affiliations.find((a) => a.organization === affiliation.organization);
    if (known !== undefined) known.current = true;
    else mention.affiliations.push({ ...affiliation, current: true });
  });
  const stats = asRecord(author.summary_stats);
  const metrics = {
    worksCount: count(author.works_count),
    citedByCount: count(author.cited_by_count),
    hIndex: count(field(stats, 'h_index')),
  };
  mention.scholarMetrics = Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined));
  mention.skills = distinct([
    ...records(author.topics).map((t) => text(t.display_name)),
    ...records(author.x_concepts).map((c) => text(c.display_name)),
  ]);
  return mention;
}

export const openalexParser: Parser = {
  format: 'openalex-json',
  sourceKind: 'publication',
  detect: (head: string): boolean => startsLikeJson(head) && ENTITY.test(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => {
      const read = readJsonDocuments(envelope, limits, budget);
      if (!read.ok) return { status: 'rejected', error: read.error };
      const mentions: PersonMention[] = [];
      const skipped: string[] = [];
      let index = 0;
      const next = (): number => index++;
      let works = 0;
      let firstTitle: string | undefined;
      for (const doc of read.documents) {
        const root = asRecord(doc.value);
        const list = root !== undefined && Array.isArray(root.results) ? root.results : undefined;
        const entities: { value: unknown; path: string }[] =
          list !== undefined
            ? list.map((value, i) => ({ value, path: `${doc.path}results[${i}].` }))
            : Array.isArray(doc.value)
              ? doc.value.map((value, i) => ({ value, path: `${doc.path}[${i}].` }))
              : [{ value: doc.value, path: doc.path }];
        for (const entity of entities) {
          const obj = asRecord(entity.value);
          if (obj === undefined) continue;
          const kind = entityOf(obj);
          if (kind === 'work') {
            works++;
            firstTitle ??= text(obj.display_name) ?? text(obj.title);
            mentions.push(...workMentions(obj, entity.path, envelope.id, next));
          } else if (kind === 'author') {
            const outcome = authorMention(obj, entity.path, envelope.id, index);
            if (typeof outcome === 'string') skipped.push(outcome);
            else {
              next();
              mentions.push(outcome);
            }
          } else skipped.push(`OpenAlex ${text(obj.id) ?? 'entity'} is not a work or an author`);
        }
      }
      if (mentions.length === 0) {
        if (skipped.length > 0) return { status: 'skipped', reason: skipped.join('; ') };
        return {
          status: 'rejected',
          error: new ProcessingError('no-person', 'OpenAlex record has no authorships or authors'),
        };
      }
      const title =
        works > 1 || read.documents.length > 1
          ? `OpenAlex · ${works} works, ${mentions.length} authorships`
          : works === 1
            ? `OpenAlex · ${firstTitle ?? 'work'}`
            : `OpenAlex author · ${mentions[0]?.name.full ?? ''}`;
      return {
        status: 'parsed',
        document: { sourceId: envelope.id, format: 'openalex-json', title },
        mentions,
      };
    });
  },
};
