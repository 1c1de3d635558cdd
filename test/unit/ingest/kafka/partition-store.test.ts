import { describe, expect, it } from 'vitest';
import { PartitionStore, type ChangelogEntry } from '../../../../ingest/kafka/state-store/partition-store.js';
import { resolveBatch } from '../../../../ingest/resolve-batch.js';
import { loadConfig } from '../../../../config/load.js';
import { ProfileFactory } from '../../../../processors/profile-factory.js';
import { storedMentionKeys } from '../../../../processors/resolve/index.js';
import { madeUpMention, madeUpRecord } from '../../../helpers/made-up-mentions.js';

const factory = ProfileFactory.fromConfig(loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } }));
const ada = (sourceId: string, title = 'Engineer') =>
  madeUpRecord([
    madeUpMention({
      sourceId,
      name: { full: 'Ada Example' },
      emails: ['ada@example.org'],
      affiliations: [
        {
          organization: 'Example Chips Inc.',
          title,
          evidence: { sourceId, path: 'work[0]', snippet: 'Example Chips Inc.' },
        },
      ],
    }),
  ]);

/** Resolves and commits records into `store` as the resolve stage does; returns the changelog. */
async function ingest(store: PartitionStore, records: ReturnType<typeof ada>[], replacing: string[] = []) {
  const resolved = await resolveBatch(records, new Set(replacing), store, factory);
  const changelog = store.commitWithChangelog({
    records: records.map((r) => ({
      sourceId: r.sourceId,
      checksum: `sha256:${r.sourceId}:${replacing.length}`,
      outcome: 'parsed',
    })),
    replacedSources: replacing,
    mentions: resolved.mentions,
    moved: resolved.moved,
    profiles: resolved.profiles,
    finishedInputs: [],
  });
  return { resolved, changelog };
}

describe('the state store of a partition', () => {
  it('is rebuilt from its changelog to the same records and mentions', async () => {
    const store = new PartitionStore();
    const log: ChangelogEntry[] = [];
    log.push(...(await ingest(store, [ada('test:a')])).changelog);
    const second = await ingest(store, [ada('test:b')]);
    log.push(...second.changelog);
    // Both records are one person: the second rebuild holds both mentions.
    expect(second.resolved.profiles.put).toHaveLength(1);
    expect(second.resolved.profiles.put[0]?.evidence.map((e) => e.mentionId).sort()).toEqual([
      'test:a#0',
      'test:b#0',
    ]);

    const restored = new PartitionStore();
    restored.apply(log);
    const keys = storedMentionKeys(ada('test:x').mentions[0]!);
    const sorted = (s: PartitionStore) =>
      s.connectedMentions(keys, []).then((m) => m.sort((x, y) => x.mentionId.localeCompare(y.mentionId)));
    expect(await sorted(restored)).toEqual(await sorted(store));
    expect(await restored.committedChecksums(['test:a', 'test:b'])).toEqual(
      await store.committedChecksums(['test:a', 'test:b']),
    );
    expect(restored.size()).toEqual({ mentions: 2, records: 2 });
    store.close();
    restored.close();
  });

  it('logs the removal of a replaced record’s old mentions as a tombstone, so a restore drops them too', async () => {
    const store = new PartitionStore();
    const log: ChangelogEntry[] = [...(await ingest(store, [ada('test:c')])).changelog];
    // The same record again with other content (a new mention id): the old mention goes.
    const changed = ada('test:c', 'Director');
    changed.mentions[0]!.mentionId = 'test:c#1';
    const { changelog } = await ingest(store, [changed], ['test:c']);
    expect(changelog).toContainEqual({ key: 'mention:test:c#0', value: null });
    log.push(...changelog);
    const restored = new PartitionStore();
    restored.apply(log);
    expect(restored.size()).toEqual({ mentions: 1, records: 1 });
    expect(restored.size()).toEqual(store.size());
  });

  it('detaches a connected part for another partition: its keys redirected, its record slices remembered, and a restore agrees', async () => {
    const store = new PartitionStore(':memory:', undefined, 3);
    const log: ChangelogEntry[] = [...(await ingest(store, [ada('test:d'), ada('test:e')])).changelog];
    const keys = storedMentionKeys(ada('test:x').mentions[0]!);
    const email = keys.find((k) => k.startsWith('email:'))!;
    const { mentions, entries } = store.detachPart([email], 1);
    log.push(...entries);
    expect(mentions.map((m) => [m.mentionId, m.origin]).sort()).toEqual([
      ['test:d#0', 3],
      ['test:e#0', 3],
    ]);
    expect(store.size().mentions).toBe(0);
    expect(store.heldKeys(keys).size).toBe(0);
    expect([...store.redirectsOf(keys).values()]).toEqual(keys.map(() => 1));
    expect(store.sliceMove('test:d', 3)).toBe(1);
    // A redirect only moves to a smaller partition.
    expect(store.redirect(email, 2)).toBeUndefined();
    expect(store.redirect(email, 0)).toEqual({ key: `redirect:${email}`, value: '{"partition":0}' });
    log.push(store.redirect(email, 0) ?? { key: `redirect:${email}`, value: '{"partition":0}' });
    log.push(store.clearSliceMove('test:e', 3));

    const restored = new PartitionStore(':memory:', undefined, 3);
    restored.apply(log);
    expect(restored.size()).toEqual(store.size());
    expect(restored.redirectsOf(keys)).toEqual(store.redirectsOf(keys));
    expect(restored.sliceMove('test:d', 3)).toBe(1);
    expect(restored.sliceMove('test:e', 3)).toBeUndefined();
    store.close();
    restored.close();
  });
});
