import { ProcessingError } from '../../lib/errors.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { decodeText } from '../common/decode-text.js';
import { checkXmlSafety } from '../common/xml-safety.js';
import { parseXmlTree } from '../filing/ownership-xml-tree.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { readJsonDocuments, startsLikeJson } from './json-document.js';
import { readOrcid, xmlToOrcidJson, type OrcidPeople } from './orcid-record.js';

/**
 * ORCID records (https://info.orcid.org/documentation/integration-guide/): a full record, a
 * `/person`, `/employments` or `/educations` answer, the API's search answers, and the members of
 * the public data file (one XML record per tar member). One mention per record, with the
 * record's ORCID iD as its strong key.
 */

function outcomeOf(
  people: OrcidPeople,
  envelope: RecordEnvelope,
  format: 'orcid-xml' | 'orcid-json',
): ParseOutcome {
  if (people.mentions.length === 0)
    return people.empty?.startsWith('ORCID search') === true ||
      people.empty?.startsWith('ORCID section') === true
      ? { status: 'skipped', reason: people.empty }
      : {
          status: 'rejected',
          error: new ProcessingError('no-person', people.empty ?? 'ORCID record has no person'),
        };
  const first = people.mentions[0];
  const title =
    people.mentions.length === 1
      ? `ORCID · ${first?.name.full ?? ''}${first?.orcid === undefined ? '' : ` · ${first.orcid}`}`
      : `ORCID search · ${people.mentions.length} people`;
  return {
    status: 'parsed',
    document: {
      sourceId: envelope.id,
      format,
      title,
      ...(first?.orcid === undefined || people.mentions.length > 1
        ? {}
        : { uri: `https://orcid.org/${first.orcid}` }),
    },
    mentions: people.mentions,
  };
}

export const orcidXmlParser: Parser = {
  format: 'orcid-xml',
  sourceKind: 'publication',
  detect: (head: string): boolean =>
    /^\uFEFF?\s*</.test(head) && /xmlns(:\w+)?="http:\/\/www\.orcid\.org\/ns\//.test(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => {
      const decoded = decodeText(envelope.body, envelope.contentType, limits);
      if (!decoded.ok) return { status: 'rejected', error: decoded.error };
      const unsafe = checkXmlSafety(decoded.text);
      if (unsafe !== undefined) return { status: 'rejected', error: unsafe };
      const tree = parseXmlTree(decoded.text.replace(/^\uFEFF/, ''), budget);
      if (!tree.ok) return { status: 'rejected', error: tree.error };
      return outcomeOf(readOrcid(xmlToOrcidJson(tree.root), envelope.id, 'orcid-xml'), envelope, 'orcid-xml');
    });
  },
};

export const orcidJsonParser: Parser = {
  format: 'orcid-json',
  sourceKind: 'publication',
  detect: (head: string): boolean =>
    startsLikeJson(head) &&
    (/"orcid-identifier"\s*:/.test(head) ||
      /"expanded-result"\s*:/.test(head) ||
      (/"given-names"\s*:/.test(head) && /"(family-name|other-names)"\s*:/.test(head))),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => {
      const read = readJsonDocuments(envelope, limits, budget);
      if (!read.ok) return { status: 'rejected', error: read.error };
      const people = read.documents.map((doc) => readOrcid(doc.value, envelope.id, 'orcid-json'));
      const mentions = people.flatMap((p) => p.mentions);
      // Several JSON lines in one record: number their mentions across the record.
      mentions.forEach((m, i) => (m.mentionId = `${envelope.id}#${i}`));
      const empty = people.length === 1 ? people[0]?.empty : undefined;
      return outcomeOf({ mentions, ...(empty === undefined ? {} : { empty }) }, envelope, 'orcid-json');
    });
  },
};
