import { describe, expect, it } from 'vitest';
import { loadSkills } from '../../../../config/skills.js';
import { toIsoDate } from '../../../../processors/normalize/date.js';
import { degreeLevel } from '../../../../processors/normalize/degree.js';
import { titleSeniority } from '../../../../processors/normalize/job-title.js';
import { organizationDisplay, organizationKey } from '../../../../processors/normalize/organization.js';
import { looseNameKey, normalizePersonName } from '../../../../processors/normalize/person-name.js';
import { countryCode, normalizePlace } from '../../../../processors/normalize/place.js';
import { SkillVocabulary } from '../../../../processors/normalize/skill.js';

describe('person names', () => {
  it('turns SEC surname-first names round and fixes their case', () => {
    expect(normalizePersonName({ full: 'MUSK ELON', order: 'surname-first' }).display).toBe('Elon Musk');
    // Particles in front belong to the family name; a pinyin name's Du is a surname, not a particle.
    expect(normalizePersonName({ full: 'DE VRIES MATTHEW J', order: 'surname-first' }).display).toBe(
      'Matthew J. de Vries',
    );
    expect(normalizePersonName({ full: 'VAN DER BERG JAN', order: 'surname-first' }).display).toBe(
      'Jan van der Berg',
    );
    expect(normalizePersonName({ full: 'DU WEI MIN', order: 'surname-first' }).display).toBe('Wei Min Du');
    expect(normalizePersonName({ full: 'Adams Katherine L.', order: 'surname-first' }).display).toBe(
      'Katherine L. Adams',
    );
    expect(normalizePersonName({ full: 'BUFFETT WARREN E', order: 'surname-first' }).display).toBe(
      'Warren E. Buffett',
    );
  });

  it('strips honorifics, degrees and suffixes into their own fields', () => {
    const name = normalizePersonName({ full: 'Dr. Jane Q. Smith, PhD' });
    expect(name).toMatchObject({
      display: 'Jane Q. Smith',
      honorifics: ['Dr.'],
      degrees: ['PhD'],
      family: 'Smith',
    });
    expect(normalizePersonName({ full: 'Smith, John Jr.' }).display).toBe('John Smith Jr.');
    expect(looseNameKey(normalizePersonName({ full: 'Katherine L. Adams' }))).toBe('katherine adams');
    expect(normalizePersonName({ full: 'José Álvarez' }).key).toBe('jose alvarez');
  });

  it('keeps Chinese names in Han characters with a pinyin key that meets the Latin form', () => {
    const han = normalizePersonName({ full: '张 明' });
    expect(han).toMatchObject({
      display: '张明',
      family: '张',
      given: '明',
      script: 'han',
      pinyinKey: 'zhangming',
      latin: 'Ming Zhang',
    });
    expect(normalizePersonName({ full: 'Ming Zhang' }).pinyinKey).toBe('zhangming');
    expect(normalizePersonName({ full: '欧阳文华' }).family).toBe('欧阳');
    expect(normalizePersonName({ full: '李华先生' })).toMatchObject({
      display: '李华',
      honorifics: ['先生'],
    });
  });
});

describe('organisations', () => {
  it('folds legal suffixes in both scripts', () => {
    expect(organizationKey('Tesla Motors, Inc.')).toBe(organizationKey('TESLA MOTORS INC'));
    expect(organizationKey('Example GmbH')).toBe('example');
    expect(organizationKey('VERTEX PHARMACEUTICALS INC / MA')).toBe('vertex pharmaceuticals');
    expect(organizationKey('长春光机科技股份有限公司')).toBe('长春光机科技');
    expect(organizationKey('中国第一汽车集团有限公司')).toBe('中国第一汽车');
    expect(organizationDisplay('TESLA MOTORS INC')).toBe('Tesla Motors Inc');
  });
});

