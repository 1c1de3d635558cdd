import { pinyin } from 'pinyin-pro';
import { beforeAll, expect, it } from 'vitest';
import { readInputs } from '../../../ingest/files/read-inputs.js';
import type { PersonMention } from '../../../processors/model/mention.js';
import { isHanName } from '../../../processors/normalize/fold.js';
import { processRecord } from '../../../processors/pipeline.js';
import { nameBlockKeys, nameKeys } from '../../../processors/resolve/blocking-keys.js';
import {
  connectedParts,
  resolveMentions,
  type ResolvedCluster,
} from '../../../processors/resolve/cluster.js';
import { toTraditional } from '../../../processors/resolve/han-variants.js';
import { compareNameForms, nameForm } from '../../../processors/resolve/name-form.js';
import { toResolvable, type ResolvableMention } from '../../../processors/resolve/resolvable.js';
import { corpusDir, describeWithCorpus } from '../../helpers/corpus.js';
import { shuffled } from './fixtures.js';

interface Loaded {
  mentions: PersonMention[];
  fileOf: Map<string, string>;
  resolvable: ResolvableMention[];
  clusters: ResolvedCluster[];
}

async function load(): Promise<Loaded> {
  const limits = { maxDocumentBytes: 64 * 1024 * 1024 };
  const mentions: PersonMention[] = [];
  const fileOf = new Map<string, string>();
  for await (const item of readInputs([corpusDir], {
    maxDocumentBytes: limits.maxDocumentBytes,
    now: new Date('2026-01-01T00:00:00Z'),
  })) {
    if (item.kind === 'rejected') continue;
    const outcome = processRecord(item.envelope, limits);
    if (outcome.status !== 'parsed') continue;
    for (const m of outcome.mentions) {
      mentions.push(m);
      fileOf.set(m.mentionId, (item.envelope.origin.file ?? '').slice(corpusDir.length + 1));
    }
  }
  const resolvable = mentions.map(toResolvable);
  return { mentions, fileOf, resolvable, clusters: resolveMentions(resolvable) };
}

