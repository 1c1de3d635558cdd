import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputItem } from '../../../../ingest/files/read-inputs.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { docdbParser } from '../../../../processors/patent/docdb-parser.js';
import { epoParser } from '../../../../processors/patent/epo-parser.js';
import { splitElements } from '../../../../processors/patent/split-elements.js';
import { detectFormat } from '../../../../processors/registry.js';
import { corpusEnvelope, corpusPath, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { madeUpDocdb, madeUpEpo } from '../../../fixtures/patent/made-up-offices.js';

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

async function* chunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('epoParser on made-up documents', () => {
  it('reads B721 "SURNAME, Given" as a given-first name, the proprietor as employer, never the B741 representative', () => {
    const out = parsed(epoParser.parse(envelopeOf(madeUpEpo(), 'epo-xml'), defaultParseLimits));
    expect(out.mentions.map((m) => m.name)).toEqual([
      { full: 'Ada Marie QUILL', given: 'Ada Marie', family: 'QUILL', order: 'given-first' },
      { full: 'Pieter von STERN', given: 'Pieter', family: 'von STERN', order: 'given-first' },
    ]);
    const m = out.mentions[0]!;
    expect(m.location).toEqual({
      street: 'Hauptstrasse 1',
      city: 'München',
      postalCode: '80331',
      country: 'DE',
    });
    expect(m.affiliations.map((a) => a.organization)).toEqual(['Acme Widgets GmbH']);
    expect(m.patents[0]).toMatchObject({
      country: 'EP',
      number: '9999999',
      kind: 'B1',
      docType: 'grant',
      title: 'UMBRELLA & WIDGET',
      ipc: ['G06N 3/08'],
      assignees: ['Acme Widgets GmbH'],
      publicationDate: '2024-01-03',
      filingDate: '2020-01-02',
      citationCount: 1,
      abstract: 'An umbrella that is also a widget.',
    });
    expect(m.evidence[0]?.path).toBe('ep-patent-document/SDOBI/B700/B720/B721[1]');
    expect(JSON.stringify(out)).not.toMatch(/Lawman|NEMO|nobody/);
  });

  it('an A document is an application with applicants', () => {
    const out = parsed(
      epoParser.parse(envelopeOf(madeUpEpo({ kind: 'A1', dtd: '1.0' }), 'epo-xml'), defaultParseLimits),
    );
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      docType: 'application',
      applicants: ['Acme Widgets GmbH'],
      assignees: [],
    });
  });

  it('rejects a document with no inventors with a typed reason', () => {
    const out = epoParser.parse(envelopeOf(madeUpEpo({ inventors: [] }), 'epo-xml'), defaultParseLimits);
    expect(out.status).toBe('rejected');
    if (out.status === 'rejected') {
      expect(out.error.code).toBe('no-person');
      expect(out.error.message).toMatch(/EP 9999999B1 lists no inventor/);
    }
  });

  it('rejects malformed XML and is content-detected', () => {
    const broken = madeUpEpo().replace('</SDOBI>', '');
    const out = epoParser.parse(envelopeOf(broken, 'epo-xml'), defaultParseLimits);
    expect(out.status === 'rejected' && out.error.code).toBe('malformed-xml');
    expect(detectFormat(madeUpEpo())).toBe('epo-xml');
  });
});