describe('places', () => {
  it('resolves countries from codes, names, demonyms and 国籍', () => {
    expect(['CN', 'US', 'DE', 'CN', 'JP'].map((c) => countryCode(c))).toEqual(['CN', 'US', 'DE', 'CN', 'JP']);
    // Names map to today's code, never to a withdrawn one ICU also names (France → FX, Serbia → YU);
    // a withdrawn code in an old document reads as its successor.
    expect(['France', 'FRANCE', 'Serbia', 'Germany', 'Russia', 'Vietnam'].map((c) => countryCode(c))).toEqual(
      ['FR', 'FR', 'RS', 'DE', 'RU', 'VN'],
    );
    expect(['SU', 'DD', 'YU', 'FX'].map((c) => countryCode(c))).toEqual(['RU', 'DE', 'RS', 'FR']);
    expect(countryCode('中国国籍')).toBe('CN');
    expect(countryCode('美国籍')).toBe('US');
    expect(countryCode('Chinese')).toBe('CN');
    expect(countryCode('United Kingdom')).toBe('GB');
    expect(countryCode('德国')).toBe('DE');
  });

  it('gives Chinese cities and provinces in both scripts', () => {
    expect(normalizePlace({ city: '长春市' })).toMatchObject({
      city: 'Changchun',
      cityZh: '长春',
      regionCode: 'CN-JL',
      regionZh: '吉林',
      country: 'CN',
    });
    expect(normalizePlace({ city: 'Changchun', country: 'CN' })).toMatchObject({
      cityZh: '长春',
      region: 'Jilin',
    });
    expect(normalizePlace({ region: '吉林省' })).toMatchObject({ regionCode: 'CN-JL', region: 'Jilin' });
    expect(normalizePlace({ city: '柳河县' })).toMatchObject({ city: 'Liuhe', country: 'CN' });
  });

  it('resolves US states by code and name', () => {
    expect(normalizePlace({ city: 'PALO ALTO', region: 'CA', country: 'US' })).toMatchObject({
      city: 'Palo Alto',
      regionCode: 'US-CA',
      region: 'California',
    });
    expect(normalizePlace({ city: 'Austin', region: 'Texas' })).toMatchObject({
      country: 'US',
      regionCode: 'US-TX',
    });
  });
});

describe('dates, degrees, titles', () => {
  it('writes dates in ISO at the precision given', () => {
    expect(toIsoDate('20041202')).toBe('2004-12-02');
    expect(toIsoDate('2019-5')).toBe('2019-05');
    expect(toIsoDate('May 2019')).toBe('2019-05');
    expect(toIsoDate('1965年5月')).toBe('1965-05');
    expect(toIsoDate('12/31/2020')).toBe('2020-12-31');
    expect(toIsoDate('2019')).toBe('2019');
    expect(toIsoDate('someday')).toBeUndefined();
    expect(toIsoDate('2019-13-01')).toBeUndefined();
  });

  it('maps degrees to levels', () => {
    expect(degreeLevel('Ph.D.')).toBe('doctorate');
    expect(degreeLevel('博士研究生')).toBe('doctorate');
    expect(degreeLevel('硕士研究生')).toBe('master');
    expect(degreeLevel('Bachelor of Science')).toBe('bachelor');
    expect(degreeLevel('大专')).toBe('associate');
  });

  it('maps titles to seniority, specific before general', () => {
    expect(titleSeniority('Chief Executive Officer')).toBe('executive');
    expect(titleSeniority('Executive Vice President')).toBe('director');
    expect(titleSeniority('Associate Professor')).toBe('senior');
    expect(titleSeniority('Professor of Biostatistics')).toBe('principal');
    expect(titleSeniority('Assistant Professor')).toBe('professional');
    expect(titleSeniority('董事长')).toBe('executive');
    expect(titleSeniority('高级工程师')).toBe('senior');
    expect(titleSeniority('PhD student')).toBe('junior');
  });
});

describe('skills vocabulary', () => {
  const vocabulary = new SkillVocabulary(loadSkills('config/skills.yaml'));
  it('maps synonyms in both languages to one id', () => {
    expect(vocabulary.normalize('ML')[0]?.id).toBe('machine-learning');
    expect(vocabulary.normalize('机器学习')[0]?.id).toBe('machine-learning');
    expect(vocabulary.normalize('Machine Learning')[0]).toMatchObject({
      id: 'machine-learning',
      zh: '机器学习',
    });
    expect(vocabulary.normalize('Deep learning for computer vision').map((s) => s.id)).toEqual(
      expect.arrayContaining(['deep-learning', 'computer-vision']),
    );
    expect(vocabulary.normalize('Basket weaving')).toEqual([{ label: 'Basket weaving' }]);
  });
});
