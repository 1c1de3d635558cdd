import { describe, expect, it } from 'vitest';
import { holdsContact, MASK, scrubContactText, scrubContacts } from '../../../lib/contact-text.js';

/** Made-up people, numbers and places only. */
describe('contact details found by content', () => {
  it('e-mails: plain, full-width, obfuscated, after a label', () => {
    const cases: Array<[string, string]> = [
      ['Write to wei.li@example.org today', `Write to ${MASK} today`],
      ['Principal engineer ada.leak@example.net', `Principal engineer ${MASK}`],
      ['contact: ada(AT)example(DOT)net', `contact: ${MASK}`],
      ['mail ada [at] example [dot] com.', `mail ${MASK}.`],
      ['ada.leak at example dot com', MASK],
      ['ada （at） example.cn', MASK],
      ['邮箱：zhangsan#example.ac.cn，欢迎联系', `邮箱：${MASK}，欢迎联系`],
      ['E-mail: li_wei AT example DOT org', `E-mail: ${MASK}`],
      ['邮箱：wangfang＠example.com', `邮箱：${MASK}`],
    ];
    for (const [text, masked] of cases) expect(scrubContacts(text), text).toBe(masked);
    expect(scrubContactText('x wei.li@example.org').kinds).toEqual(new Set(['emails']));
  });

  it('phones: international, Chinese mobiles and landlines, North American, after a label', () => {
    const cases: Array<[string, string]> = [
      ['call +86 431 8517 6000.', `call ${MASK}.`],
      ['Lead engineer +86 138-1234-5678', `Lead engineer ${MASK}`],
      ['+8613812345678', MASK],
      ['手机：13912345678', `手机：${MASK}`],
      ['手机 139-1234-5678；', `手机 ${MASK}；`],
      ['电话：0431-85176000', `电话：${MASK}`],
      ['办公电话：010-6275 1234', `办公电话：${MASK}`],
      ['Tel (555) 010-2030', `Tel ${MASK}`],
      ['（0431）85176000', MASK],
      ['555.010.2030', MASK],
      ['400-123-4567', MASK],
      ['Phone: 5550102', `Phone: ${MASK}`],
      ['QQ：12345678', `QQ：${MASK}`],
      ['手机：１３９１２３４５６７８', `手机:${MASK}`],
    ];
    for (const [text, masked] of cases) expect(scrubContacts(text), text).toBe(masked);
  });

  it('postal addresses: Chinese street addresses, English street lines, labels, postcodes', () => {
    const cases: Array<[string, string]> = [
      ['地址：吉林省长春市东南湖大路3888号，邮编130033', `地址：${MASK}，${MASK}`],
      ['他的家在长春市东南湖大路3888号5栋', `他的家在长春市${MASK}`],
      ['北京市海淀区中关村南三街6号', `北京市海淀区${MASK}`],
      ['Address: 12 Example Road, Springfield', `Address: ${MASK}, Springfield`],
      ['lives at 1600 Example Avenue, Suite 210 in Springfield', `lives at ${MASK} in Springfield`],
      ['P.O. Box 4411', MASK],
    ];
    for (const [text, masked] of cases) expect(scrubContacts(text), text).toBe(masked);
  });

  it('birth dates in Chinese and English', () => {
    expect(scrubContacts('张三，男，1965年8月出生，中国国籍')).toBe(`张三，男，${MASK}，中国国籍`);
    expect(scrubContacts('出生年月：1973年11月')).toBe(MASK);
    expect(scrubContacts('She was born on March 3, 1961 in Ohio.')).toBe(`She was ${MASK} in Ohio.`);
  });

  it('leaves dates, patent numbers, ISBNs, DOIs, ORCIDs, amounts and places alone', () => {
    for (const text of [
      'US 99999001 B2 2025-01-07',
      'US 20220159901 A1 2022-05-26',
      'CN 201510123456.7',
      'CN112345678A',
      'ZL 2015 1 0123456.7',
      'ISBN 978-7-03-012345-6',
      'ISBN 978-0-306-40615-7',
      'doi:10.1016/j.optlastec.2019.105721',
      'https://doi.org/10.1364/OE.27.012345',
      'ORCID 0000-0002-1825-0097',
      'Ajay K. Puri Executive Vice President | $1,500,000 |',
      '¥12,345,678.90 and 13,912,345,678 shares',
      'revenue 1,234,567,890 RMB',
      '2006年8月-2009年12月，示例出版社计划财务部主任',
      '1995年毕业于示例对外贸易学院',
      'Ms. Example, age 43, has served as Senior Controller since June 2019',
      '吉林省长春市',
      '现任示例卫星技术股份有限公司董事长',
      'Mobile: Swift, Kotlin',
      'Python; C#.NET; Java',
      'Form 4 accession 0001234567-25-000123',
      'CIK 0001234567',
      'timestamp 1735689600000',
      '2019-2023 at 3 Examples Ltd',
      'GB/T 7714-2015',
      'IEEE 802.11 and 5G NR',
      'H01L 21/02 and G02B 13/00',
      // Shapes met in the real corpus:
      'ISNI 0000 0001 2345 6789',
      '"val": 15000000000,',
      '"val": 15312345678,',
      '<doc-number>FR13912345678</doc-number>',
      'authorDetails.url?authorID=13912345678&partnerID=X',
      'skill/6e53fd99-b646-4327-9580-ac062ab21188',
      'J.C.S. Perkin II (1979)1653-1660',
      'Oncogene 17 (25) 3301-3308',
    ])
      expect(holdsContact(text), text).toBe(false);
  });
});
