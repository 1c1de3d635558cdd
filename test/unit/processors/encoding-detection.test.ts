import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createEnvelope } from '../../../lib/envelope.js';
import { headText } from '../../../processors/common/decode-text.js';
import { defaultParseLimits } from '../../../processors/parser.js';
import { processRecord, type RecordOutcome } from '../../../processors/pipeline.js';

/** A made-up biography (fictional person and firms) in the style of a listed company's report. */
const RESUME = [
  '欧阳明华先生，1972年3月出生，中国国籍，汉族，清华大学计算机科学与技术专业博士研究生学历，教授级高级工程师。',
  '1998年7月至2005年6月任北京星河电子科技有限公司研发部经理；',
  '2005年7月至今任华夏云图信息技术股份有限公司董事、总经理。',
].join('\n');

/** Format undeclared, as for a file given to `parse` / `ingest`: detection must find it. */
function processUndetected(body: Buffer, contentType: string): RecordOutcome {
  const envelope = createEnvelope({
    sourceKind: 'resume',
    origin: { file: '/made-up/resume.txt' },
    body,
    contentType,
    fetchedAt: new Date('2026-01-01T00:00:00Z'),
  });
  return processRecord(envelope, defaultParseLimits);
}

function displayName(outcome: RecordOutcome): string | undefined {
  if (outcome.status !== 'parsed') throw new Error(`expected parsed, got ${JSON.stringify(outcome)}`);
  return outcome.mentions[0]?.name.full;
}

describe('format detection honours the declared encoding', () => {
  it('detects and parses a GBK résumé declared as gbk or gb18030', () => {
    const gbk = iconv.encode(RESUME, 'gbk');
    for (const charset of ['gbk', 'GBK', 'gb2312', 'gb18030']) {
      const outcome = processUndetected(gbk, `text/plain; charset=${charset}`);
      expect(outcome.format, charset).toBe('zh-resume-text');
      expect(displayName(outcome), charset).toBe('欧阳明华');
    }
  });

  it('detects and parses a declared Big5 résumé', () => {
    const traditional =
      '王明先生，1972年3月出生，中國國籍，清華大學計算機科學與技術專業博士研究生學歷，教授級高級工程師。\n1998年7月至2005年6月任北京星河電子科技有限公司研發部經理。';
    const outcome = processUndetected(iconv.encode(traditional, 'big5'), 'text/plain; charset=big5');
    expect(outcome.format).toBe('zh-resume-text');
    expect(displayName(outcome)).toBe('王明');
  });

  it('reads a UTF-16 résumé with a byte-order mark without any declaration', () => {
    for (const [bom, encoding] of [
      [Buffer.from([0xff, 0xfe]), 'utf-16le'],
      [Buffer.from([0xfe, 0xff]), 'utf-16be'],
    ] as const) {
      const body = Buffer.concat([bom, iconv.encode(RESUME, encoding)]);
      expect(headText(body, 1024)).toContain('欧阳明华先生');
      expect(displayName(processUndetected(body, 'text/plain'))).toBe('欧阳明华');
    }
  });

  it('rejects an undeclared GBK résumé as invalid-encoding with the hint to declare gbk', () => {
    const outcome = processUndetected(iconv.encode(RESUME, 'gbk'), 'text/plain');
    expect(outcome.status).toBe('rejected');
    if (outcome.status !== 'rejected') return;
    expect(outcome.error.code).toBe('invalid-encoding');
    expect(outcome.error.message).toMatch(/GBK\/GB18030.*--encoding gbk/);
  });

  it('names Shift_JIS for undeclared Japanese text', () => {
    const sjis = iconv.encode(
      '山田太郎は東京大学の教授です。これはテストの文章です。ありがとうございます。',
      'shift_jis',
    );
    const outcome = processUndetected(sjis, 'text/plain');
    expect(outcome.status === 'rejected' && outcome.error.code).toBe('invalid-encoding');
    expect(outcome.status === 'rejected' && outcome.error.message).toMatch(/Shift_JIS.*--encoding shift_jis/);
  });

  it('an unknown declared charset is an invalid-encoding rejection, not a crash', () => {
    const outcome = processUndetected(Buffer.from('张三，男。'), 'text/plain; charset=x-no-such');
    expect(outcome.status).toBe('rejected');
    expect(outcome.status === 'rejected' && ['invalid-encoding', 'unknown-format']).toContain(
      outcome.status === 'rejected' && outcome.error.code,
    );
  });
});

describe('talent-brain parse --encoding gbk without --format', () => {
  it('detects the GBK résumé file; without the flag it answers the invalid-encoding hint', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const dir = mkdtempSync(join(tmpdir(), 'tb-gbk-'));
    const file = join(dir, 'resume.txt');
    writeFileSync(file, iconv.encode(RESUME, 'gbk'));
    const run = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01' },
        timeout: 60_000,
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const declared = run(['parse', '--json', '--encoding', 'gbk', file]);
    expect(declared.code, declared.stderr).toBe(0);
    expect(declared.stdout).toContain('欧阳明华');
    const undeclared = run(['parse', '--json', file]);
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toMatch(/invalid-encoding/);
    expect(undeclared.stderr).toMatch(/--encoding gbk/);
  });
});