describeWithCorpus('resolution on the real corpus (read in place)', () => {
  let run: Loaded;
  beforeAll(async () => {
    run = await load();
  }, 120_000);

  const clusterOf = (name: string, file?: string): ResolvedCluster[] => {
    const ids = run.mentions
      .filter((m) => m.name.full === name && (file === undefined || run.fileOf.get(m.mentionId) === file))
      .map((m) => m.mentionId);
    return run.clusters.filter((c) => c.mentionIds.some((id) => ids.includes(id)));
  };

  it('merges SEC reporting owners across filings by CIK, with the reason', () => {
    const thiel = clusterOf('THIEL PETER');
    expect(thiel).toHaveLength(1);
    expect(thiel[0]?.mentionIds).toHaveLength(5);
    expect(thiel[0]?.key).toBe('cik:1211060');
    expect(thiel[0]?.merges.every((m) => m.summary === 'same SEC CIK 1211060')).toBe(true);
    expect(clusterOf('Hoffman Reid')[0]?.mentionIds).toHaveLength(5);
    expect(clusterOf('Musk Elon')[0]?.mentionIds).toHaveLength(3);
    // The Form 4 inside the full EDGAR submission and the same Form 4 as XML: one officer.
    expect(clusterOf('Adams Katherine L.')[0]?.mentionIds).toHaveLength(2);
  });

  it('merges the officers of one 8-K read from its two renderings, by name and employer', () => {
    for (const name of [
      'Jen-Hsun Huang',
      'Colette M. Kress',
      'Ajay K. Puri',
      'Debora Shoquist',
      'Timothy S. Teter',
      'Rebecca Peters',
    ]) {
      const clusters = clusterOf(name);
      expect(clusters, name).toHaveLength(1);
      expect(clusters[0]?.mentionIds).toHaveLength(2);
      expect(clusters[0]?.merges[0]?.summary).toMatch(/same organisation nvidia/);
    }
  });

  it("joins a lab's two pages about its investigator through the related employer names", () => {
    const wu = clusterOf('Chong Wu');
    expect(wu).toHaveLength(1);
    expect(wu[0]?.mentionIds).toHaveLength(2);
    expect(wu[0]?.merges[0]?.summary).toMatch(/e-mail|organisation/);
  });

  it('keeps namesakes apart: Xin Li of the Nankai lab is not the Medtronic inventor Xin X. Li', () => {
    const lab = clusterOf('Xin Li');
    const inventor = clusterOf('Xin X. Li');
    expect(lab).toHaveLength(1);
    expect(inventor).toHaveLength(1);
    expect(lab[0]).not.toBe(inventor[0]);
    // Same block, compatible names: what separates them is the missing anchor.
    expect(
      nameKeys(run.resolvable.find((r) => r.names[0]?.text === 'Xin Li') as ResolvableMention),
    ).toContain('name:li|xin');
  });

  it('never puts two mentions of one document in one cluster', () => {
    const sourceOf = new Map(run.resolvable.map((r) => [r.id, r.source]));
    for (const c of run.clusters) {
      const sources = c.mentionIds.map((id) => sourceOf.get(id));
      expect(new Set(sources).size, c.mentionIds.join(', ')).toBe(sources.length);
    }
  });

  it('gives every corpus person a name key, and keeps the connected parts small', () => {
    for (const r of run.resolvable) expect(nameKeys(r).length, r.names[0]?.text).toBeGreaterThan(0);
    const sizes = connectedParts(run.resolvable).map((p) => p.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
  });

  it("meets the pinyin, traditional and surname-first forms of every Chinese résumé's Han name", () => {
    // Résumés only: patents add rare surnames (者为) whose pinyin no Latin spelling is read back to.
    const han = run.mentions.filter((m) => m.sourceKind === 'resume' && isHanName(m.name.full));
    expect(han.length).toBeGreaterThan(50);
    for (const m of han) {
      const form = nameForm(m.name);
      expect(form).toBeDefined();
      const key = nameBlockKeys(form!)[0] as string;
      const syllables = pinyin(m.name.full, { toneType: 'none', surname: 'head', type: 'array' });
      const familyLength = (m.name.family ?? m.name.full.charAt(0)).length;
      const family = syllables.slice(0, familyLength).join('');
      const given = syllables.slice(familyLength).join('');
      const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
      for (const variant of [
        `${cap(given)} ${cap(family)}`,
        `${family.toUpperCase()} ${cap(given)}`,
        toTraditional(m.name.full),
      ]) {
        const other = nameForm({ full: variant.replace(/ü/g, 'u') })!;
        expect(nameBlockKeys(other), `${m.name.full} / ${variant}`).toContain(key);
        expect(compareNameForms(form!, other).level, `${m.name.full} / ${variant}`).not.toBe('incompatible');
      }
    }
  });

  it('meets the initials and "Last, First" forms of every Western corpus name', () => {
    const western = run.mentions.filter((m) => !isHanName(m.name.full) && m.role !== 'group-member');
    for (const m of western) {
      const form = nameForm(m.name);
      if (form === undefined || form.readings.length > 0 || form.given.length === 0) continue;
      const first = form.given[0] as string;
      const initials = `${first.charAt(0).toUpperCase()}. ${form.family}`;
      const other = nameForm({ full: initials })!;
      expect(
        nameBlockKeys(other).some((k) => nameBlockKeys(form).includes(k)),
        `${m.name.full} / ${initials}`,
      ).toBe(true);
      expect(compareNameForms(form, other).level, `${m.name.full} / ${initials}`).toBe('initial');
    }
  });

  it('resolves the corpus the same way in any order', () => {
    const expected = run.clusters;
    for (const seed of [3, 17]) expect(resolveMentions(shuffled(run.resolvable, seed))).toEqual(expected);
  });
});
