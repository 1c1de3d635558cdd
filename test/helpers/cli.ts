import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../lib/project-root.js';

const root = projectRoot(import.meta.url);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `talent-brain <args>` as a user runs it, in a child process from the sources (tsx), with a fixed
 * reference date so scores do not move with the calendar; asynchronous, so several runs can
 * overlap (two ingests on one data directory, CLI tests sharing the wall-clock time).
 */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), ...args], {
      cwd: root,
      env: { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
