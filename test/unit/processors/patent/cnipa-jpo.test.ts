import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { normalizePersonName } from '../../../../processors/normalize/person-name.js';
import { defaultParseLimits, type ParseOutcome } from '../../../../processors/parser.js';
import { cnipaParser } from '../../../../processors/patent/cnipa-parser.js';
import { jpoParser } from '../../../../processors/patent/jpo-parser.js';
import { chineseAddress } from '../../../../processors/patent/office-names.js';
import { nameBlockKeys } from '../../../../processors/resolve/blocking-keys.js';
import { nameForm } from '../../../../processors/resolve/index.js';
import { detectFormat } from '../../../../processors/registry.js';
import { corpusEnvelope, describeWithCorpus, envelopeOf } from '../../../helpers/corpus.js';
import { madeUpCnipa, madeUpJpo } from '../../../fixtures/patent/made-up-offices.js';

type Parsed = Extract<ParseOutcome, { status: 'parsed' }>;

function parsed(out: ParseOutcome): Parsed {
  if (out.status !== 'parsed') throw new Error(JSON.stringify(out));
  return out;
}

describe('cnipaParser on made-up documents', () => {
  it('reads Han inventors, the applicant with its province and city, never the agency or agent', () => {
    const out = parsed(cnipaParser.parse(envelopeOf(madeUpCnipa(), 'cnipa-xml'), defaultParseLimits));
    expect(out.mentions.map((m) => m.name.full)).toEqual(['欧阳晓明', '李华']);
    const m = out.mentions[0]!;
    expect(m.affiliations[0]).toMatchObject({
      organization: '虚构新能源科技有限公司',
      location: {
        postalCode: '130012',
        region: '吉林省',
        city: '长春市',
        country: 'CN',
        street: '朝阳区虚构路1号',
      },
    });
    expect(m.patents[0]).toMatchObject({
      country: 'CN',
      number: '199999999',
      kind: 'B',
      docType: 'grant',
      ipc: ['H01M 10/0525'],
      filingDate: '2023-03-01',
    });
    expect(JSON.stringify(out)).not.toMatch(/代理/);
    const name = normalizePersonName(m.name);
    expect([name.family, name.pinyinKey]).toEqual(['欧阳', 'ouyangxiaoming']);
  });

  it('reads a document in GBK declared in its XML prolog', () => {
    const body = iconv.encode(madeUpCnipa('GBK'), 'gbk');
    expect(body.includes(Buffer.from('欧阳晓明'))).toBe(false);
    const out = parsed(cnipaParser.parse(envelopeOf(body, 'cnipa-xml'), defaultParseLimits));
    expect(out.mentions.map((m) => m.name.full)).toEqual(['欧阳晓明', '李华']);
    expect(detectFormat(madeUpCnipa())).toBe('cnipa-xml');
  });

  it('splits Chinese addresses into province and city, municipalities included', () => {
    expect(chineseAddress('100176 北京市经济技术开发区永昌北路11号')).toEqual({
      postalCode: '100176',
      region: '北京市',
      city: '北京市',
      country: 'CN',
      street: '经济技术开发区永昌北路11号',
    });
    expect(chineseAddress('广西壮族自治区南宁市青秀区')).toMatchObject({
      region: '广西壮族自治区',
      city: '南宁市',
    });
    expect(chineseAddress('韩国京畿道')).toEqual({ country: 'KR', street: '韩国京畿道' });
  });
});

describe('jpoParser on made-up documents', () => {
  it('keeps Japanese names in Japanese script with no pinyin, care-of company as employer, no agent', () => {
    const out = parsed(jpoParser.parse(envelopeOf(madeUpJpo(), 'jpo-xml'), defaultParseLimits));
    expect(out.mentions).toHaveLength(1);
    const m = out.mentions[0]!;
    expect(m.name).toEqual({
      full: '山田 花子',
      family: '山田',
      given: '花子',
      order: 'surname-first',
      lang: 'ja',
    });
    expect(m.location).toMatchObject({ region: '大阪府', city: '大阪市', country: 'JP' });
    expect(m.affiliations.map((a) => a.organization)).toEqual(['架空工業株式会社']);
    expect(m.patents[0]).toMatchObject({
      number: '2099000001',
      kind: 'A',
      docType: 'application',
      ipc: ['G06N 3/08'],
      fterms: ['5L099AA01'],
      applicants: ['架空工業株式会社'],
    });
    expect(JSON.stringify(out)).not.toMatch(/代理|本文/);
    const name = normalizePersonName(m.name);
    expect(name.display).toBe('山田 花子');
    expect(name.pinyinKey).toBeUndefined();
    expect(name.latin).toBeUndefined();
    const form = nameForm(m.name)!;
    expect(form.readings).toEqual([]);
    expect(nameBlockKeys(form)).toEqual(['name:山田|花']);
  });

  it('a B document is a grant whose applicant is the assignee', () => {
    const out = parsed(jpoParser.parse(envelopeOf(madeUpJpo('B2'), 'jpo-xml'), defaultParseLimits));
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      docType: 'grant',
      assignees: ['架空工業株式会社'],
      applicants: [],
    });
  });
});

