import { cities, type City } from './name-data.js';
import { titleCase, type IndustryKit } from './industry-kit.js';
import type { Rng } from './prng.js';

/** A fictional employer. Public companies file Form 4s (issuer CIK and ticker); others do not. */
export interface Company {
  key: string;
  industry: string;
  kind: 'company' | 'institute' | 'university';
  nameEn: string;
  /** Chinese name, for employers in China. */
  nameZh?: string;
  city: City;
  isPublic: boolean;
  cik?: string;
  ticker?: string;
  /** E-mail domain. */
  domain: string;
  /** The industry word its name is built on, for titles and bios. */
  wordEn: string;
  wordZh: string;
}

const EN_SUFFIX: Readonly<Record<string, readonly string[]>> = {
  CN: ['Technology Co., Ltd.', 'Co., Ltd.', 'Group Co., Ltd.'],
  US: ['Inc.', 'Corporation', 'Technologies, Inc.', 'Systems LLC'],
  DE: ['GmbH', 'AG'],
  NL: ['B.V.', 'N.V.'],
  FR: ['SAS', 'S.A.'],
  IT: ['S.p.A.', 'S.r.l.'],
};
const ZH_SUFFIX = ['科技有限公司', '技术有限公司', '股份有限公司', '集团有限公司'];

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Builds the employers: per industry a few in each region, named from that industry's distinctive
 * keywords so a current employer's name already says the industry (as real names often do:
 * 长春光电科技有限公司). Names are unique; the same seed yields the same list.
 */
export function buildCompanies(kits: readonly IndustryKit[], perIndustry: number, rng: Rng): Company[] {
  const companies: Company[] = [];
  const seenNames = new Set<string>();
  const seenTickers = new Set<string>();
  for (const kit of kits) {
    for (let i = 0; i < perIndustry; i++) {
      const city = cities[(i * 7 + kit.id.length) % cities.length] as City;
      const chinese = city.country === 'CN';
      const kind: Company['kind'] =
        chinese && i % 6 === 5 ? 'institute' : i % 9 === 8 ? 'university' : 'company';
      for (let attempt = 0; attempt < 20; attempt++) {
        const wordEn = rng.pick(kit.en);
        const wordZh = rng.pick(kit.zh);
        let nameEn: string;
        let nameZh: string | undefined;
        if (kind === 'university') {
          // The city's university; one entry per university and industry (its department differs).
          [nameEn, nameZh] = city.university;
        } else if (kind === 'institute') {
          nameEn = `${city.brand} Institute of ${titleCase(wordEn)}`;
          nameZh = `${city.brandZh ?? ''}${wordZh}研究所`;
        } else if (chinese) {
          const suffix = rng.pick(EN_SUFFIX.CN as readonly string[]);
          const extra =
            attempt > 0 ? ` ${rng.pick(['Zhongke', 'Huaxin', 'Tianyi', 'Hongda', 'Jinyu', 'Ruixin'])}` : '';
          nameEn = `${city.brand}${extra} ${titleCase(wordEn)} ${suffix}`;
          const extraZh = attempt > 0 ? rng.pick(['中科', '华芯', '天翼', '宏达', '金宇', '瑞新']) : '';
          nameZh = `${city.brandZh ?? ''}${extraZh}${wordZh}${rng.pick(ZH_SUFFIX)}`;
        } else {
          const suffix = rng.pick(EN_SUFFIX[city.country] ?? (EN_SUFFIX.US as readonly string[]));
          const lead = rng.pick([
            city.brand,
            'Apex',
            'Northstar',
            'Vector',
            'Helix',
            'Summit',
            'Meridian',
            'Orion',
          ]);
          nameEn = `${lead} ${titleCase(wordEn)} ${suffix}`;
        }
        const unique = `${nameEn}|${kit.id}`;
        if (
          seenNames.has(kind === 'university' ? unique : nameEn) ||
          (nameZh !== undefined && seenNames.has(nameZh))
        )
          continue;
        seenNames.add(kind === 'university' ? unique : nameEn);
        if (nameZh !== undefined && kind !== 'university') seenNames.add(nameZh);
        const base = slug(
          nameEn.replace(
            /\b(co|ltd|inc|corporation|gmbh|ag|llc|group|technology|technologies|systems)\b\.?,?/gi,
            '',
          ),
        );
        const company: Company = {
          key: `c${String(companies.length + 1).padStart(4, '0')}`,
          industry: kit.id,
          kind,
          nameEn,
          city,
          isPublic: kind === 'company' && rng.chance(chinese ? 0.25 : 0.6),
          domain:
            kind === 'university' ? `${base}.edu` : `${base}${companies.length}.${chinese ? 'cn' : 'com'}`,
          wordEn,
          wordZh,
        };
        if (nameZh !== undefined) company.nameZh = nameZh;
        if (company.isPublic) {
          company.cik = `000${rng.int(1, 9)}${rng.digits(6)}`;
          let ticker: string;
          do
            ticker = Array.from({ length: rng.int(3, 4) }, () =>
              String.fromCharCode(65 + rng.int(0, 25)),
            ).join('');
          while (seenTickers.has(ticker));
          seenTickers.add(ticker);
          company.ticker = ticker;
        }
        companies.push(company);
        break;
      }
    }
  }
  return companies;
}