describe('docdbParser on made-up documents', () => {
  it('merges the docdb, docdba and original forms of one inventor; citation names are not people', () => {
    const out = parsed(docdbParser.parse(envelopeOf(madeUpDocdb(), 'docdb-xml'), defaultParseLimits));
    expect(out.mentions).toHaveLength(1);
    const m = out.mentions[0]!;
    expect(m.name).toEqual({
      full: 'Ada Marie Quill',
      given: 'Ada Marie',
      family: 'Quill',
      order: 'given-first',
    });
    expect(m.otherNames).toEqual(['QUILL DR ADA MARIE']);
    expect(m.professionalTitles).toEqual(['DR.']);
    expect(m.location).toEqual({ country: 'PT' });
    expect(m.affiliations.map((a) => a.organization)).toEqual(['INVENTED UNIVERSITY']);
    expect(m.patents[0]).toMatchObject({
      country: 'WO',
      number: '1234567',
      familyId: '7771234567',
      ipc: ['A61K 9/00'],
      cpc: ['A61K 9/1075'],
      citationCount: 2,
      filingDate: '2022-06-01',
    });
    expect(JSON.stringify(out.mentions.map((x) => x.name))).not.toMatch(/NEMO|CITED/);
  });

  it('splits a wrapped exchange file element by element whatever the chunk size', async () => {
    const file = `<?xml version="1.0"?><exch:exchange-documents xmlns:exch="http://www.epo.org/exchange">${madeUpDocdb('1')}\n${madeUpDocdb('22')}\n${madeUpDocdb('333')}</exch:exchange-documents>`;
    for (const size of [7, 64, 1 << 16]) {
      const docs = [];
      for await (const d of splitElements(chunks(file, size), 'exchange-document')) docs.push(d);
      expect(docs.map((d) => d.bytes.toString())).toEqual([
        madeUpDocdb('1'),
        madeUpDocdb('22'),
        madeUpDocdb('333'),
      ]);
      expect(docs[1]!.byteOffset).toBe(file.indexOf(madeUpDocdb('22')));
    }
  });

  it('reads concatenated EPO documents and a wrapped DOCDB file one record at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-offices-'));
    writeFileSync(join(dir, 'ep.xml'), madeUpEpo() + madeUpEpo({ kind: 'A1' }));
    writeFileSync(
      join(dir, 'docdb.xml'),
      `<?xml version="1.0"?><exch:exchange-documents>${madeUpDocdb('1')}${madeUpDocdb('2')}</exch:exchange-documents>`,
    );
    const items = await collect([join(dir, 'docdb.xml'), join(dir, 'ep.xml')]);
    expect(items.map((i) => [i.kind, i.envelope.format, i.envelope.origin.documentIndex])).toEqual([
      ['record', 'docdb-xml', 0],
      ['record', 'docdb-xml', 1],
      ['record', 'epo-xml', 0],
      ['record', 'epo-xml', 1],
    ]);
  });
});

describeWithCorpus('EPO ep-patent-document corpus (DTD 1.0, 1.4, 1.5; A1 and B1)', () => {
  const parse = (file: string): Parsed =>
    parsed(epoParser.parse(corpusEnvelope(`patents-epo/${file}`, 'epo-xml'), defaultParseLimits));

  it('v1.0 A1: Japanese inventors, applicant as employer, old-style B511 IPC', () => {
    const out = parse('ep-patent-document_application_v1-0-A1.xml');
    expect(out.mentions.map((m) => m.name.full)).toEqual(['Toshihiko TOHMA', 'Akihiro WADA']);
    expect(out.mentions[0]!.location).toMatchObject({
      city: 'Ichihara-shi',
      region: 'Chiba',
      postalCode: '290-8566',
      country: 'JP',
    });
    expect(out.mentions[0]!.affiliations[0]?.organization).toBe('ASAHI GLASS COMPANY LTD.');
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      number: '1325900',
      kind: 'A1',
      docType: 'application',
      ipc: ['C07C 29/44', 'C07C 31/38'],
      title: 'PROCESS FOR PRODUCING FLUOROALKANOL',
    });
    expect(JSON.stringify(out)).not.toMatch(/Müller-Boré/);
  });

  it('v1.5 A1: three Chinese inventors, two applicants', () => {
    const out = parse('ep-patent-document_application_v1-5-A1.xml');
    expect(out.mentions.map((m) => m.name.full)).toEqual(['Yuhsiung FENG', 'Wenbao GAO', 'Jia ZENG']);
    expect(out.mentions[0]!.patents[0]!.applicants).toEqual([
      'BOE TECHNOLOGY GROUP CO., LTD.',
      'Chengdu BOE Optoelectronics Technology Co., Ltd.',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/Cohausz/);
  });

  it('v1.0, v1.4 and v1.5 B1: proprietors, grants, citations counted but their authors not read', () => {
    const v10 = parse('ep-patent-document_grant_v1-0-B1.xml');
    expect(v10.mentions.map((m) => m.name.full)).toEqual(['Paul AVERBACK', 'Jack GEMMELL']);
    expect(v10.mentions[0]!.patents[0]).toMatchObject({
      docType: 'grant',
      assignees: ['NYMOX CORPORATION'],
      citationCount: 4,
    });
    expect(JSON.stringify(v10.mentions.map((m) => m.name))).not.toMatch(/LASSERRE/);
    const v14 = parse('ep-patent-document_grant_v1-4-B1.xml');
    expect(v14.mentions.map((m) => m.name.full)).toEqual([
      'Noriyuki Nose',
      'Kenji Saitoh',
      'Koichi Sentoku',
      'Minoru Yoshii',
    ]);
    expect(v14.mentions[0]!.affiliations[0]?.organization).toBe('CANON KABUSHIKI KAISHA');
    const v15 = parse('ep-patent-document_grant_v1-5-B1.xml');
    expect(v15.mentions.map((m) => m.name.full)).toEqual(['Jörg HARTHUM', 'Tobias STIRL']);
    expect(v15.mentions[0]!.location).toEqual({
      street: 'Elly-Heuss-Knapp-Weg 20',
      city: 'Erftstadt',
      postalCode: '50374',
      country: 'DE',
    });
    expect(v15.document.uri).toBe('https://patents.google.com/patent/EP3404678B1');
    expect(JSON.stringify(v15)).not.toMatch(/Freigutpartners/);
  });
});

