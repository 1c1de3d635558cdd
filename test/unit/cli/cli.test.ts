import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TalentProfile } from '../../../processors/model/profile.js';

const root = resolve(import.meta.dirname, '../../..');

function cli(
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01', ...env },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('talent-brain CLI', () => {
  it('has --help on every command', () => {
    for (const args of [
      ['--help'],
      ['parse', '--help'],
      ['config', '--help'],
      ['demo', '--help'],
      ['generate', '--help'],
      ['stats', '--help'],
      ['search', '--help'],
      ['show', '--help'],
      ['gaps', '--help'],
      ['ingest', '--help'],
      ['rejects', '--help'],
      ['resolve', '--help'],
    ]) {
      const { code, stdout } = cli(args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage: talent-brain/);
    }
    expect(cli(['parse', '--help']).stdout).toMatch(
      /Exit codes: 0 every input parsed, 2 at least one input rejected/,
    );
  }, 180_000); // thirteen CLI processes, each compiling the CLI through tsx: slow on a loaded machine

  it('parses a mixed directory: good inputs become profiles, bad ones are rejected with reasons and exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-cli-'));
    for (const name of ['li-wei.resume.json', 'US99999001B2.xml', 'form4-example.xml'])
      copyFileSync(join(root, 'examples', name), join(dir, name));
    writeFileSync(
      join(dir, 'truncated.xml'),
      '<?xml version="1.0"?>\n<us-patent-grant><us-bibliographic-data-grant><invention-title>Half',
    );
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'notes.bin'), Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]));
    const { code, stdout, stderr } = cli(['parse', '--json', '--no-progress', dir]);
    expect(code).toBe(2);
    const profiles = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TalentProfile);
    expect(profiles.map((p) => p.displayName).sort()).toEqual([
      'Anna K. Miller',
      'Maria E. Garcia',
      'Wei Li',
      'Xiaoyu Chen',
    ]);
    const summary = JSON.parse(stderr.trim().split('\n').pop() as string) as {
      rejected: number;
      parsed: number;
      rejections: Array<{ input: string; code: string }>;
    };
    expect(summary.parsed).toBe(3);
    expect(summary.rejections.map((r) => [r.input.split('/').pop(), r.code]).sort()).toEqual([
      ['empty.json', 'empty-input'],
      ['notes.bin', 'unknown-format'],
      ['truncated.xml#0', 'malformed-xml'],
    ]);
    const garcia = profiles.find((p) => p.displayName === 'Maria E. Garcia');
    expect(garcia?.topIndustries[0]?.industry).toBe('automotive');
  });

  it('exits 0 when everything parsed, and prints a readable summary', () => {
    const { code, stdout, stderr } = cli(['parse', '--no-progress', join(root, 'examples/US99999001B2.xml')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Xiaoyu Chen — Example Semiconductor Co., Ltd.\n {2}tier D · semiconductors \d+/);
    expect(stderr).toMatch(/1 records: 1 parsed, 0 skipped, 0 rejected → 2 mentions, 2 profiles/);
  });

  it('reads stdin and honours --format and --encoding', () => {
    const gbk = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'bin/talent-brain.ts'),
        'parse',
        '--json',
        '--format',
        'zh-resume-text',
        '--encoding',
        'gbk',
        '-',
      ],
      {
        cwd: root,
        input: Buffer.from([
          // "张明，男，中国国籍，研究员。" in GBK
          0xd5, 0xc5, 0xc3, 0xf7, 0xa3, 0xac, 0xc4, 0xd0, 0xa3, 0xac, 0xd6, 0xd0, 0xb9, 0xfa, 0xb9, 0xfa,
          0xbc, 0xae, 0xa3, 0xac, 0xd1, 0xd0, 0xbe, 0xbf, 0xd4, 0xb1, 0xa1, 0xa3,
        ]),
        encoding: 'utf8',
      },
    );
    expect(gbk.status).toBe(0);
    expect((JSON.parse(gbk.stdout.trim()) as TalentProfile).displayName).toBe('张明');
  });

  it('fails with exit code 1 and a message naming the setting on a bad config', () => {
    const { code, stderr } = cli(['parse', join(root, 'examples')], { TALENT_MAX_DOCUMENT_BYTES: 'lots' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/environment variable TALENT_MAX_DOCUMENT_BYTES.*Fix/);
    const unknown = cli(['parse', '--format', 'docx', join(root, 'examples')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown --format "docx"/);
  });
});
