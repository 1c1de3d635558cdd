import { describe, expect, it } from 'vitest';
import { ownerPartition, ownershipOf } from '../../../../ingest/kafka/stages/ownership.js';
import { storedMentionKeys } from '../../../../processors/resolve/index.js';
import { madeUpMention } from '../../../helpers/made-up-mentions.js';

const at = (organization: string) => [
  { organization, evidence: { sourceId: 'test:org', path: 'work[0]', snippet: organization } },
];
const ownerOf = (
  full: string,
  extra: Parameters<typeof madeUpMention>[0] | object = {},
): ReturnType<typeof ownershipOf> => {
  const m = madeUpMention({ name: { full }, affiliations: at('Acme Robotics Inc.'), ...extra });
  return ownershipOf(storedMentionKeys(m), m.sourceId);
};

describe('ownership by family block', () => {
  it('gives the written variants of one Western name one owner, nicknames included', () => {
    const owners = ['Katherine L. Adams', 'Adams, Katherine', 'Kate Adams', 'K. Adams'].map(
      (n) => ownerOf(n).owner,
    );
    expect(new Set(owners)).toEqual(new Set(['family:adams']));
  });

  it('gives a pinyin name read either way round and its Han form one owner', () => {
    const owners = ['Wei Zheng', 'Zheng Wei', '郑伟'].map((n) => ownerOf(n).owner);
    expect(new Set(owners).size).toBe(1);
  });

  it('names as bridge keys the keys another owner may hold: strong identifiers and other families', () => {
    const { owner, bridgeKeys } = ownerOf('Mary Smith-Jones', {
      secCik: '0001318605',
      emails: ['mary@acme.example'],
    });
    expect(bridgeKeys).toEqual(expect.arrayContaining(['cik:1318605', 'email:mary@acme.example']));
    // Her blocks of the other family are bridges; those of the owner's family are native.
    const family = owner.slice('family:'.length);
    for (const k of bridgeKeys.filter((k) => k.startsWith('name:')))
      expect(k.startsWith(`name:${family}|`)).toBe(false);
  });

  it('maps an owner to one partition, the same in every process', () => {
    expect(ownerPartition('family:adams', 4)).toBe(ownerPartition('family:adams', 4));
    const spread = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((f) => ownerPartition(`family:${f}`, 4)),
    );
    expect(spread.size).toBeGreaterThan(1);
  });
});
