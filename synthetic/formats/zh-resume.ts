import type { SynthPerson } from '../people.js';

const DEGREE_ZH = { phd: '博士研究生学历', master: '硕士研究生学历', bachelor: '大学本科学历' } as const;

/**
 * One Chinese biography in the style listed companies publish (张三，男，1965年出生，中国国籍，
 * 硕士研究生学历，高级工程师。…现任…). Lines end with "。" like the real ones; a file may hold
 * several (a company's page of executives), one paragraph each.
 */
export function zhBiography(p: SynthPerson): string {
  const c = p.company;
  const name = `${p.han?.family ?? p.family}${p.han?.given ?? p.given}`;
  const employer = c.nameZh ?? c.nameEn;
  const gender = p.gender === 'male' ? '男' : '女';
  const school = p.school.zh ?? p.school.en;
  const grad = Math.min(
    p.since - 1,
    p.birthYear + (p.degree === 'phd' ? 29 : p.degree === 'master' ? 25 : 22),
  );
  const lines: string[] = [];
  const honour = p.honourZh !== undefined && p.honourZh !== p.titleZh ? `，${p.honourZh}` : '';
  lines.push(
    `${name}，${gender}，${p.birthYear}年${p.birthMonth}月出生，中国国籍，无境外永久居留权，${DEGREE_ZH[p.degree]}${honour}。`,
  );
  lines.push(`${grad}年毕业于${school}${p.majorZh}专业。`);
  lines.push(
    `${p.since}年${p.birthMonth}月至今任${employer}${p.titleZh}，主要从事${p.skillsZh.join('、')}方面的研发工作。`,
  );
  return `${lines.join('\n')}\n`;
}
