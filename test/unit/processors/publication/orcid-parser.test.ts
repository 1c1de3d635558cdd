import { describe, expect, it } from 'vitest';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { orcidJsonParser, orcidXmlParser } from '../../../../processors/publication/orcid-parsers.js';
import { detectFormat } from '../../../../processors/registry.js';
import { corpusEnvelope, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions } from '../../../helpers/outcomes.js';

const json = (relative: string) =>
  orcidJsonParser.parse(corpusEnvelope(`publications-orcid/${relative}`, 'orcid-json'), defaultParseLimits);
const xml = (relative: string) =>
  orcidXmlParser.parse(corpusEnvelope(`publications-orcid/${relative}`, 'orcid-xml'), defaultParseLimits);

/** A made-up v3.0 record of a fictional researcher, as a member of the public data file would hold it. */
const record = `<?xml version="1.0" encoding="UTF-8"?>
<record:record path="/0000-0002-1825-0097" xmlns:record="http://www.orcid.org/ns/record"
  xmlns:common="http://www.orcid.org/ns/common" xmlns:person="http://www.orcid.org/ns/person"
  xmlns:personal-details="http://www.orcid.org/ns/personal-details" xmlns:keyword="http://www.orcid.org/ns/keyword"
  xmlns:activities="http://www.orcid.org/ns/activities" xmlns:employment="http://www.orcid.org/ns/employment"
  xmlns:education="http://www.orcid.org/ns/education" xmlns:work="http://www.orcid.org/ns/work"
  xmlns:other-name="http://www.orcid.org/ns/other-name">
  <common:orcid-identifier><common:uri>https://orcid.org/0000-0002-1825-0097</common:uri><common:path>0000-0002-1825-0097</common:path></common:orcid-identifier>
  <person:person>
    <person:name><personal-details:given-names>Lin</personal-details:given-names><personal-details:family-name>Qiao</personal-details:family-name></person:name>
    <other-name:other-names><other-name:other-name><other-name:content>乔琳</other-name:content></other-name:other-name></other-name:other-names>
    <keyword:keywords><keyword:keyword><keyword:content>perovskite solar cells, thin films</keyword:content></keyword:keyword></keyword:keywords>
  </person:person>
  <activities:activities-summary>
    <activities:employments><activities:affiliation-group><employment:employment-summary>
      <common:department-name>School of Physics</common:department-name><common:role-title>Professor</common:role-title>
      <common:start-date><common:year>2015</common:year><common:month>09</common:month></common:start-date>
      <common:organization><common:name>Imaginary University of Science</common:name>
        <common:address><common:city>Hefei</common:city><common:region>Anhui</common:region><common:country>CN</common:country></common:address>
        <common:disambiguated-organization><common:disambiguated-organization-identifier>https://ror.org/00abcde12</common:disambiguated-organization-identifier><common:disambiguation-source>ROR</common:disambiguation-source></common:disambiguated-organization>
      </common:organization>
    </employment:employment-summary></activities:affiliation-group></activities:employments>
    <activities:educations><activities:affiliation-group><education:education-summary>
      <common:department-name>Materials Science</common:department-name><common:role-title>PhD</common:role-title>
      <common:end-date><common:year>2012</common:year></common:end-date>
      <common:organization><common:name>Make-Believe Institute of Technology</common:name></common:organization>
    </education:education-summary></activities:affiliation-group></activities:educations>
    <activities:works><activities:group><work:work-summary put-code="7">
      <work:title><common:title>Stable perovskite films that never were</common:title></work:title>
      <common:external-ids><common:external-id><common:external-id-type>doi</common:external-id-type><common:external-id-value>10.5555/PEROV.1</common:external-id-value></common:external-id></common:external-ids>
      <common:publication-date><common:year>2020</common:year></common:publication-date>
      <work:journal-title>Journal of Imaginary Materials</work:journal-title>
    </work:work-summary></activities:group></activities:works>
  </activities:activities-summary>
</record:record>`;

describe('orcidXmlParser on a made-up v3.0 record', () => {
  it('reads name, other names, keywords, employment (ROR, address, dates), education and works', () => {
    expect(detectFormat(record)).toBe('orcid-xml');
    const [m] = parsedMentions(orcidXmlParser.parse(envelopeOf(record, 'orcid-xml'), defaultParseLimits));
    expect(m).toMatchObject({
      name: { full: 'Lin Qiao', given: 'Lin', family: 'Qiao' },
      orcid: '0000-0002-1825-0097',
      otherNames: ['乔琳'],
      skills: ['perovskite solar cells', 'thin films'],
    });
    expect(m?.affiliations[0]).toMatchObject({
      organization: 'Imaginary University of Science',
      title: 'Professor',
      department: 'School of Physics',
      startDate: '2015-09',
      current: true,
      location: { city: 'Hefei', region: 'Anhui', country: 'CN' },
      organizationIds: { ror: '00abcde12' },
    });
    expect(m?.education[0]).toMatchObject({
      institution: 'Make-Believe Institute of Technology',
      degree: 'PhD',
      area: 'Materials Science',
      endDate: '2012',
    });
    expect(m?.publications?.[0]).toMatchObject({
      doi: '10.5555/perov.1',
      year: 2020,
      venue: 'Journal of Imaginary Materials',
    });
  });
});

describeWithCorpus('ORCID parsers on real records', () => {
  it('reads the public API JSON of /person (v3.0) and a public data file record (v2.0)', () => {
    const [carl] = parsedMentions(json('rorcid_vcr_v3.0_person_0000-0002-1642-628X.body.json'));
    expect(carl).toMatchObject({ name: { full: 'Carl Boettiger' }, orcid: '0000-0002-1642-628X' });
    expect(carl?.skills).toContain('Regime Shifts');
    const [li] = parsedMentions(json('fatcat_orcid_0000-0001-8254-7103.json'));
    expect(li).toMatchObject({ name: { given: 'Man-Hui', family: 'Li' }, orcid: '0000-0001-8254-7103' });
  });

  it('skips a search answer that lists iDs only', () => {
    expect(json('rorcid_vcr_v3.0_search.body0.json').status).toBe('skipped');
  });

  it('reads the official v3.0 record samples in XML and JSON (structure, placeholder values)', () => {
    const [x] = parsedMentions(xml('schema-samples-placeholder/record-3.0.xml'));
    expect(x?.orcid).toBe('8888-8888-8888-8880');
    expect(x?.affiliations.map((a) => a.organization)).toContain('employment-org');
    expect(x?.education.length).toBeGreaterThan(0);
    const [j] = parsedMentions(json('schema-samples-placeholder/record-full-3.0.json'));
    expect(j?.orcid).toBe('0000-0002-7319-2192');
    expect(j?.publications?.[0]?.doi).toBe('10.1087/20120404');
    expect(xml('schema-samples-placeholder/employments-3.0.xml').status).toBe('skipped');
  });

  it('is detected by content', () => {
    const body = corpusEnvelope(
      'publications-orcid/rorcid_vcr_v3.0_person_0000-0002-1642-628X.body.json',
      'orcid-json',
    ).body;
    expect(detectFormat(body.toString())).toBe('orcid-json');
  });
});
