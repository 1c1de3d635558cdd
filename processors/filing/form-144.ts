import { evidenceAt } from '../common/evidence.js';
import type { Evidence, PersonMention } from '../model/mention.js';
import {
  formPersonMention,
  placeText,
  readFormAddress,
  relationshipOf,
  type FormIssuer,
} from './edgar-form-person.js';
import type { FormPeople } from './form-d.js';
import { isOrganizationName } from './ownership-entity.js';
import {
  childOf,
  childrenOf,
  descendantsOf,
  valueAt,
  valueText,
  type XmlElement,
} from './ownership-xml-tree.js';

/**
 * Form 144 (notice of proposed sale of restricted or control securities): the person for whose
 * account the securities are sold, with their relationship to the issuer (officer, director,
 * affiliate). Brokers and the issuer itself appear in the form too; they are not people.
 */

export function readForm144(root: XmlElement, sourceId: string): FormPeople | string {
  const formData = childOf(root, 'formData');
  const issuerEl = childOf(formData, 'issuerInfo');
  const issuerName = valueAt(issuerEl, ['issuerName']);
  if (issuerName === undefined) return 'Form 144 names no issuer (<issuerInfo>/<issuerName> missing)';
  const issuer: FormIssuer = {
    name: issuerName,
    cik: valueAt(issuerEl, ['issuerCik']),
    form: valueAt(childOf(root, 'headerData'), ['submissionType']) ?? '144',
    date: valueAt(formData, ['noticeSignature', 'noticeDate']),
    industryGroup: undefined,
    path: 'edgarSubmission/formData/issuerInfo',
  };
  const seller = valueAt(issuerEl, ['nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold']);
  if (seller === undefined) return { issuer, mentions: [], organisations: [] };
  if (isOrganizationName(seller)) return { issuer, mentions: [], organisations: [seller] };
  const rels = childrenOf(childOf(issuerEl, 'relationshipsToIssuer'), 'relationshipToIssuer')
    .map((r) => valueText(r))
    .filter((r): r is string => r !== undefined)
    .map(relationshipOf);
  const path = 'edgarSubmission/formData/issuerInfo';
  const evidence: Evidence[] = [
    evidenceAt(sourceId, `${path}/nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold`, seller),
    evidenceAt(sourceId, `${path}/relationshipsToIssuer`, rels.map((r) => r.title ?? r.role).join(', ')),
  ];
  // The seller's own address, when the past-sales table lists them under the same name.
  const sellerDetails = descendantsOf(formData, 'sellerDetails').find(
    (d) => valueAt(d, ['name'])?.toLowerCase() === seller.toLowerCase(),
  );
  const location = readFormAddress(childOf(sellerDetails, 'address'));
  if (location !== undefined)
    evidence.push(
      evidenceAt(
        sourceId,
        'edgarSubmission/formData/securitiesSoldInPast3Months/sellerDetails',
        placeText(location),
      ),
    );
  const mention: PersonMention = formPersonMention({
    sourceId,
    index: 0,
    format: 'sec-form-xml',
    name: { full: seller },
    relationships: rels,
    issuer,
    evidence,
    ...(location !== undefined ? { location } : {}),
  });
  return { issuer, mentions: [mention], organisations: [] };
}
