import { describe, expect, it } from 'vitest';
import {
  connectedParts,
  resolveMentions,
  type ResolvedCluster,
} from '../../../processors/resolve/cluster.js';
import type { ResolvableMention } from '../../../processors/resolve/resolvable.js';
import { resolvable, shuffled } from './fixtures.js';

const groups = (clusters: readonly ResolvedCluster[]): string[][] => clusters.map((c) => c.mentionIds);
const together = (clusters: readonly ResolvedCluster[], ...ids: string[]): boolean =>
  clusters.some((c) => ids.every((id) => c.mentionIds.includes(id)));

/** A small population with every kind of link and every kind of trap. */
function population(): ResolvableMention[] {
  return [
    // One officer: two filings by CIK, a résumé by employer and initials, a patent by co-inventors.
    resolvable({
      id: 'k1',
      name: { full: 'Adams Katherine L.', order: 'surname-first' },
      cik: '1462356',
      org: 'Apple Inc.',
      title: 'SVP, GC and Secretary',
    }),
    resolvable({
      id: 'k2',
      name: { full: 'ADAMS KATHERINE L', order: 'surname-first' },
      cik: '0001462356',
      org: 'Honeywell International Inc.',
    }),
    resolvable({ id: 'k3', name: 'K. L. Adams', org: 'Apple', start: '2017-11' }),
    // Kevin Adams at Apple: same block, same employer, other given name — never joins Katherine.
    resolvable({ id: 'v1', name: 'Kevin Adams', org: 'Apple Inc.' }),
    // "K. Adams" at Apple fits both Katherine and Kevin: it may join one, never bridge the two.
    resolvable({ id: 'x1', name: 'K. Adams', org: 'Apple Inc.' }),
    // A Chinese researcher in Han and pinyin, bridged by the organisation in both scripts.
    resolvable({ id: 'z1', name: '张建华', org: '吉林大学' }),
    resolvable({
      id: 'z2',
      name: 'ZHANG Jian-Hua',
      org: 'Jilin University',
      place: { city: 'Changchun', country: 'CN' },
    }),
    resolvable({ id: 'z3', name: '張建華', org: '吉林大学', start: '2015-09' }),
    // A namesake elsewhere with nothing to tie him.
    resolvable({
      id: 'z4',
      name: 'Jianhua Zhang',
      org: 'Zhejiang University',
      place: { city: 'Hangzhou', country: 'CN' },
    }),
    // Two inventors of one patent: one document, two people, even with compatible names.
    resolvable({ id: 'p1', source: 'US1', name: 'Wei Li', patent: { number: '1', assignees: ['Acme'] } }),
    resolvable({ id: 'p2', source: 'US1', name: 'Wei Li', patent: { number: '1', assignees: ['Acme'] } }),
  ];
}

