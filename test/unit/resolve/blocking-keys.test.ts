import { describe, expect, it } from 'vitest';
import {
  blockingKeys,
  isNameKey,
  isStrongKey,
  nameBlockKeys,
  nameKeys,
} from '../../../processors/resolve/blocking-keys.js';
import { mentionBlockingKeys } from '../../../processors/resolve/index.js';
import { nameForm } from '../../../processors/resolve/name-form.js';
import type { RawName } from '../../../processors/model/mention.js';
import { mention, resolvable } from './fixtures.js';

const keysOf = (raw: RawName | string): string[] => {
  const f = nameForm(typeof raw === 'string' ? { full: raw } : raw);
  return f === undefined ? [] : nameBlockKeys(f);
};

describe('blocking keys', () => {
  it('puts Western variants of one name in one block: order, initials, middle names, case, diacritics, suffixes', () => {
    const variants: Array<RawName | string> = [
      { full: 'Adams Katherine L.', order: 'surname-first' },
      'Katherine L. Adams',
      'K. L. Adams',
      'K. Adams',
      'Katherine Louise Adams',
      'Adams, Katherine',
      'KATHERINE ADAMS',
      'Dr. Katherine Adams, PhD',
      'Kate Adams',
    ];
    for (const v of variants) expect(keysOf(v)).toContain('name:adams|k');
    expect(keysOf('José Müller')).toEqual(keysOf('Jose Mueller'));
    expect(keysOf('Robert E. Bigelow, III')).toEqual(['name:bigelow|r']);
    expect(keysOf('Bill Gates')).toEqual(expect.arrayContaining(['name:gates|w', 'name:gates|b']));
    expect(keysOf('Mary Smith-Jones')).toEqual(expect.arrayContaining(['name:smithjones|m', 'name:jones|m']));
  });

  it('gives Chinese names one key across scripts, romanizations and orders', () => {
    for (const v of [
      '张建华',
      '張建華',
      'Jianhua Zhang',
      'ZHANG Jian-Hua',
      'Jian Hua Zhang',
      'Zhāng Jiànhuá',
      'Zhang, Jianhua',
    ])
      expect(keysOf(v)).toContain('name:zhang|jianhua');
    expect(keysOf('范登平')).toEqual(['name:fan|dengping']);
    expect(keysOf('Deng-Ping Fan')).toContain('name:fan|dengping');
    // The whole given name is kept: 张建华 and 张健 are not in one block.
    expect(keysOf('张健')).toEqual(['name:zhang|jian']);
  });

  it('keeps initials of Chinese names apart from full pinyin (a known limit: no zhang|j mega-block)', () => {
    expect(keysOf('J. Zhang')).toEqual(['name:zhang|j']);
    expect(keysOf('Jianhua Zhang')).not.toContain('name:zhang|j');
  });

  it('adds strong identifiers with the profile keys spelling, and leaves role mailboxes out', () => {
    const keys = blockingKeys(
      resolvable({
        id: 'a',
        name: 'Reid Hoffman',
        cik: '0001519339',
        email: 'Reid@Example.ORG',
        orcid: 'https://orcid.org/0000-0002-5878-603x',
        org: 'Greylock Partners',
      }),
    );
    expect(keys.filter(isStrongKey)).toEqual([
      'cik:1519339',
      'email:reid@example.org',
      'orcid:0000-0002-5878-603X',
    ]);
    // The name block only joined with what an anchor could be: the employer's key, words and core
    // (example.org is no one's employer: no domain key).
    expect(keys.filter(isNameKey)).toEqual([
      'name:hoffman|r|org:greylock partners',
      'name:hoffman|r|orgcore:greylock',
      'name:hoffman|r|orgword:greylock',
    ]);
    // A role mailbox is no identifier; with nothing to anchor on, no key at all.
    expect(blockingKeys(resolvable({ id: 'b', name: 'Lab Member', email: 'info@lab.example.edu' }))).toEqual(
      [],
    );
    expect(blockingKeys(resolvable({ id: 'c', name: 'Jo Member', email: 'jo@labs.acme.com' }))).toEqual([
      'email:jo@labs.acme.com',
      'name:member|j|domain:labs.acme.com',
    ]);
  });

  it('includes the other names a source gives, and is sorted and unique', () => {
    const r = resolvable({
      id: 'a',
      name: 'Deng-Ping Fan',
      otherNames: ['范登平'],
      org: 'Nankai University',
    });
    const keys = blockingKeys(r);
    expect(keys).toEqual([...new Set(keys)].sort());
    expect(nameKeys(r)).toContain('name:fan|dengping');
    expect(keys).toContain('name:fan|dengping|orgword:nankai');
    expect(
      mentionBlockingKeys(mention({ id: 'a', name: 'Deng-Ping Fan', org: 'Nankai University' })),
    ).toEqual(blockingKeys(resolvable({ id: 'a', name: 'Deng-Ping Fan', org: 'Nankai University' })));
  });
});

describe('name blocks of real inventor name variants (PatentsView clusters)', () => {
  const blocks = (given: string, family: string): string[] =>
    nameBlockKeys(nameForm({ full: `${given} ${family}`, given, family, order: 'given-first' })!);
  const share = (a: string[], b: string[]): boolean => a.some((k) => b.includes(k));

  it('a particle glued to the family name blocks with the separated spelling', () => {
    expect(share(blocks('Lutgard C.', 'DeJonghe'), blocks('Lutgard C.', 'De Jonghe'))).toBe(true);
    expect(share(blocks('Robert B.', 'vanDover'), blocks('Robert Bruce', 'van Dover'))).toBe(true);
    // A family name that merely starts like a particle is not split.
    expect(blocks('John', 'Denton')).toEqual(['name:denton|j']);
  });

  it('a gained family name and a given name in the family field still meet the original', () => {
    expect(share(blocks('Tsu-Jae', 'King'), blocks('Tsu-Jae King', 'Liu'))).toBe(true);
    expect(share(blocks('Tsu-Jae', 'King'), blocks('King', 'Tsu-Jae'))).toBe(true);
  });
});
