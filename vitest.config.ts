import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Run alone, after this suite (vitest.disruptive.config.ts): they take shared services down.
    exclude: ['test/disruptive/**', '**/node_modules/**'],
    // Parsers are CPU-bound; two workers match the two cores CI runs on.
    pool: 'forks',
    maxWorkers: 2,
    // A hung test still fails; a slow one on a loaded machine (CLI children, corpus parses) does not.
    testTimeout: 120_000,
  },
});
