import { defineConfig } from 'vitest/config';

/**
 * Tests that take a shared service down (a broker restart, an Elasticsearch outage) or kill nodes
 * of the cluster mode (`services.sh up --cluster`, which `npm test` starts for them). They run after
 * the main suite, one file at a time, so no other test sees the outage.
 */
export default defineConfig({
  test: {
    include: ['test/disruptive/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
  },
});
