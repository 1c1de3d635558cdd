import { evidenceAt } from '../common/evidence.js';
import type { ParseBudget } from '../common/parse-budget.js';
import type { Evidence, PersonMention } from '../model/mention.js';
import {
  formPersonMention,
  placeText,
  readFormAddress,
  relationshipOf,
  type FormIssuer,
} from './edgar-form-person.js';
import { isOrganizationName } from './ownership-entity.js';
import { childOf, childrenOf, valueAt, valueText, type XmlElement } from './ownership-xml-tree.js';

/**
 * Form D (notice of an exempt offering, `edgarSubmission` schemas X0201–X0708): the issuer's
 * related persons (executive officers, directors, promoters) with their addresses. Private
 * issuers and funds file it, so it names people no annual report does.
 */

export interface FormPeople {
  issuer: FormIssuer;
  mentions: PersonMention[];
  organisations: string[];
}

export function readFormD(root: XmlElement, sourceId: string, budget: ParseBudget): FormPeople | string {
  const issuerEl = childOf(root, 'primaryIssuer');
  const name = valueAt(issuerEl, ['entityName']);
  if (name === undefined) return 'Form D names no issuer (<primaryIssuer>/<entityName> missing)';
  const form = valueAt(root, ['submissionType']) ?? 'D';
  const offering = childOf(root, 'offeringData');
  const industry = childOf(offering, 'industryGroup');
  const issuer: FormIssuer = {
    name,
    cik: valueAt(issuerEl, ['cik']),
    form,
    date: valueAt(offering, ['signatureBlock', 'signature', 'signatureDate']),
    industryGroup: valueAt(industry, ['industryGroupType']),
    path: 'edgarSubmission/primaryIssuer',
  };
  const mentions: PersonMention[] = [];
  const organisations: string[] = [];
  const people = childrenOf(childOf(root, 'relatedPersonsList'), 'relatedPersonInfo');
  people.forEach((person, i) => {
    budget.step();
    const path = `edgarSubmission/relatedPersonsList/relatedPersonInfo[${i + 1}]`;
    const nameEl = childOf(person, 'relatedPersonName');
    const given = [valueAt(nameEl, ['firstName']), valueAt(nameEl, ['middleName'])]
      .filter((p) => p !== undefined && p !== '')
      .join(' ');
    const family = valueAt(nameEl, ['lastName']);
    if (family === undefined) return;
    const full = given === '' ? family : `${given} ${family}`;
    // Funds list their general partner or manager as a "person" split over first/last name.
    if (isOrganizationName(full) || isOrganizationName(`${family} ${given}`)) {
      organisations.push(`${family} ${given}`.trim());
      return;
    }
    const rels = childrenOf(childOf(person, 'relatedPersonRelationshipList'), 'relationship')
      .map((r) => valueText(r))
      .filter((r): r is string => r !== undefined)
      .map(relationshipOf);
    const clarification = valueAt(person, ['relationshipClarification']);
    const location = readFormAddress(childOf(person, 'relatedPersonAddress'));
    const evidence: Evidence[] = [
      evidenceAt(sourceId, `${path}/relatedPersonName`, full),
      evidenceAt(
        sourceId,
        `${path}/relatedPersonRelationshipList`,
        [rels.map((r) => r.title ?? r.role).join(', '), clarification].filter(Boolean).join(' · '),
      ),
    ];
    if (location !== undefined)
      evidence.push(evidenceAt(sourceId, `${path}/relatedPersonAddress`, placeText(location)));
    mentions.push(
      formPersonMention({
        sourceId,
        index: mentions.length,
        format: 'sec-form-xml',
        name: { full, family, ...(given !== '' ? { given } : {}) },
        relationships: rels,
        issuer,
        evidence,
        ...(location !== undefined ? { location } : {}),
      }),
    );
  });
  return { issuer, mentions, organisations };
}
