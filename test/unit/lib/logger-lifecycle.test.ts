import { mkdtempSync, readFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lifecycle, type Component } from '../../../lib/lifecycle.js';
import { createLogger } from '../../../lib/logger.js';

function logToFile(): { file: string; fd: number } {
  const file = join(mkdtempSync(join(tmpdir(), 'tb-log-')), 'log.ndjson');
  return { file, fd: openSync(file, 'w') };
}

describe('logger', () => {
  it('redacts personal fields of the people we index', () => {
    const { file, fd } = logToFile();
    const logger = createLogger({ level: 'info', destinationFd: fd });
    logger.info(
      { mention: { email: 'a@example.org', phone: '+86 431 0000', name: 'Wei Li' }, birthDate: '1980-01-01' },
      'mention.parsed',
    );
    logger.flush();
    closeSync(fd);
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as {
      mention: Record<string, string>;
      birthDate: string;
      msg: string;
    };
    expect(line.msg).toBe('mention.parsed');
    expect(line.mention.email).toBe('[redacted]');
    expect(line.mention.phone).toBe('[redacted]');
    expect(line.birthDate).toBe('[redacted]');
    expect(line.mention.name).toBe('Wei Li');
  });
});

describe('lifecycle', () => {
  it('starts in order and closes in reverse, once, even when a close fails', async () => {
    const { fd } = logToFile();
    const events: string[] = [];
    const component = (name: string, failClose = false): Component => ({
      name,
      start: async () => void events.push(`start ${name}`),
      close: async () => {
        events.push(`close ${name}`);
        if (failClose) throw new Error(`${name} failed`);
      },
    });
    const lifecycle = new Lifecycle(createLogger({ level: 'silent', destinationFd: fd }));
    await lifecycle.start(component('consumer'), component('indexer', true), component('api'));
    await expect(lifecycle.close()).rejects.toThrow('indexer failed');
    await expect(lifecycle.close()).rejects.toThrow('indexer failed');
    expect(events).toEqual([
      'start consumer',
      'start indexer',
      'start api',
      'close api',
      'close indexer',
      'close consumer',
    ]);
    closeSync(fd);
  });
});
