import { describe, expect, it } from 'vitest';
import type { PersonMention } from '../../../../processors/model/mention.js';
import { normalizePersonName } from '../../../../processors/normalize/person-name.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { cnipaParser } from '../../../../processors/patent/cnipa-parser.js';
import { docdbParser } from '../../../../processors/patent/docdb-parser.js';
import { jpoParser } from '../../../../processors/patent/jpo-parser.js';
import { isJapaneseOrganization } from '../../../../processors/patent/office-names.js';
import { classificationSymbol } from '../../../../processors/patent/office-patent.js';
import { nameForm } from '../../../../processors/resolve/index.js';
import { corpusEnvelope, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';

/**
 * What the offices write around names: JPO departments and divisions in name and address fields,
 * IPC symbols without their slash, Korean names in Han script, Portuguese and Spanish compound
 * surnames in DOCDB's surname-first form. All documents are made up, in the offices' formats.
 */

type Parsed = Extract<ParseOutcome, { status: 'parsed' }>;

function parsed(out: ParseOutcome): Parsed {
  if (out.status !== 'parsed') throw new Error(JSON.stringify(out));
  return out;
}

const byName = (mentions: PersonMention[], full: string): PersonMention => {
  const found = mentions.find((m) => m.name.full === full);
  if (found === undefined)
    throw new Error(`no mention ${full} in ${mentions.map((m) => m.name.full).join(', ')}`);
  return found;
};

const jpoInventor = (name: string, address: string): string =>
  `<inventor><addressbook><name>${name}</name><address><text>${address}</text></address></addressbook></inventor>`;

/** A JPO gazette A document with the parties given. */
function jpo(
  applicants: string[],
  inventors: string[],
  ipc = 'H01L  21/02        20060101AFI20240101BHJP',
): string {
  return `<jp-official-gazette kind-of-jp="A" kind-of-st16="A" lang="ja" dtd-version="1.0" country="JP" xmlns:jp="http://www.jpo.go.jp"><bibliographic-data lang="ja" country="JP">
<publication-reference><document-id><country>JP</country><doc-number>2099000077</doc-number><kind>公開特許公報(A)</kind><date>20240110</date></document-id></publication-reference>
<application-reference><document-id><doc-number>2022000077</doc-number><date>20220202</date></document-id></application-reference>
<invention-title>架空の半導体装置</invention-title>
<classification-ipc><main-clsf>${ipc}</main-clsf><further-clsf>H01L0021300000</further-clsf></classification-ipc>
<parties><jp:applicants-agents-article><jp:applicants-agents sequence="1">
${applicants.map((a, i) => `<applicant sequence="${i + 1}"><addressbook lang="ja"><name>${a}</name><address><text>東京都千代田区架空町１番</text></address></addressbook></applicant>`).join('\n')}
</jp:applicants-agents></jp:applicants-agents-article>
<inventors>${inventors.join('\n')}</inventors>
</parties></bibliographic-data>
</jp-official-gazette>
`;
}

describe('JPO departments and divisions are never people nor parts of names', () => {
  const out = parsed(
    jpoParser.parse(
      envelopeOf(
        jpo(
          ['架空電機株式会社\u3000知的財産部', '服部\u3000花子', '架空市\u3000総務課'],
          [
            jpoInventor('阿部\u3000太郎', '東京都千代田区架空町１番\u3000架空電機株式会社中央研究所内'),
            jpoInventor(
              '研究開発部\u3000山田\u3000一郎',
              '神奈川県川崎市架空区２番\u3000架空電機株式会社\u3000研究開発部内',
            ),
            jpoInventor('知的財産部', '東京都千代田区架空町１番'),
            jpoInventor('長谷部\u3000誠', '大阪府大阪市北区架空町３番\u3000架空電機株式会社\u3000特許課内'),
          ],
        ),
        'jpo-xml',
      ),
      defaultParseLimits,
    ),
  );

  it('keeps surnames that end in 部 (阿部, 長谷部, 服部) and drops department tokens from names', () => {
    expect(out.mentions.map((m) => m.name.full)).toEqual(['阿部 太郎', '山田 一郎', '長谷部 誠']);
    // Applicants are not mentions; the person among them is told from the organisations.
    expect(isJapaneseOrganization('服部 花子')).toBe(false);
    expect(isJapaneseOrganization('架空市 総務課')).toBe(true);
    expect(byName(out.mentions, '山田 一郎').name).toMatchObject({
      family: '山田',
      given: '一郎',
      lang: 'ja',
    });
  });

  it('a name field holding only a department is no person; an applicant with a department or section is an organisation', () => {
    expect(JSON.stringify(out.mentions.map((m) => m.name))).not.toMatch(/知的財産部|総務課|研究開発部/);
    expect(out.mentions[0]!.patents[0]!.applicants).toEqual([
      '架空電機株式会社 知的財産部',
      '服部 花子',
      '架空市 総務課',
    ]);
  });

  it('the care-of employer is the company, without the department written after it', () => {
    expect(byName(out.mentions, '阿部 太郎').affiliations.map((a) => a.organization)).toEqual([
      '架空電機株式会社',
    ]);
    expect(byName(out.mentions, '長谷部 誠').affiliations.map((a) => a.organization)).toEqual([
      '架空電機株式会社',
    ]);
  });
});

describe('IPC symbols written without the slash are the same class', () => {
  it('reads the ST.8 fixed-width form, groups apart, and digits run together', () => {
    const forms = [
      'H01L 21/02',
      'H01L  21/02        20060101AFI20240101BHJP',
      'H01L0021020000',
      'H01L 21 02',
      'H01L2102',
      'H01L 2102',
    ];
    expect(new Set(forms.map(classificationSymbol))).toEqual(new Set(['H01L 21/02']));
    // Green Book ICL pads the main group to three places; the subgroup keeps its digits.
    expect(classificationSymbol('A61K 31415')).toBe('A61K 31/415');
    expect(classificationSymbol('B60R  900')).toBe('B60R 9/00');
    expect(classificationSymbol('G05B0019418000')).toBe('G05B 19/418');
    expect(classificationSymbol('H01L')).toBe('H01L');
  });

  it('one class in a document written both ways', () => {
    const out = parsed(
      jpoParser.parse(
        envelopeOf(
          jpo(['架空電機株式会社'], [jpoInventor('山田\u3000花子', '東京都千代田区架空町１番')], 'H01L2102'),
          'jpo-xml',
        ),
        defaultParseLimits,
      ),
    );
    expect(out.mentions[0]!.patents[0]!.ipc).toEqual(['H01L 21/02', 'H01L 21/30']);
  });
});

describe('Korean names in Han script are not read as Chinese', () => {
  it('CNIPA: an inventor with a Korean address keeps the Hanja name, split surname first, with no pinyin', () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?>
<business:PatentDocumentAndRelated xmlns:base="http://www.sipo.gov.cn/XMLSchema/base" xmlns:business="http://www.sipo.gov.cn/XMLSchema/business" xsdVersion="V2.2.1" lang="zh" country="CN">
  <business:BibliographicData>
    <business:PublicationReference dataFormat="standard" sequence="1"><base:DocumentID><base:WIPOST3Code>CN</base:WIPOST3Code><base:DocNumber>199999977</base:DocNumber><base:Kind>A</base:Kind><base:Date>20240105</base:Date></base:DocumentID></business:PublicationReference>
    <business:InventionTitle lang="zh">一种虚构的显示装置</business:InventionTitle>
    <business:Parties>
      <business:ApplicantDetails><business:Applicant sequence="1"><base:AddressBook lang="zh"><base:Name>虚构电子株式会社</base:Name><base:Address><base:Text>韩国京畿道虚构市虚构路1号</base:Text></base:Address></base:AddressBook></business:Applicant></business:ApplicantDetails>
      <business:InventorDetails>
        <business:Inventor sequence="1"><base:AddressBook lang="zh"><base:Name>金哲洙</base:Name><base:Address><base:WIPOST3Code>KR</base:WIPOST3Code><base:Text>韩国京畿道虚构市</base:Text></base:Address></base:AddressBook></business:Inventor>
        <business:Inventor sequence="2"><base:AddressBook lang="zh"><base:Name>南宫敏</base:Name><base:Address><base:Text>大韩民国首尔市虚构路2号</base:Text></base:Address></base:AddressBook></business:Inventor>
        <business:Inventor sequence="3"><base:AddressBook lang="zh"><base:Name>李华</base:Name><base:Address><base:Text>130012 吉林省长春市朝阳区虚构路1号</base:Text></base:Address></base:AddressBook></business:Inventor>
      </business:InventorDetails>
    </business:Parties>
  </business:BibliographicData>
</business:PatentDocumentAndRelated>`;
    const out = parsed(cnipaParser.parse(envelopeOf(doc, 'cnipa-xml'), defaultParseLimits));
    const kim = byName(out.mentions, '金哲洙');
    expect(kim.name.lang).toBe('ko');
    expect(kim.location).toMatchObject({ country: 'KR' });
    const name = normalizePersonName(kim.name);
    expect([name.family, name.given, name.pinyinKey]).toEqual(['金', '哲洙', undefined]);
    expect(nameForm(kim.name)?.readings).toEqual([]);
    expect(normalizePersonName(byName(out.mentions, '南宫敏').name).family).toBe('南宫');
    // The Chinese inventor beside them is still read as Chinese.
    const li = byName(out.mentions, '李华');
    expect(li.name.lang).toBeUndefined();
    expect(normalizePersonName(li.name).pinyinKey).toBe('lihua');
  });

  it('JPO: an inventor with an address in Korea is marked Korean, not Japanese', () => {
    const out = parsed(
      jpoParser.parse(
        envelopeOf(
          jpo(['架空電機株式会社'], [jpoInventor('朴\u3000志勲', '大韓民国ソウル特別市架空区１番')]),
          'jpo-xml',
        ),
        defaultParseLimits,
      ),
    );
    expect(out.mentions[0]!.name).toMatchObject({ full: '朴 志勲', family: '朴', given: '志勲', lang: 'ko' });
    expect(out.mentions[0]!.location).toMatchObject({ country: 'KR' });
  });
});

/** A DOCDB exchange document whose inventors are given in the `docdb` form only (surname first, no comma). */
function docdb(inventors: Array<[string, string]>): string {
  const parties = inventors
    .map(
      ([name, country], i) =>
        `<exch:inventor sequence="${i + 1}" data-format="docdb"><exch:inventor-name><name>${name}</name></exch:inventor-name><residence><country>${country}</country></residence></exch:inventor>`,
    )
    .join('');
  return `<exch:exchange-document country="WO" doc-number="2099077" kind="A1" doc-id="9" date-publ="20230105" family-id="7772099077" status="A"><exch:bibliographic-data><exch:publication-reference data-format="docdb"><document-id><country>WO</country><doc-number>2099077</doc-number><kind>A1</kind><date>20230105</date></document-id></exch:publication-reference><exch:classifications-ipcr><classification-ipcr sequence="1"><text>H01L0021020000</text></classification-ipcr></exch:classifications-ipcr><exch:parties><exch:inventors>${parties}</exch:inventors></exch:parties><exch:invention-title lang="en" data-format="docdba">MADE-UP WAFER</exch:invention-title></exch:bibliographic-data></exch:exchange-document>`;
}

describe('DOCDB compound surnames keep their particles', () => {
  const out = parsed(
    docdbParser.parse(
      envelopeOf(
        docdb([
          ['DA SILVA JOAO PEDRO', 'BR'],
          ['OLIVEIRA DOS SANTOS ADRIANA', 'PT'],
          ['DE LA CRUZ JUAN', 'MX'],
          ['GARCIA DE LA CRUZ MARIA', 'ES'],
          ['DOS SANTOS MARIA DE FATIMA', 'BR'],
          ['金哲洙', 'KR'],
        ]),
        'docdb-xml',
      ),
      defaultParseLimits,
    ),
  );

  it('reads the particles and the surname after them as the family name', () => {
    const names = out.mentions.map((m) => normalizePersonName(m.name));
    expect(names.map((n) => [n.display, n.family, n.given])).toEqual([
      ['Joao Pedro da Silva', 'da Silva', 'Joao Pedro'],
      ['Adriana Oliveira dos Santos', 'Oliveira dos Santos', 'Adriana'],
      ['Juan de la Cruz', 'de la Cruz', 'Juan'],
      ['Maria Garcia de la Cruz', 'Garcia de la Cruz', 'Maria'],
      ['Maria de Fatima dos Santos', 'dos Santos', 'Maria de Fatima'],
      ['金哲洙', '金', '哲洙'],
    ]);
  });

  it('a Han-script name of a Korean resident is Korean; the IPC is the class whatever its form', () => {
    expect(out.mentions[5]!.name.lang).toBe('ko');
    expect(out.mentions[0]!.patents[0]!.ipc).toEqual(['H01L 21/02']);
  });
});

describeWithCorpus('office names in the real samples', () => {
  it('CNIPA: the inventors of a Korean applicant’s filing (priority KR, no addresses) are read as Korean', () => {
    const out = parsed(
      cnipaParser.parse(
        corpusEnvelope('patents-cnipa/cnipa_new_format_CN113781974A.xml', 'cnipa-xml'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => [m.name.full, m.name.lang])).toEqual([
      ['金驲柱', 'ko'],
      ['田武经', 'ko'],
      ['李安洙', 'ko'],
    ]);
    expect(normalizePersonName(out.mentions[0]!.name).pinyinKey).toBeUndefined();
  });

  it('DOCDB: Portuguese compound surnames from the "SURNAME, Given" form stay whole', () => {
    const out = parsed(
      docdbParser.parse(
        corpusEnvelope('patents-docdb/docdb_WO-2022259205-A1_544370561.xml', 'docdb-xml'),
        defaultParseLimits,
      ),
    );
    expect(normalizePersonName(out.mentions[0]!.name)).toMatchObject({
      display: 'Adriana Oliveira dos Santos',
      family: 'Oliveira dos Santos',
      given: 'Adriana',
    });
  });

  it('JPO: the care-of employer written with its department is the company', () => {
    const out = parsed(
      jpoParser.parse(corpusEnvelope('patents-jpo/jpo_old_2021193879.xml', 'jpo-xml'), defaultParseLimits),
    );
    expect(out.mentions.flatMap((m) => m.affiliations.map((a) => a.organization))).toEqual([
      '日本水産株式会社',
      '日本水産株式会社',
    ]);
  });
});
