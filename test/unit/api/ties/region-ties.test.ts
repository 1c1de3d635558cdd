import { describe, expect, it } from 'vitest';
import { explainTies } from '../../../../api/ties/region-ties.js';
import { foldText } from '../../../../indexer/embedded/search-text.js';
import { factory, mention, record } from '../../../contract/fixtures.js';

const ev = (sourceId: string) => ({ sourceId, path: 'x' });

function profileOf(input: Parameters<typeof mention>[0]) {
  const [profile] = factory.profiles([record(mention(input))]);
  if (!profile) throw new Error('no profile');
  return profile;
}

const terms = ['吉林大学', 'Jilin University', '一汽', 'FAW Group', '长春', 'Changchun'].map(foldText);

describe('regional ties', () => {
  it('explains each tie with its evidence and scores the kinds, capped', () => {
    const p = profileOf({
      sourceId: 'tie:1',
      name: { full: 'Mei Zhou' },
      location: { city: 'Shanghai', country: 'CN' },
      education: [
        {
          institution: 'Jilin University',
          degree: 'Bachelor',
          startDate: '2004',
          endDate: '2008',
          evidence: ev('tie:1'),
        },
      ],
      affiliations: [
        {
          organization: 'FAW Group',
          title: 'Engineer',
          startDate: '2008',
          endDate: '2012',
          evidence: ev('tie:1'),
        },
        {
          organization: 'Example Battery Co',
          title: 'Senior Engineer',
          current: true,
          evidence: ev('tie:1'),
        },
      ],
    });
    const tie = explainTies(p, 'CN-JL', terms, new Set());
    expect(tie?.evidence.map((e) => [e.kind, e.via])).toEqual([
      ['studied', 'Jilin University'],
      ['worked', 'FAW Group'],
    ]);
    expect(tie?.summary).toMatch(
      /^studied at Jilin University \(Bachelor\) 2004–2008 \(resume .*\); worked at FAW Group as Engineer 2008–2012/,
    );
    expect(tie?.score).toBe(65);
  });

  it('counts co-inventors located in the region, and nothing for a person without ties', () => {
    const p = profileOf({
      sourceId: 'tie:2',
      name: { full: 'Ada Example' },
      sourceKind: 'patent',
      format: 'uspto-xml',
      role: 'inventor',
    });
    expect(explainTies(p, 'CN-JL', terms, new Set())).toBeUndefined();
    const withPatent = {
      ...p,
      patents: [
        {
          id: 'US1',
          title: 't',
          docType: 'grant' as const,
          cpc: [],
          ipc: [],
          assignees: ['Changchun Example Optics'],
          coInventors: ['Wang Wei'],
          sourceId: 'tie:2',
        },
      ],
    };
    const tie = explainTies(withPatent, 'CN-JL', terms, new Set([foldText('Wang Wei')]));
    expect(tie?.evidence.map((e) => e.kind).sort()).toEqual(['co-inventor', 'patent-assignee']);
    expect(tie?.score).toBe(20);
  });
});
