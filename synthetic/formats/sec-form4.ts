import type { SynthPerson } from '../people.js';
import type { Rng } from '../prng.js';
import { escapeXml, isoDay } from './xml.js';

/** A Form 4 (ownershipDocument, schema X0306/X0508) of one officer or director of their employer. */
export function form4Xml(p: SynthPerson, period: Date, rng: Rng): string {
  const c = p.company;
  const director = p.tier === 'A' || rng.chance(0.3);
  const officer = !director || rng.chance(0.5);
  const schema = period.getUTCFullYear() >= 2023 ? 'X0508' : 'X0306';
  const city = c.city;
  const shares = rng.int(1, 400) * 100;
  const price = (rng.int(500, 40000) / 100).toFixed(2);
  const owned = shares + rng.int(10, 3000) * 100;
  const day = isoDay(period);
  const signed = isoDay(new Date(period.getTime() + 2 * 86_400_000));
  const code = rng.pick(['S', 'P', 'M', 'A']);
  return `<?xml version="1.0"?>
<ownershipDocument>

    <schemaVersion>${schema}</schemaVersion>

    <documentType>4</documentType>

    <periodOfReport>${day}</periodOfReport>

    <notSubjectToSection16>0</notSubjectToSection16>

    <issuer>
        <issuerCik>${c.cik ?? ''}</issuerCik>
        <issuerName>${escapeXml(c.nameEn)}</issuerName>
        <issuerTradingSymbol>${c.ticker ?? ''}</issuerTradingSymbol>
    </issuer>

    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>${p.rptOwnerCik ?? ''}</rptOwnerCik>
            <rptOwnerName>${escapeXml(`${p.family} ${p.given}`)}</rptOwnerName>
        </reportingOwnerId>
        <reportingOwnerAddress>
            <rptOwnerStreet1>C/O ${escapeXml(c.nameEn.toUpperCase())}</rptOwnerStreet1>
            <rptOwnerStreet2></rptOwnerStreet2>
            <rptOwnerCity>${escapeXml(city.en.toUpperCase())}</rptOwnerCity>
            <rptOwnerState>${city.state ?? ''}</rptOwnerState>
            <rptOwnerZipCode>${city.country === 'US' ? rng.digits(5) : ''}</rptOwnerZipCode>
            <rptOwnerStateDescription>${city.country === 'US' ? '' : escapeXml(countryName(city.country))}</rptOwnerStateDescription>
        </reportingOwnerAddress>
        <reportingOwnerRelationship>
            <isDirector>${director ? 1 : 0}</isDirector>
            <isOfficer>${officer ? 1 : 0}</isOfficer>
            <isTenPercentOwner>0</isTenPercentOwner>
            <isOther>0</isOther>
            <officerTitle>${officer ? escapeXml(p.titleEn) : ''}</officerTitle>
            <otherText></otherText>
        </reportingOwnerRelationship>
    </reportingOwner>

    <nonDerivativeTable>
        <nonDerivativeTransaction>
            <securityTitle>
                <value>Common Stock</value>
            </securityTitle>
            <transactionDate>
                <value>${day}</value>
            </transactionDate>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>${code}</transactionCode>
                <equitySwapInvolved>0</equitySwapInvolved>
            </transactionCoding>
            <transactionAmounts>
                <transactionShares>
                    <value>${shares}</value>
                </transactionShares>
                <transactionPricePerShare>
                    <value>${code === 'A' || code === 'M' ? '0' : price}</value>
                </transactionPricePerShare>
                <transactionAcquiredDisposedCode>
                    <value>${code === 'S' ? 'D' : 'A'}</value>
                </transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction>
                    <value>${owned}</value>
                </sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership>
                    <value>D</value>
                </directOrIndirectOwnership>
            </ownershipNature>
        </nonDerivativeTransaction>
    </nonDerivativeTable>

    <derivativeTable></derivativeTable>

    <remarks></remarks>

    <ownerSignature>
        <signatureName>/s/ ${escapeXml(`${p.given} ${p.family}`)}</signatureName>
        <signatureDate>${signed}</signatureDate>
    </ownerSignature>
</ownershipDocument>
`;
}

function countryName(code: string): string {
  return { CN: 'CHINA', DE: 'GERMANY', NL: 'NETHERLANDS', FR: 'FRANCE', IT: 'ITALY' }[code] ?? code;
}
