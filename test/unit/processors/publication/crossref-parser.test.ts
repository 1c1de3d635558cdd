import { describe, expect, it } from 'vitest';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { crossrefJsonParser } from '../../../../processors/publication/crossref-json-parser.js';
import { crossrefXmlParser } from '../../../../processors/publication/crossref-xml-parser.js';
import { detectFormat } from '../../../../processors/registry.js';
import { corpusEnvelope, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { parsedMentions, rejectionOf } from '../../../helpers/outcomes.js';

const parse = (relative: string) =>
  crossrefJsonParser.parse(
    corpusEnvelope(`publications-crossref/${relative}`, 'crossref-json'),
    defaultParseLimits,
  );

/** A made-up UNIXREF answer for a fictional article. */
const unixref = `<?xml version="1.0" encoding="UTF-8"?>
<doi_records>
  <doi_record owner="10.5555" timestamp="2024-01-01 00:00:00">
    <crossref>
      <journal>
        <journal_metadata language="en"><full_title>Journal of Imaginary Materials</full_title></journal_metadata>
        <journal_article publication_type="full_text">
          <titles><title>Perovskite layers that do not exist</title></titles>
          <contributors>
            <person_name sequence="first" contributor_role="author">
              <given_name>Mirela</given_name><surname>Dragomir</surname>
              <affiliations><institution><institution_name>Fictional Institute of Technology</institution_name>
                <institution_id type="ror">https://ror.org/00abcde12</institution_id></institution></affiliations>
              <ORCID authenticated="true">https://orcid.org/0000-0002-1825-0097</ORCID>
            </person_name>
            <person_name sequence="additional" contributor_role="author">
              <given_name>Chen</given_name><surname>Wei</surname>
              <affiliation>Imaginary University, Hefei, China</affiliation>
            </person_name>
            <person_name sequence="additional" contributor_role="translator">
              <given_name>Tara</given_name><surname>Quill</surname>
            </person_name>
            <organization sequence="additional" contributor_role="author">The Make-Believe Consortium</organization>
          </contributors>
          <publication_date media_type="print"><year>2023</year></publication_date>
          <doi_data><doi>10.5555/IMAG.2023.001</doi><resource>https://example.org/imag-1</resource></doi_data>
        </journal_article>
      </journal>
    </crossref>
  </doi_record>
</doi_records>`;

describeWithCorpus('crossrefJsonParser on real Crossref records', () => {
  it('reads a REST API work: given/family/suffix, ORCID, subjects, venue, citations', () => {
    const [smith] = parsedMentions(parse('abbotsbury_10.1021_acs.orglett.7b03845.json'));
    expect(smith).toMatchObject({
      name: { full: 'Amos B. Smith III', given: 'Amos B.', family: 'Smith' },
      role: 'author',
    });
    expect(smith?.publications?.[0]).toMatchObject({
      doi: '10.1021/acs.orglett.7b03845',
      year: 2018,
      venue: 'Organic Letters',
      citedByCount: 0,
    });
    expect(smith?.publications?.[0]?.topics).toContain('Organic Chemistry');
    const many = parsedMentions(parse('abbotsbury_10.1038_s43586-021-00024-3.json'));
    expect(many[0]).toMatchObject({ name: { full: 'Ēriks Kupče' }, orcid: '0000-0002-2366-0269' });
  });

  it('reads editors of a book that has no authors', () => {
    const [editor] = parsedMentions(parse('abbotsbury_10.1039_9781788019972.json'));
    expect(editor).toMatchObject({ role: 'editor', name: { full: 'Giuseppe Pileio' } });
  });

  it('reads a work-list page (message.items[]) and a MongoDB-exported dump record with affiliations', () => {
    const page = parsedMentions(parse('fatcat_crossref_api_works.json'));
    expect(new Set(page.map((m) => m.publications?.[0]?.doi)).size).toBe(3);
    expect(page[0]?.evidence[0]?.path).toBe('message.items[0].author[0]');
    const single = parsedMentions(parse('fatcat_crossref-works.single.json'));
    expect(single.map((m) => m.name.full)).toContain('Marcelo D. Radicioni');
    expect(
      single.find((m) => m.name.full === 'Carlos G. Diaz')?.affiliations.map((a) => a.organization),
    ).toEqual(['Some University', 'Some Department']);
  });

  it('is detected by content, apart from OpenAlex', () => {
    for (const file of ['fatcat_crossref_api_works.json', 'abbotsbury_10.1021_acs.orglett.7b03845.json'])
      expect(
        detectFormat(corpusEnvelope(`publications-crossref/${file}`, 'crossref-json').body.toString()),
      ).toBe('crossref-json');
  });
});

describe('Crossref records made up for the edge cases', () => {
  it('rejects a record with no authors (and no editors) as no-person, naming the DOI', () => {
    const record = JSON.stringify({
      DOI: '10.5555/no-authors',
      type: 'journal-article',
      title: ['An anonymous note'],
      'container-title': ['Journal of Imaginary Materials'],
      'is-referenced-by-count': 0,
    });
    const error = rejectionOf(() =>
      crossrefJsonParser.parse(envelopeOf(record, 'crossref-json'), defaultParseLimits),
    );
    expect(error.code).toBe('no-person');
    expect(error.message).toContain('10.5555/no-authors');
  });

  it('skips organisational authors', () => {
    const record = JSON.stringify({
      DOI: '10.5555/consortium',
      'reference-count': 1,
      author: [
        { name: 'The Make-Believe Consortium', sequence: 'first' },
        { given: 'Ana', family: 'Lind' },
      ],
    });
    const mentions = parsedMentions(
      crossrefJsonParser.parse(envelopeOf(record, 'crossref-json'), defaultParseLimits),
    );
    expect(mentions.map((m) => m.name.full)).toEqual(['Ana Lind']);
  });

  it('reads UNIXREF XML: authors with ORCID, ROR institutions and plain affiliations; no translators', () => {
    expect(detectFormat(unixref)).toBe('crossref-xml');
    const mentions = parsedMentions(
      crossrefXmlParser.parse(envelopeOf(unixref, 'crossref-xml'), defaultParseLimits),
    );
    expect(mentions.map((m) => m.name.full)).toEqual(['Mirela Dragomir', 'Chen Wei']);
    expect(mentions[0]).toMatchObject({
      orcid: '0000-0002-1825-0097',
      affiliations: [
        { organization: 'Fictional Institute of Technology', organizationIds: { ror: '00abcde12' } },
      ],
    });
    expect(mentions[0]?.publications?.[0]).toMatchObject({
      doi: '10.5555/imag.2023.001',
      title: 'Perovskite layers that do not exist',
      venue: 'Journal of Imaginary Materials',
      year: 2023,
      authorPosition: 1,
      authors: ['Mirela Dragomir', 'Chen Wei'],
    });
    expect(mentions[1]?.affiliations[0]?.organization).toBe('Imaginary University, Hefei, China');
  });

  it('rejects truncated UNIXREF as malformed XML', () => {
    const error = rejectionOf(() =>
      crossrefXmlParser.parse(envelopeOf(unixref.slice(0, 600), 'crossref-xml'), defaultParseLimits),
    );
    expect(error.code).toBe('malformed-xml');
  });
});
