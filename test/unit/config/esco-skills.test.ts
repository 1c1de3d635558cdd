import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escoSkillsOf, parseCsv } from '../../../config/esco-skills.js';
import { loadSkills } from '../../../config/skills.js';
import { SkillVocabulary } from '../../../processors/normalize/skill.js';
import { corpusPath, describeWithCorpus } from '../../helpers/corpus.js';

describe('ESCO skills CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; drops a record cut mid-field', () => {
    expect(parseCsv('a,"b, c","d ""e""\nf"\n1,2,3\n4,"cut')).toEqual([
      ['a', 'b, c', 'd "e"\nf'],
      ['1', '2', '3'],
    ]);
  });

  it('extends the core vocabulary for exact forms only; the core wins', () => {
    const csv =
      'conceptType,conceptUri,preferredLabel,altLabels,broaderConceptPT\n' +
      'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0a1b2c3d-0000-0000-0000-000000000000,optical fibre splicing,"fusion splicing\nfibre splicing",telecommunications\n' +
      'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0a1b2c3e-0000-0000-0000-000000000000,machine learning,ML methods,data science\n';
    const skills = escoSkillsOf(csv);
    expect(skills[0]).toEqual({
      id: 'esco-0a1b2c3d',
      en: 'optical fibre splicing',
      synonyms: ['fusion splicing', 'fibre splicing'],
      groups: ['telecommunications'],
    });
    const vocabulary = new SkillVocabulary(loadSkills('config/skills.yaml'), skills);
    expect(vocabulary.normalize('Fusion splicing')).toEqual([
      { id: 'esco-0a1b2c3d', label: 'optical fibre splicing' },
    ]);
    expect(vocabulary.normalize('Machine Learning')[0]?.id).toBe('machine-learning');
    expect(vocabulary.normalize('fibre splicing for subsea cables')[0]?.id).toBeUndefined();
    expect(() => escoSkillsOf('a,b\n1,2\n', 'x.csv')).toThrow(/not an ESCO skills CSV/);
  });
});

describeWithCorpus('ESCO v1.2.0 digital skills collection', () => {
  it('every row read, "Haskell techniques" is Haskell, groups kept', () => {
    const skills = escoSkillsOf(
      readFileSync(corpusPath('taxonomy-esco/esco_v1.2.0_digitalSkillsCollection_en.csv'), 'utf8'),
    );
    expect(skills).toHaveLength(1284);
    const vocabulary = new SkillVocabulary([], skills);
    expect(vocabulary.normalize('Haskell techniques')).toEqual([{ id: 'esco-000f1d3d', label: 'Haskell' }]);
    expect(skills.find((s) => s.en === 'incremental development')?.groups).toContain(
      'software and applications development and analysis',
    );
  });
});
