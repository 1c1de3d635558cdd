import { defineConfig } from 'vitest/config';

/**
 * Tests that take a shared service down (a broker restart, an Elasticsearch outage) or kill nodes
 * of the cluster mode (`services.sh up --cluster`, which `npm test` starts for them). They run after
 * the main suite, one file at a time, so no other test sees the outage.
 */
/**
 * Known failing, kept out of the suite until fixed (docs/roadmap.md): killing the leader broker of a
 * raw partition mid-stream ends in a wrong index or a stall in 4 of 6 runs — a resolve-stage member
 * without transactional fencing, and kafkajs's fetch loop spinning after a broker died
 * (tulios/kafkajs#1384). `TALENT_QUARANTINED=1` runs it.
 */
const quarantined = ['test/disruptive/cluster-kafka-leader-kill.test.ts'];

export default defineConfig({
  test: {
    include: ['test/disruptive/**/*.test.ts'],
    exclude: process.env.TALENT_QUARANTINED === '1' ? [] : quarantined,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
  },
});
