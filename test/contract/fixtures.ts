import { loadConfig } from '../../config/load.js';
import type { PersonMention, RawPatent } from '../../processors/model/mention.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { madeUpMention, madeUpPatent, madeUpRecord } from '../helpers/made-up-mentions.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';

/**
 * Made-up people built into TalentProfiles by the real pipeline (normalize, merge, score), so the
 * contract tests exercise the documents an index really stores, without depending on the corpus.
 */
const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
export const factory = ProfileFactory.fromConfig(config);

type MentionInput = Partial<PersonMention> & { name: PersonMention['name']; sourceId: string };

export const mention = (input: MentionInput): PersonMention => madeUpMention(input);
export const record = (m: PersonMention, fetchedAt?: string): ParsedRecord => madeUpRecord([m], fetchedAt);

const patent = (number: string, cpc: string[], title: string, abstract: string): RawPatent =>
  madeUpPatent(number, cpc, title, abstract);

const ev = (sourceId: string, path: string) => ({ sourceId, path });

export function fixtureMentions(): PersonMention[] {
  return [
    mention({
      sourceId: 'fx:wang',
      name: { full: '王光明', order: 'surname-first' },
      format: 'zh-resume-text',
      professionalTitles: ['研究员'],
      skills: ['光学设计', '激光'],
      location: { city: '长春', region: '吉林', country: '中国' },
      summary: '长期从事光电成像与空间光学遥感器研制，长春光机所研究员。',
      // Own work in the field: under the scoring rules the top of the range needs evidence of the
      // person's own beyond the employer, and the contract wants this researcher ranked first.
      publications: [
        {
          id: 'fx:wang-work-1',
          title: 'Design of an off-axis reflective optical system for high-resolution imaging',
          year: 2024,
          venue: 'Optics Express',
          topics: ['Optics', 'Optical design'],
          keywords: ['optical design', 'imaging'],
          citedByCount: 240,
          authors: ['王光明'],
          authorPosition: 1,
        },
        {
          id: 'fx:wang-work-2',
          title: 'Stray light suppression in a wide-field optical camera',
          year: 2025,
          venue: 'Applied Optics',
          topics: ['Optics'],
          keywords: ['stray light'],
          citedByCount: 160,
          authors: ['王光明'],
          authorPosition: 1,
        },
      ],
      affiliations: [
        {
          organization: '中国科学院长春光学精密机械与物理研究所',
          title: '研究员',
          current: true,
          evidence: ev('fx:wang', 'work[0]'),
        },
      ],
    }),
    mention({
      sourceId: 'fx:ada',
      name: { full: 'Ada Example' },
      sourceKind: 'patent',
      format: 'uspto-xml',
      role: 'inventor',
      location: { city: 'Austin', region: 'TX', country: 'US' },
      patents: [
        patent(
          '11000001',
          ['H01L 21/768'],
          'Semiconductor materials for power devices',
          'A wide bandgap semiconductor material grown on silicon carbide.',
        ),
        patent(
          '11000002',
          ['H01L 29/78'],
          'Trench gate transistor',
          'A power transistor with a trench gate and low leakage.',
        ),
        patent(
          '11000003',
          ['H10B 12/00'],
          'Memory cell array',
          'A dense memory array for embedded processors.',
        ),
      ],
    }),
    mention({
      sourceId: 'fx:li',
      name: { full: '李长风', order: 'surname-first' },
      format: 'zh-resume-text',
      professionalTitles: ['高级工程师'],
      skills: ['电池管理', '自动驾驶'],
      location: { city: '长春', country: 'CN' },
      summary: '负责新能源汽车动力电池与整车控制系统开发。',
      affiliations: [
        {
          organization: '中国第一汽车集团有限公司',
          title: '高级工程师',
          current: true,
          evidence: ev('fx:li', 'work[0]'),
        },
      ],
    }),
    mention({
      sourceId: 'fx:grace',
      name: { full: 'Grace Sample' },
      location: { city: 'Boston', region: 'MA', country: 'US' },
      skills: ['Machine learning', 'Deep learning'],
      summary: 'Works on computer vision and large language models.',
      affiliations: [
        {
          organization: 'Example University',
          title: 'Professor of Computer Science',
          current: true,
          evidence: ev('fx:grace', 'work[0]'),
        },
      ],
    }),
    mention({
      sourceId: 'fx:chen',
      name: { full: 'Wei Chen' },
      otherNames: ['陈伟'],
      location: { city: 'Changchun', region: 'Jilin', country: 'CN' },
      skills: ['Laser', 'Photonics'],
      summary: 'Builds fiber laser systems for industrial cutting.',
      affiliations: [
        {
          organization: 'Jilin Photonics Co., Ltd.',
          title: 'Director of Engineering',
          current: true,
          evidence: ev('fx:chen', 'work[0]'),
        },
      ],
    }),
    mention({
      sourceId: 'fx:bob',
      name: { full: 'Bob Filer' },
      sourceKind: 'filing',
      format: 'sec-ownership-xml',
      role: 'officer',
      // An operating officer, not a finance one: a finance or board-only post gets almost no
      // employer context and is capped at tier C, and the contract wants a tier B automotive filer.
      location: { city: 'Detroit', region: 'MI', country: 'US' },
      filingRoles: [
        {
          issuer: 'Acme Motors Inc',
          role: 'officer',
          title: 'Chief Operating Officer',
          form: '4',
          date: '2025-06-01',
          sic: '3711',
        },
      ],
      affiliations: [
        {
          organization: 'Acme Motors Inc',
          title: 'Chief Operating Officer',
          current: true,
          sic: '3711',
          evidence: ev('fx:bob', 'owner[0]'),
        },
      ],
    }),
    // Fillers, so pagination crosses several pages with ties in the sort key.
    ...Array.from({ length: 23 }, (_, i) =>
      mention({
        sourceId: `fx:filler${i}`,
        name: { full: `Filler Person${String.fromCharCode(65 + i)}` },
        skills: [i % 2 === 0 ? 'Welding' : 'Accounting'],
        affiliations: [
          {
            organization: `Filler Works ${i}`,
            title: i % 3 === 0 ? 'Engineer' : 'Clerk',
            current: true,
            evidence: ev(`fx:filler${i}`, 'work[0]'),
          },
        ],
      }),
    ),
  ];
}

let cached: TalentProfile[] | undefined;
/** One profile per fixture mention (each is its own person). */
export function fixtureProfiles(): TalentProfile[] {
  // Grace was seen later than the others: the `seenSince` filter needs a difference.
  cached ??= factory.profiles(
    fixtureMentions().map((m) =>
      record(m, m.sourceId === 'fx:grace' ? '2026-02-01T00:00:00.000Z' : undefined),
    ),
  );
  return structuredClone(cached);
}

export function profileBySource(profiles: TalentProfile[], sourceId: string): TalentProfile {
  const p = profiles.find((x) => x.evidence.some((e) => e.sourceId === sourceId));
  if (!p) throw new Error(`no fixture profile from ${sourceId}`);
  return p;
}
