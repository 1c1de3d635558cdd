import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Parsers are CPU-bound; two workers match the two cores CI runs on.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
