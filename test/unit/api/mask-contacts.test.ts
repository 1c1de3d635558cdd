import { describe, expect, it } from 'vitest';
import { MASK, maskContacts, scrubContacts } from '../../../api/access/mask-contacts.js';
import type { TalentProfile } from '../../../processors/model/profile.js';
import { factory, mention } from '../../contract/fixtures.js';
import { madeUpRecord } from '../../helpers/made-up-mentions.js';

describe('scrubContacts', () => {
  it('hides e-mails, phone numbers and birth dates in free text', () => {
    expect(scrubContacts('Write to wei.li@example.org or call +86 431 8517 6000.')).toBe(
      `Write to ${MASK} or call ${MASK}.`,
    );
    expect(scrubContacts('Tel (555) 010-2030, mobile 13912345678, office 0431-85176000')).toBe(
      `Tel ${MASK}, mobile ${MASK}, office ${MASK}`,
    );
    expect(scrubContacts('张三，男，1965年8月出生，中国国籍')).toBe(`张三，男，${MASK}，中国国籍`);
    expect(scrubContacts('陈昆先生：1947年生，大学学历')).toBe(`陈昆先生：${MASK}，大学学历`);
    expect(scrubContacts('出生年月：1973年11月性别：女')).toBe(`${MASK}性别：女`);
    expect(scrubContacts('She was born on March 3, 1961 in Ohio.')).toBe(`She was ${MASK} in Ohio.`);
  });

  it('leaves dates, patent numbers, amounts and career years alone', () => {
    for (const text of [
      'US 99999001 B2 2025-01-07',
      'Ajay K. Puri Executive Vice President | $1,500,000 |',
      '2006年8月-2009年12月，湖北人民出版社计划财务部主任',
      '1995年毕业于上海对外贸易学院',
      'Ms. Gift, age 43, has served as Senior Controller since June 2019',
      'US 20220159901 A1 2022-05-26',
    ])
      expect(scrubContacts(text), text).toBe(text);
  });
});

describe('maskContacts', () => {
  const profile: TalentProfile = factory.profiles([
    madeUpRecord([
      mention({
        sourceId: 'mask:1',
        name: { full: 'Mia Example' },
        emails: ['mia@example.org'],
        phones: ['+1 555 010 2030'],
        birthDate: '1980-04-02',
        summary: 'Reach me at mia@example.org.',
        evidence: [
          { sourceId: 'mask:1', path: 'basics.name', snippet: 'Mia Example' },
          { sourceId: 'mask:1', path: 'basics.email', snippet: 'mia@example.org' },
          {
            sourceId: 'mask:1',
            path: 'ownershipDocument/reportingOwnerAddress',
            snippet: '1 Main St, Austin, TX',
          },
          { sourceId: 'mask:1', path: 'person@line[3-5]', snippet: 'Mia，女，1980年4月出生，博士' },
        ],
      }),
    ]),
  ])[0] as TalentProfile;

  it('removes contact fields and masks the evidence that repeats them', () => {
    expect(profile.emails).toEqual(['mia@example.org']);
    const { profile: masked, hidden } = maskContacts(profile);
    expect(masked.emails).toEqual([]);
    expect(masked.phones).toEqual([]);
    expect(masked.birthDate).toBeUndefined();
    expect(hidden).toEqual(['emails', 'phones', 'birthDate', 'address']);
    const snippets = masked.evidence.flatMap((e) => e.facts.map((f) => f.snippet));
    expect(snippets).toContain('Mia Example');
    expect(snippets).toContain(`Mia，女，${MASK}，博士`);
    const text = JSON.stringify(masked);
    for (const secret of ['mia@example.org', '555 010', '1980-04-02', '1 Main St', '1980年4月'])
      expect(text, secret).not.toContain(secret);
    // The stored profile is untouched.
    expect(profile.evidence.flatMap((e) => e.facts).some((f) => f.snippet === 'mia@example.org')).toBe(true);
  });
});
