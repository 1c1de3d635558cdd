import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { describe, it } from 'vitest';
import { projectRoot } from '../../lib/project-root.js';
import { strictMode } from './corpus.js';

/** The system's Chromium (Debian's `chromium` package), driven by playwright-core in test/browser/. */
export const CHROMIUM = '/usr/bin/chromium';
/** Where the browser suites leave their screenshots (not versioned). */
export const artifacts = join(projectRoot(import.meta.url), 'test', 'artifacts');
/** How long one browser step may take before it fails. */
export const STEP_MS = 15_000;

/**
 * `describe` for suites that need Chromium: skipped without it, unless TALENT_STRICT is set, in
 * which case the suite fails saying how to install it.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (!existsSync(CHROMIUM) && strictMode) {
    describe(name, () => {
      it('needs chromium', () => {
        throw new Error(
          `${CHROMIUM} not found (apt-get install -y chromium); TALENT_STRICT forbids skipping`,
        );
      });
    });
    return;
  }
  describe.skipIf(!existsSync(CHROMIUM))(name, body);
}

/** A headless Chromium, sandbox off (the tests run as root in containers). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