describe('resolveMentions', () => {
  it('merges on strong keys, then on anchored evidence, and says why', () => {
    const clusters = resolveMentions(population());
    expect(together(clusters, 'k1', 'k2', 'k3')).toBe(true);
    const katherine = clusters.find((c) => c.mentionIds.includes('k1')) as ResolvedCluster;
    expect(katherine.key).toBe('cik:1462356');
    expect(katherine.merges.map((m) => m.summary)).toEqual(
      expect.arrayContaining(['same SEC CIK 1462356', expect.stringContaining('same organisation apple')]),
    );
    expect(katherine.merges.find((m) => m.kind === 'evidence')?.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^initials agree \(\+0\.5\)$/)]),
    );
    expect(together(clusters, 'z1', 'z2', 'z3')).toBe(true);
  });

  it('honours cannot-links at cluster level: no chain through a compatible middle, no merge within a document', () => {
    const clusters = resolveMentions(population());
    expect(together(clusters, 'k1', 'v1')).toBe(false);
    expect(together(clusters, 'p1', 'p2')).toBe(false);
    expect(together(clusters, 'z1', 'z4')).toBe(false);
    // Every mention is in exactly one cluster.
    expect(groups(clusters).flat().sort()).toEqual(
      population()
        .map((m) => m.id)
        .sort(),
    );
  });

  it('gives the same clusters and reasons in any input order', () => {
    const expected = resolveMentions(population());
    for (let seed = 1; seed <= 25; seed++)
      expect(resolveMentions(shuffled(population(), seed))).toEqual(expected);
  });

  it('resolves each connected part on its own: the whole equals the union of its parts', () => {
    const all = population();
    const whole = resolveMentions(all);
    const parts = connectedParts(all);
    expect(parts.length).toBeGreaterThan(1);
    const byPart = parts
      .flatMap((part) => resolveMentions(part))
      .sort((a, b) => ((a.mentionIds[0] as string) < (b.mentionIds[0] as string) ? -1 : 1));
    expect(byPart).toEqual(whole);
  });

  it('refuses a chain when a pair across the clusters speaks strongly against it', () => {
    const us = { city: 'Boston', country: 'US' };
    const fr = { city: 'Lyon', country: 'FR' };
    const mentions = [
      resolvable({
        id: 'a',
        name: 'Jane Smith',
        org: 'Acme Corp',
        place: us,
        patent: { number: '10', cpc: ['A61K 9/00'], publicationDate: '2021-01-01', assignees: ['Acme Corp'] },
      }),
      // States little: only the employer.
      resolvable({ id: 'b', name: 'J. Smith', org: 'Acme Corp' }),
      resolvable({
        id: 'c',
        name: 'Jane Smith',
        org: 'Acme Corp',
        place: fr,
        patent: {
          number: '11',
          cpc: ['H01L 21/00'],
          publicationDate: '1990-01-01',
          assignees: ['Acme Corp'],
        },
      }),
    ];
    const clusters = resolveMentions(mentions);
    expect(together(clusters, 'a', 'c')).toBe(false);
    expect(resolveMentions(mentions, { contradiction: -100 }).length).toBe(1); // the veto off: one chain
  });

  it('follows the threshold and the anchor rule', () => {
    const sanJose = { city: 'San Jose', region: 'CA', country: 'US' };
    const spec = (id: string, number: string) => ({
      id,
      name: 'Vinayak Hegde',
      place: sanJose,
      patent: { number, publicationDate: `201${number}-05-01` },
    });
    const a = resolvable(spec('a', '7'));
    const b = resolvable(spec('b', '8'));
    // Same name, city and years (2 + 1 + 0.5) but no organisation, co-inventor or domain in common:
    // not even compared (nothing an anchor could be made of), whatever the options.
    expect(resolveMentions([a, b])).toHaveLength(2);
    expect(resolveMentions([a, b], { requireAnchor: false })).toHaveLength(2);
    // Employers that share a word but not a place (no anchor): compared, merged only without the rule.
    const c = resolvable({ ...spec('c', '1'), org: 'Changchun Chemical Co.' });
    const d = resolvable({ ...spec('d', '2'), org: 'Hangzhou Chemical Co.' });
    expect(resolveMentions([c, d])).toHaveLength(2);
    expect(resolveMentions([c, d], { requireAnchor: false })).toHaveLength(1);
    expect(resolveMentions([c, d], { unanchoredThreshold: 3.5 })).toHaveLength(1);
    expect(resolveMentions([c, d], { requireAnchor: false, threshold: 10 })).toHaveLength(2);
  });

  it('compares a common name only where an anchor could be: no block of every namesake', () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      resolvable({ id: `m${String(i).padStart(3, '0')}`, name: 'John Smith', org: `Company ${i} Inc.` }),
    );
    many.push(resolvable({ id: 'm999', name: 'J. Smith', org: 'Company 7 Inc.' }));
    const clusters = resolveMentions(many);
    expect(together(clusters, 'm007', 'm999')).toBe(true);
    expect(clusters).toHaveLength(120);
    // The connected parts are the people who could be one, not the 121 namesakes.
    const parts = connectedParts(many).map((p) => p.length);
    expect(Math.max(...parts)).toBeLessThan(121);
  });

  it('rejects duplicate mention ids', () => {
    const a = resolvable({ id: 'same', name: 'Jane Smith' });
    expect(() => resolveMentions([a, a])).toThrow(/given twice/);
  });
});
