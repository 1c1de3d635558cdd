import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputItem } from '../../../../ingest/files/read-inputs.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { usptoGreenbookParser } from '../../../../processors/patent/uspto-greenbook-parser.js';
import { usptoLegacyParser } from '../../../../processors/patent/uspto-legacy-parser.js';
import { corpusEnvelope, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { madeUpGreenbook, madeUpSgmlGrant } from '../../../fixtures/patent/made-up-offices.js';

type Parsed = Extract<ParseOutcome, { status: 'parsed' }>;

function parsed(out: ParseOutcome): Parsed {
  if (out.status !== 'parsed') throw new Error(JSON.stringify(out));
  return out;
}

async function collect(paths: string[]): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(paths, {
    maxDocumentBytes: 1 << 20,
    now: new Date('2026-01-01T00:00:00Z'),
  }))
    items.push(item);
  return items;
}

describe('USPTO 2001-2004 SGML and the Green Book on made-up documents', () => {
  it('reads an SGML grant with open empty elements; agents, examiners and cited names are not people', () => {
    const out = parsed(
      usptoLegacyParser.parse(envelopeOf(madeUpSgmlGrant(), 'uspto-legacy'), defaultParseLimits),
    );
    expect(out.mentions.map((m) => m.name)).toEqual([
      { full: 'Ada Marie Quill', given: 'Ada Marie', family: 'Quill', order: 'given-first' },
    ]);
    expect(out.mentions[0]!.location).toEqual({ city: 'Springfield', region: 'IL', country: 'US' });
    expect(out.mentions[0]!.affiliations.map((a) => a.organization)).toEqual(['Acme Widgets Inc.']);
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      number: '06999999',
      kind: 'B1',
      docType: 'grant',
      title: 'Umbrella & widget',
      citationCount: 1,
      filingDate: '1999-01-05',
      abstract: 'An umbrella.',
    });
    expect(JSON.stringify(out)).not.toMatch(/Lawman|Checker|Citedperson/);
  });

  it('reads Green Book records: "Last; First" inventors, three-letter countries, the WKU number', () => {
    const first = madeUpGreenbook().split('PATN')[1]!;
    const out = parsed(
      usptoGreenbookParser.parse(envelopeOf(`PATN${first}`, 'uspto-greenbook'), defaultParseLimits),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual(['Ada Marie Quill']);
    expect(out.mentions[0]!.location).toEqual({ city: 'Osaka', country: 'JP' });
    expect(out.mentions[0]!.affiliations[0]?.organization).toBe('Acme Widgets Kabushiki Kaisha');
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      number: '3999999',
      kind: 'A',
      title: 'Made-up bumper support for a boat loader',
      // ICL "B60R  900": the Green Book pads the main group to three places, no slash.
      ipc: ['B60R 9/00'],
      citationCount: 1,
      publicationDate: '1976-01-06',
    });
    expect(out.document.uri).toBe('https://patents.google.com/patent/US3999999A');
    expect(JSON.stringify(out)).not.toMatch(/Lawman|Checker|Citedperson/);
  });

  it('streams concatenated SGML grants and a Green Book weekly file one patent at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-legacy-'));
    writeFileSync(join(dir, 'pg010102.sgm'), madeUpSgmlGrant('06999998') + madeUpSgmlGrant('06999999'));
    writeFileSync(join(dir, 'pftaps19760106.txt'), madeUpGreenbook());
    const items = await collect([join(dir, 'pftaps19760106.txt'), join(dir, 'pg010102.sgm')]);
    expect(items.map((i) => [i.kind, i.envelope.format, i.envelope.origin.documentIndex])).toEqual([
      ['record', 'uspto-greenbook', 0],
      ['record', 'uspto-greenbook', 1],
      ['record', 'uspto-legacy', 0],
      ['record', 'uspto-legacy', 1],
    ]);
    const green = items
      .slice(0, 2)
      .map((i) => parsed(usptoGreenbookParser.parse(i.envelope, defaultParseLimits)));
    expect(green.map((o) => [o.mentions[0]!.name.full, o.mentions[0]!.patents[0]!.number])).toEqual([
      ['Ada Marie Quill', '3999999'],
      ['Pieter von Stern', 'D245678'],
    ]);
    const sgml = items.slice(2).map((i) => parsed(usptoLegacyParser.parse(i.envelope, defaultParseLimits)));
    expect(sgml.map((o) => o.mentions[0]!.patents[0]!.number)).toEqual(['06999998', '06999999']);
  });
});

describeWithCorpus('USPTO legacy corpus (ST.32 v2.5 grant, PAP v1.x, Green Book)', () => {
  it('v2.5 grant: B721 inventor with city and country, B731 assignee, attorney and examiner left out', () => {
    const out = parsed(
      usptoLegacyParser.parse(
        corpusEnvelope('uspto-legacy/USPTO_sgml_US06336130.xml', 'uspto-legacy'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual(['Thanh Van Do']);
    expect(out.mentions[0]!.location).toEqual({ city: 'Oslo', country: 'NO' });
    expect(out.mentions[0]!.affiliations[0]).toMatchObject({
      organization: 'Telefonaktiebolaget LM Ericsson (publ)',
      location: { city: 'Stockholm', country: 'SE' },
    });
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      number: '06336130',
      kind: 'B1',
      publicationDate: '2002-01-01',
      filingDate: '1999-10-05',
    });
    expect(JSON.stringify(out)).not.toMatch(/Nixon|Coulter|Rogers/);
  });

  it('PAP v1.x applications: inventors with residence and citizenship, no correspondence address', () => {
    const one = parsed(
      usptoLegacyParser.parse(
        corpusEnvelope('uspto-legacy/USPTO_pap_US20010000044A1.xml', 'uspto-legacy'),
        defaultParseLimits,
      ),
    );
    expect(one.mentions.map((m) => [m.name.full, m.location, m.nationality])).toEqual([
      ['Wayne W Lin', { city: 'Irvine', region: 'CA', country: 'US' }, 'TW'],
    ]);
    expect(one.mentions[0]!.patents[0]).toMatchObject({
      number: '20010000044',
      kind: 'A1',
      docType: 'application',
      ipc: ['G06F 17/60'],
    });
    const two = parsed(
      usptoLegacyParser.parse(
        corpusEnvelope('uspto-legacy/uspto_application_v1-5-A1_1.xml', 'uspto-legacy'),
        defaultParseLimits,
      ),
    );
    expect(two.mentions.map((m) => m.name.full)).toEqual(['Lawrence A. Clark', 'James L. Priest']);
    expect(JSON.stringify(one)).not.toMatch(/Neal|Cohen/);
  });

  it('Green Book: the inventor of US 3,937,375 with street, city, state and ZIP', () => {
    const out = parsed(
      usptoGreenbookParser.parse(
        corpusEnvelope('uspto-legacy/USPTO_greenbook_US03937375.txt', 'uspto-greenbook'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual(['Everette E. Daniels']);
    expect(out.mentions[0]!.location).toEqual({
      street: '221 Locust St.',
      city: 'Des Moines',
      region: 'IA',
      postalCode: '50309',
      country: 'US',
    });
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      number: '3937375',
      title: 'Bumper support for a boat loader',
      publicationDate: '1976-02-10',
      filingDate: '1974-10-29',
      citationCount: 5,
    });
    expect(JSON.stringify(out)).not.toMatch(/Love|Dayton|Hodgeman/);
  });
});
