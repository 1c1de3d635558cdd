import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Run alone, after this suite (vitest.disruptive.config.ts): they take shared services down.
    exclude: ['test/disruptive/**', '**/node_modules/**'],
    // Parsers are CPU-bound; two workers match the two cores CI runs on.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