describeWithCorpus('DOCDB exchange corpus (WO, YU, DE backfile)', () => {
  it('WO: eight inventors merged from two name forms, residence, family id, IPC and CPC', () => {
    const out = parsed(
      docdbParser.parse(
        corpusEnvelope('patents-docdb/docdb_WO-2022259205-A1_544370561.xml', 'docdb-xml'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions).toHaveLength(8);
    expect(out.mentions[0]!.name).toMatchObject({
      full: 'Adriana OLIVEIRA DOS SANTOS',
      family: 'OLIVEIRA DOS SANTOS',
    });
    expect(out.mentions[0]!.otherNames).toEqual(['OLIVEIRA DOS SANTOS ADRIANA']);
    expect(out.mentions[6]!.name.full).toBe('Maria De Fátima DA SILVA FERREIRA GOMES');
    expect(out.mentions[0]!.location).toEqual({ country: 'PT' });
    expect(out.mentions[0]!.affiliations[0]?.organization).toBe('UNIVERSIDADE DA BEIRA INTERIOR');
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      country: 'WO',
      number: '2022259205',
      kind: 'A1',
      familyId: '82558028',
    });
    expect(out.mentions[0]!.patents[0]!.cpc).toContain('A61K 9/1075');
    expect(out.mentions[0]!.patents[0]!.ipc).toContain('A61K 31/366');
    expect(JSON.stringify(out.mentions.map((m) => [m.name, m.otherNames]))).not.toMatch(/BEZERRA/);
  });

  it('YU: three forms (docdb, docdba, original) per inventor become one mention', () => {
    const out = parsed(
      docdbParser.parse(
        corpusEnvelope('patents-docdb/docdb_YU-6701-A_381353354.xml', 'docdb-xml'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual([
      "Patrick Michael O'Brien",
      'Joseph Armand Picard',
      'Drago Robert Sliskovic',
    ]);
    expect(out.mentions[0]!.otherNames).toEqual(["O'BRIEN PATRICK MICHAEL"]);
    expect(out.mentions[0]!.affiliations[0]?.organization).toBe('WARNER-LAMBERT COMPANY');
  });

  it('DE backfile: ten documents streamed out of one exchange file, academic titles lifted out of names', async () => {
    const items = await collect([corpusPath('patents-docdb/docdb_DE-backfile.xml')]);
    expect(items).toHaveLength(10);
    const outs = items.map((i) => parsed(docdbParser.parse(i.envelope, defaultParseLimits)));
    expect(outs[0]!.mentions.map((m) => [m.name.full, m.professionalTitles])).toEqual([
      ['KNAPP HEINRICH', ['DIPL.-PHYS.', 'DR.']],
      ['HEISER JOACHIM', ['DIPL.-ING.']],
    ]);
    expect(outs[0]!.mentions[0]!.name.order).toBe('surname-first');
    expect(outs[0]!.mentions[0]!.patents[0]).toMatchObject({
      country: 'DE',
      number: '1258188',
      kind: 'B',
      docType: 'grant',
      familyId: '6979546',
    });
    expect(outs[0]!.mentions[0]!.affiliations[0]?.organization).toBe('ROBERT BOSCH G.M.B.H.');
    // Cited patents name their applicants (AMERICAN BOSCH CORP): never people, never employers.
    expect(JSON.stringify(outs.map((o) => o.mentions.map((m) => m.name)))).not.toMatch(/AMERICAN BOSCH/);
  });
});
