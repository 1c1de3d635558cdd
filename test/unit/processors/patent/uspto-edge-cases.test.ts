import { describe, expect, it } from 'vitest';
import { defaultParseLimits, type ParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { usptoParser } from '../../../../processors/patent/uspto-parser.js';
import { usptoNamedEntities } from '../../../../processors/patent/uspto-entities.js';
import { envelopeOf } from '../../../helpers/corpus.js';
import { madeUpGrant } from '../../../fixtures/patent/made-up-patents.js';

function parse(body: string | Buffer, limits: ParseLimits = defaultParseLimits): ParseOutcome {
  let out: ParseOutcome | undefined;
  expect(() => {
    out = usptoParser.parse(envelopeOf(body, 'uspto-xml'), limits);
  }).not.toThrow();
  if (out === undefined) throw new Error('no outcome');
  return out;
}

function rejection(
  body: string | Buffer,
  limits?: ParseLimits,
): { code: string; message: string; location?: string } {
  const out = parse(body, limits);
  if (out.status !== 'rejected') throw new Error(`expected a rejection, got ${out.status}`);
  return out.error.toJSON();
}

function parsed(body: string): Extract<ParseOutcome, { status: 'parsed' }> {
  const out = parse(body);
  if (out.status !== 'parsed') throw new Error(JSON.stringify(out));
  return out;
}

describe('usptoParser on made-up documents', () => {
  it('parses the baseline fixture: one inventor, assignee affiliation, no agent or examiner', () => {
    const out = parsed(madeUpGrant({ assignee: 'Umbrella Dynamics Inc.' }));
    expect(out.mentions).toHaveLength(1);
    const m = out.mentions[0]!;
    expect(m.name).toEqual({
      full: 'Ada Marie Quill',
      given: 'Ada Marie',
      family: 'Quill',
      order: 'given-first',
    });
    expect(m.location).toEqual({ city: 'Springfield', region: 'IL', country: 'US' });
    expect(m.affiliations.map((a) => a.organization)).toEqual(['Umbrella Dynamics Inc.']);
    expect(m.patents[0]).toMatchObject({
      applicants: ['Acme Widgets LLC'],
      assignees: ['Umbrella Dynamics Inc.'],
    });
    expect(JSON.stringify(out)).not.toMatch(/Lawman|Checker/);
  });

  it('maps common ISO/HTML named entities from the never-fetched DTD', () => {
    const out = parsed(
      madeUpGrant({ title: 'Caf&eacute; &ldquo;mug&rdquo; &mdash; 90&deg; &plusmn;5&micro;m&nbsp;&times;2' }),
    );
    expect(out.mentions[0]!.patents[0]!.title).toBe('Café \u201cmug\u201d \u2014 90° ±5µm ×2');
    expect(usptoNamedEntities.rsquo).toBe('\u2019');
    expect(usptoNamedEntities.yuml).toBe('\u00ff');
    expect(usptoNamedEntities.omega).toBe('\u03c9');
  });

  it('rejects an entity outside the table as malformed-xml with a clear reason', () => {
    const err = rejection(madeUpGrant({ title: 'Widget &madeupent; holder' }));
    expect(err.code).toBe('malformed-xml');
    expect(err.message).toContain('&madeupent;');
    expect(err.message).toContain('never fetched');
    expect(err.location).toMatch(/^line \d+, column \d+$/);
  });

  it('joins abstract paragraphs and flattens inline markup', () => {
    const out = parsed(
      madeUpGrant({ abstract: 'First <b>bold</b> part.</p><p id="p-2">H<sub>2</sub>O second.' }),
    );
    expect(out.mentions[0]!.patents[0]!.abstract).toBe('First bold part. H2O second.');
  });

  it('builds given-first names with middle names and suffixes', () => {
    const xml = madeUpGrant().replace(
      '<first-name>Ada Marie</first-name>',
      '<first-name>Ada</first-name><middle-name>Marie</middle-name><suffix>Jr.</suffix>',
    );
    expect(parsed(xml).mentions[0]!.name).toEqual({
      full: 'Ada Marie Quill Jr.',
      given: 'Ada Marie',
      family: 'Quill',
      order: 'given-first',
    });
  });

  it('falls back to us-applicant app-type="applicant-inventor" when there is no <inventors>', () => {
    const xml = madeUpGrant({ inventors: [] }).replace(
      '</us-applicants>',
      '<us-applicant sequence="002" app-type="applicant-inventor" designation="us-only"><addressbook><last-name>Penn</last-name><first-name>Otto</first-name><address><city>Dover</city><state>DE</state><country>US</country></address></addressbook></us-applicant></us-applicants>',
    );
    const out = parsed(xml);
    expect(out.mentions.map((m) => m.name.full)).toEqual(['Otto Penn']);
    expect(out.mentions[0]!.evidence[0]!.path).toBe(
      'us-patent-grant/us-bibliographic-data-grant/us-parties/us-applicants/us-applicant[2]',
    );
  });

  it('reads deceased-inventor entries under <inventors>', () => {
    const xml = madeUpGrant().replace(
      '</inventors>',
      '<deceased-inventor sequence="002"><addressbook><last-name>Vale</last-name><first-name>Iris</first-name><address><city>Reno</city><state>NV</state><country>US</country></address></addressbook></deceased-inventor></inventors>',
    );
    expect(parsed(xml).mentions.map((m) => m.name.full)).toEqual(['Ada Marie Quill', 'Iris Vale']);
  });

  it('v4.2-style parties: applicant-inventors plus us-deceased-inventor; legal representative left out', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v42-2006-08-23.dtd" [ ]>
<us-patent-grant lang="EN" dtd-version="v4.2 2006-08-23" file="US07999999-20070102.XML" status="PRODUCTION" id="us-patent-grant" country="US" date-produced="20061218" date-publ="20070102">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>07999999</doc-number><kind>B1</kind><date>20070102</date></document-id></publication-reference>
<application-reference appl-type="utility"><document-id><country>US</country><doc-number>10123456</doc-number><date>20040505</date></document-id></application-reference>
<classifications-ipcr><classification-ipcr><ipc-version-indicator><date>20060101</date></ipc-version-indicator><classification-level>A</classification-level><section>B</section><class>65</class><subclass>D</subclass><main-group>5</main-group><subgroup>00</subgroup></classification-ipcr></classifications-ipcr>
<invention-title id="d0e71">Collapsible crate</invention-title>
<us-deceased-inventor sequence="002"><addressbook><last-name>Olde</last-name><first-name>Harold</first-name><address><city>Bangor</city><state>ME</state><country>US</country></address></addressbook></us-deceased-inventor>
<parties>
<applicants>
<applicant sequence="001" app-type="applicant-inventor" designation="us-only"><addressbook><last-name>Young</last-name><first-name>Penelope</first-name><address><street>1 Main St</street><city>Augusta</city><state>ME</state><postcode>04330</postcode><country>US</country></address></addressbook><nationality><country>omitted</country></nationality><residence><country>US</country></residence><designated-states><country>CA</country></designated-states></applicant>
<applicant sequence="002" app-type="applicant" designation="us-only"><addressbook><last-name>Olde</last-name><first-name>Martha</first-name><address><city>Bangor</city><state>ME</state><country>US</country></address></addressbook><nationality><country>omitted</country></nationality><residence><country>US</country></residence><us-rights to-dead-inventor="002" kind="legal-representative">legal representative</us-rights></applicant>
</applicants>
<agents><agent sequence="01" rep-type="attorney"><addressbook><orgname>Fictional &amp; Partners</orgname><address><country>unknown</country></address></addressbook></agent></agents>
</parties>
</us-bibliographic-data-grant>
<abstract id="abstract"><p id="p-0001" num="0000">A crate that collapses.</p></abstract>
</us-patent-grant>`;
    const out = parsed(xml);
    expect(out.mentions.map((m) => m.name.full)).toEqual(['Penelope Young', 'Harold Olde']);
    expect(out.mentions[0]!.location).toEqual({
      street: '1 Main St',
      city: 'Augusta',
      region: 'ME',
      postalCode: '04330',
      country: 'US',
    });
    expect(out.mentions[0]!.nationality).toBeUndefined();
    expect(out.mentions[1]!.evidence[0]!.path).toBe(
      'us-patent-grant/us-bibliographic-data-grant/us-deceased-inventor[1]',
    );
    const p = out.mentions[0]!.patents[0]!;
    expect(p.applicants).toEqual(['Penelope Young', 'Martha Olde']);
    expect(p.inventors).toEqual(['Penelope Young', 'Harold Olde']);
    expect(p.ipc).toEqual(['B65D 5/00']);
    expect(p.citationCount).toBeUndefined();
    expect(out.document.uri).toBe('https://patents.google.com/patent/US7999999B1');
  });

  it('an individual assignee is listed but is not an employer', () => {
    const xml = madeUpGrant().replace(
      '<examiners>',
      '<assignees><assignee><addressbook><last-name>Moneybags</last-name><first-name>Rich</first-name><role>04</role></addressbook></assignee></assignees><examiners>',
    );
    const m = parsed(xml).mentions[0]!;
    expect(m.patents[0]!.assignees).toEqual(['Rich Moneybags']);
    // The organisation applicant stands in as the employer.
    expect(m.affiliations.map((a) => a.organization)).toEqual(['Acme Widgets LLC']);
  });

  it('skips sequence listings and non-patent roots', () => {
    const seq = parse(
      '<?xml version="1.0"?>\n<!DOCTYPE sequence-cwu SYSTEM "us-sequence-listing-2004-03-09.dtd" [ ]>\n<sequence-cwu id="SEQLST-1"><publication-reference/></sequence-cwu>',
    );
    expect(seq).toEqual({ status: 'skipped', reason: expect.stringContaining('sequence') });
    expect(parse('<?xml version="1.0"?><catalog><item/></catalog>').status).toBe('skipped');
  });

  it('rejects pre-2005 PATDOC grants as unsupported-document', () => {
    expect(rejection('<?xml version="1.0"?><PATDOC DTD="2.5"><SDOBI/></PATDOC>').code).toBe(
      'unsupported-document',
    );
  });

  it('rejects a patent without a publication number as schema-mismatch', () => {
    expect(rejection(madeUpGrant({ number: '' })).code).toBe('schema-mismatch');
  });
});

describe('usptoParser on bad input (never throws)', () => {
  it('truncated XML → malformed-xml with line/column', () => {
    const xml = madeUpGrant();
    const err = rejection(xml.slice(0, Math.floor(xml.length * 0.6)));
    expect(err.code).toBe('malformed-xml');
    expect(err.location).toMatch(/^line \d+, column \d+$/);
  });

  it('mismatched tags → malformed-xml', () => {
    const err = rejection(madeUpGrant({ description: '<maths>x</math>' }));
    expect(err.code).toBe('malformed-xml');
    expect(err.message).toMatch(/not well-formed/);
  });

  it('billion-laughs DOCTYPE → entity-declaration-forbidden', () => {
    const doctype = `<!DOCTYPE us-patent-grant [
      <!ENTITY lol "lol">
      <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
    ]>`;
    const err = rejection(madeUpGrant({ doctype, title: '&lol2;' }));
    expect(err.code).toBe('entity-declaration-forbidden');
  });

  it('external entity (SYSTEM "file:///etc/passwd") → rejected, never fetched', () => {
    const declared = rejection(
      madeUpGrant({
        doctype: '<!DOCTYPE us-patent-grant [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>',
        title: '&xxe;',
      }),
    );
    expect(declared.code).toBe('entity-declaration-forbidden');
    expect(declared.message).toMatch(/external entity/);

    // An external DTD pointing at a local file is not read either: its entities stay unknown.
    const viaDtd = parse(
      madeUpGrant({ doctype: '<!DOCTYPE us-patent-grant SYSTEM "file:///etc/passwd">', title: '&xxe;' }),
    );
    expect(viaDtd.status).toBe('rejected');
    if (viaDtd.status === 'rejected') expect(viaDtd.error.code).toBe('malformed-xml');
    expect(JSON.stringify(viaDtd)).not.toContain('root:');
    const harmless = parse(
      madeUpGrant({ doctype: '<!DOCTYPE us-patent-grant SYSTEM "file:///etc/passwd">' }),
    );
    expect(harmless.status).toBe('parsed');
  });

  it('empty body → empty-input', () => {
    expect(rejection('').code).toBe('empty-input');
    expect(rejection('  \n\t ').code).toBe('empty-input');
  });

  it('a patent without inventors → no-person', () => {
    const err = rejection(madeUpGrant({ inventors: [] }));
    expect(err.code).toBe('no-person');
    expect(err.message).toContain('US 99999999');
  });

  it('oversize → too-large', () => {
    expect(rejection(madeUpGrant(), { maxDocumentBytes: 512 }).code).toBe('too-large');
  });

  it('invalid UTF-8 → invalid-encoding', () => {
    const xml = Buffer.from(madeUpGrant({ title: 'Caf\u00e9 table' }), 'utf8');
    const bad = Buffer.from(xml.toString('latin1').replace('Caf\u00c3\u00a9', 'Caf\u00e9'), 'latin1');
    const err = rejection(bad);
    expect(err.code).toBe('invalid-encoding');
  });

  it('text after the root element → malformed-xml', () => {
    expect(rejection(`${madeUpGrant()}<us-patent-grant/>`).code).toBe('malformed-xml');
  });
});
