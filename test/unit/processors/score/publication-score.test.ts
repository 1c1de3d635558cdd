import { describe, expect, it } from 'vitest';
import { loadIndustries } from '../../../../config/industries.js';
import { loadScoring } from '../../../../config/scoring.js';
import { loadRoleFunctions } from '../../../../config/role-functions.js';
import { loadSkills } from '../../../../config/skills.js';
import { defaultParseLimits } from '../../../../processors/parser.js';
import { SkillVocabulary } from '../../../../processors/normalize/skill.js';
import { ProfileFactory } from '../../../../processors/profile-factory.js';
import { openalexParser } from '../../../../processors/publication/openalex-parser.js';
import { envelopeOf } from '../../../helpers/corpus.js';

const factory = (industriesFile = 'config/industries.yaml') =>
  new ProfileFactory({
    industries: loadIndustries(industriesFile),
    scoring: loadScoring('config/scoring.yaml'),
    roleFunctions: loadRoleFunctions('config/role-functions.yaml'),
    vocabulary: new SkillVocabulary(loadSkills('config/skills.yaml')),
    referenceYear: 2026,
  });

/** A made-up OpenAlex author with four perovskite works (fictional person and works). */
const works = [1, 2, 3, 4].map((n) => ({
  id: `https://openalex.org/W200000000${n}`,
  doi: `https://doi.org/10.5555/perov.${n}`,
  display_name: `Stable films for tandem cells, part ${n}`,
  publication_year: 2022 + (n % 3),
  cited_by_count: [200, 60, 40, 10][n - 1],
  topics: [
    {
      display_name: 'Perovskite Materials and Applications',
      subfield: { display_name: 'Materials Chemistry' },
      field: { display_name: 'Materials Science' },
    },
  ],
  authorships: [
    {
      author: {
        id: 'https://openalex.org/A5000000042',
        display_name: 'Lin Qiao',
        orcid: 'https://orcid.org/0000-0002-1825-0097',
      },
      institutions: [{ display_name: 'Imaginary University of Science', country_code: 'CN' }],
    },
  ],
}));

describe('scoring from publications', () => {
  it('places an author in an industry by the works topics and names the works and citations in the explanation', () => {
    const envelope = envelopeOf(JSON.stringify({ meta: { count: 4 }, results: works }), 'openalex-json');
    const outcome = openalexParser.parse(envelope, defaultParseLimits);
    if (outcome.status !== 'parsed') throw new Error(JSON.stringify(outcome));
    const [profile] = factory().profiles([
      {
        sourceId: envelope.id,
        fetchedAt: envelope.fetchedAt,
        document: outcome.document,
        mentions: outcome.mentions,
      },
    ]);
    expect(profile?.publications).toHaveLength(4);
    expect(profile?.scores.materials).toBeGreaterThan(0);
    const materials = profile?.explanation.industries.find((i) => i.industry === 'materials');
    const line = materials?.contributions.find((c) => /^4 works on /.test(c.reason));
    expect(line?.reason).toBe(
      '4 works on Materials Chemistry, Materials Science, Perovskite Materials and Applications, 310 citations',
    );
    expect(line?.points).toBe(24);
    expect(materials?.contributions.some((c) => /impact: .*310 citations/.test(c.reason))).toBe(true);
  });
});
