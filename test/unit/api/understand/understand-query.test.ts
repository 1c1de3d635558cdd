import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUnderstander } from '../../../../api/understand/open-understander.js';
import { loadIndustries } from '../../../../config/industries.js';
import { loadRegions } from '../../../../config/regions.js';
import { projectRoot } from '../../../../lib/project-root.js';

const root = projectRoot(import.meta.url);
const understander = openUnderstander(
  loadIndustries(join(root, 'config/industries.yaml')),
  loadRegions(join(root, 'config/regions.yaml')),
  'CN-JL',
);
const read = (q: string) => understander.understand(q);

describe('plain-language query understanding', () => {
  it('reads the examples of the issue', () => {
    expect(read('长春的光电高级工程师')).toMatchObject({
      applied: true,
      text: '光电 工程师',
      filters: { city: ['Changchun'], industry: ['optoelectronics'], seniority: 'senior' },
    });
    expect(read('semiconductor process engineers in Jiangsu with patents')).toMatchObject({
      text: 'semiconductor process engineer',
      filters: { industry: ['semiconductors'], region: ['CN-JS'], patents: true },
    });
    expect(read('吉林大学毕业在上海的电池专家')).toMatchObject({
      text: '电池',
      filters: { org: ['吉林大学'], region: ['CN-SH'] },
    });
  });

  it('shows each reading as a chip with the words it came from, in both languages', () => {
    const { chips } = read('长春的光电高级工程师');
    expect(chips).toEqual([
      { kind: 'city', value: 'Changchun', label: { en: 'Changchun', zh: '长春' }, matched: '长春' },
      {
        kind: 'industry',
        value: 'optoelectronics',
        label: { en: 'Optoelectronics & photonics', zh: '光电信息' },
        matched: '光电',
      },
      {
        kind: 'seniority',
        value: 'senior',
        label: { en: 'senior or above', zh: '高级及以上' },
        matched: '高级',
      },
    ]);
  });

  it('tells a province from a city and a school from its place', () => {
    expect(read('吉林的专家').filters).toEqual({ region: ['CN-JL'] });
    expect(read('吉林市的专家').filters).toEqual({ city: ['Jilin'] });
    expect(read('Jilin University alumni').filters).toEqual({ org: ['吉林大学'] });
    expect(read('清华大学毕业的教授').filters).toEqual({ org: ['清华大学'], seniority: 'principal' });
  });

  it('reads regional ties and "outside"', () => {
    expect(read('在外的吉林籍专家')).toMatchObject({
      text: '',
      filters: { tieRegion: 'CN-JL', outside: true },
    });
    expect(read('engineers with ties to Changchun').filters).toEqual({ tieRegion: 'CN-JL' });
    expect(read('people born in Changchun outside Jilin').filters).toEqual({
      tieRegion: 'CN-JL',
      outside: true,
    });
    expect(read('不在吉林的长春理工大学校友').filters).toMatchObject({ tieRegion: 'CN-JL', outside: true });
  });

  it('reads tiers, levels, countries and employers', () => {
    expect(read('Tier A biomedicine experts in California').filters).toEqual({
      tier: ['A'],
      industry: ['biomedicine'],
      region: ['US-CA'],
    });
    expect(read('美国的芯片专家').filters).toEqual({ country: ['US'], industry: ['semiconductors'] });
    expect(read('machine learning engineers at Huawei').filters).toMatchObject({ org: ['Huawei'] });
    expect(read('在一汽工作的总工程师').filters).toEqual({
      org: ['中国第一汽车集团'],
      seniority: 'director',
    });
  });

  it('leaves the query syntax, plain words and understand=false alone', () => {
    expect(read('title:professor battery')).toMatchObject({
      applied: false,
      text: 'title:professor battery',
    });
    expect(read('"power electronics" -sales').applied).toBe(false);
    expect(read('engineer')).toMatchObject({ applied: true, text: 'engineer', filters: {}, chips: [] });
    // Nothing read: the words go to the search exactly as typed.
    expect(read('find people ada.leakwell')).toMatchObject({ text: 'find people ada.leakwell', chips: [] });
    expect(read('c++ engineers in Jiangsu').text).toBe('c++ engineer');
    expect(understander.understand('长春', false)).toMatchObject({
      applied: false,
      text: '长春',
      filters: {},
    });
  });
});