describeWithCorpus('CNIPA corpus (business: V2.2.1 and cn-patent-document)', () => {
  it('new schema, full text: four inventors, applicant address as province/city', () => {
    const out = parsed(
      cnipaParser.parse(
        corpusEnvelope('patents-cnipa/cnipa_new_CN115212463A_full.XML', 'cnipa-xml'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual(['曹凯', '张圈世', '许亚飞', '王亮']);
    expect(out.mentions[0]!.affiliations[0]).toMatchObject({
      organization: '北京大基康明医疗设备有限公司',
      location: { region: '北京市', city: '北京市', postalCode: '100176' },
    });
    expect(out.mentions[0]!.patents[0]).toMatchObject({
      number: '115212463',
      kind: 'A',
      ipc: ['A61N 5/00'],
      title: '一种医用放射治疗装置',
    });
    expect(JSON.stringify(out)).not.toMatch(/许静|安利霞|银龙/);
  });

  it('new schema: a Korean applicant keeps its country, its agents are not people', () => {
    const out = parsed(
      cnipaParser.parse(
        corpusEnvelope('patents-cnipa/cnipa_new_format_CN113781974A.xml', 'cnipa-xml'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual(['金驲柱', '田武经', '李安洙']);
    expect(out.mentions[0]!.affiliations[0]?.location?.country).toBe('KR');
    expect(out.mentions[0]!.patents[0]!.ipc).toEqual(['G09G 3/36', 'G09G 3/3208', 'G09G 3/34']);
    expect(JSON.stringify(out)).not.toMatch(/王达佐|刘铮/);
  });

  it('old cn-patent-document: eight inventors, applicant in 云南省 昆明市', () => {
    const out = parsed(
      cnipaParser.parse(
        corpusEnvelope('patents-cnipa/cnipa_old_format_CN104223352A.xml', 'cnipa-xml'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual([
      '段焰青',
      '者为',
      '李青青',
      '叶灵',
      '张伟',
      '夏建军',
      '党立志',
      '王文元',
    ]);
    expect(out.mentions[0]!.affiliations[0]?.location).toMatchObject({
      region: '云南省',
      city: '昆明市',
      postalCode: '650231',
    });
    expect(JSON.stringify(out)).not.toMatch(/谢嘉|旃习涵|协立/);
  });
});

describeWithCorpus('JPO gazette corpus', () => {
  it('JP2021041306A: one inventor care of the applicant, F-terms, no pinyin', () => {
    const out = parsed(
      jpoParser.parse(
        corpusEnvelope('patents-jpo/jpo_gazette_JP2021041306A.xml', 'jpo-xml'),
        defaultParseLimits,
      ),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual(['福永 悟大']);
    expect(out.mentions[0]!.affiliations[0]?.organization).toBe('凸版印刷株式会社');
    expect(out.mentions[0]!.location).toMatchObject({ region: '東京都', city: '台東区' });
    expect(out.mentions[0]!.patents[0]!.fterms).toContain('3E067AA03');
    expect(out.mentions[0]!.patents[0]!.ipc[0]).toBe('B01J 20/22');
    expect(normalizePersonName(out.mentions[0]!.name).pinyinKey).toBeUndefined();
  });

  it('JP2021193879A: two inventors, the representatives (代理人) are not people', () => {
    const out = parsed(
      jpoParser.parse(corpusEnvelope('patents-jpo/jpo_old_2021193879.xml', 'jpo-xml'), defaultParseLimits),
    );
    expect(out.mentions.map((m) => m.name.full)).toEqual(['畑中 弘紀', '岡田 賢二']);
    expect(out.mentions[1]!.affiliations[0]?.organization).toBe('日本水産株式会社');
    expect(JSON.stringify(out)).not.toMatch(/速水|天城/);
  });
});

describe('bulk splitting of declared XML documents', () => {
  it('does not cut at an <?xml-stylesheet?> instruction inside a document', async () => {
    const { splitConcatenatedXml } = await import('../../../../processors/patent/split-concatenated.js');
    const doc =
      '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n<cn-patent-document/>\n';
    const docs = [];
    for await (const d of splitConcatenatedXml(
      (async function* () {
        yield Buffer.from(doc + doc);
      })(),
    ))
      docs.push(d.bytes.toString());
    expect(docs).toEqual([doc, doc]);
  });
});
