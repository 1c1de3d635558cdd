import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { createLogger } from '../../lib/logger.js';
import { projectRoot } from '../../lib/project-root.js';
import {
  cluster,
  clusterConfig,
  clusterKafka,
  describeWithCluster,
  dropRun,
  expectUndisturbed,
  referenceRun,
  stagesDrained,
  waitFor,
  type Reference,
} from '../helpers/cluster.js';
import { uniqueName } from '../helpers/services.js';

/**
 * On the cluster: a worker process (`talent-brain worker --stage all`) is killed with SIGKILL while
 * its resolve group rebalances because a second worker joined — the moment ownership of partitions
 * and their stores is changing hands. The survivor takes every partition over (restoring the stores
 * from the changelog) once the dead member's session expires: the index ends equal to the
 * undisturbed run.
 */
const root = projectRoot(import.meta.url);
const logger = createLogger({ level: 'fatal' });
const prefix = uniqueName('tbrebal');
const config = clusterConfig(prefix);
const resolveGroup = `${config.kafka.groupId}.resolve`;

interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

function startWorkerProcess(): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), 'worker', '--stage', 'all', '--chunk', '40'],
    {
      cwd: root,
      env: {
        ...process.env,
        TALENT_REFERENCE_DATE: '2026-01-01',
        TALENT_LOG_LEVEL: 'warn',
        TALENT_KAFKA_BROKERS: cluster.brokers.join(','),
        TALENT_KAFKA_TOPIC_PREFIX: prefix,
        TALENT_KAFKA_GROUP: config.kafka.groupId,
        TALENT_KAFKA_PARTITIONS: String(config.kafka.partitions),
        TALENT_ELASTICSEARCH_URL: cluster.elasticsearchUrl,
        TALENT_ELASTICSEARCH_PREFIX: prefix,
        TALENT_INDEX_BACKEND: 'elasticsearch',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
  return {
    child,
    log: () => log,
    exited: new Promise((done) => child.on('close', (code) => done(code))),
  };
}

/** Messages of the mentions topic the resolve group has committed. */
async function resolveCommitted(): Promise<number> {
  const admin = clusterKafka().admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({
      groupId: resolveGroup,
      topics: [topicsOf(config).mentions],
    });
    return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } catch {
    return 0; // the worker has not created the mentions topic yet
  } finally {
    await admin.disconnect();
  }
}

describeWithCluster('cluster: a worker killed during a rebalance', () => {
  let reference: Reference;
  const processes: WorkerProcess[] = [];
  beforeAll(async () => {
    reference = await referenceRun(150, 81);
  }, 120_000);
  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await dropRun(config);
  }, 120_000);

  it('the survivor takes its partitions over; nothing is lost or indexed twice', async () => {
    await publishInputs({ inputs: [reference.before, reference.during], config, logger });
    const first = startWorkerProcess();
    processes.push(first);
    await waitFor('the first worker commits', async () => (await resolveCommitted()) > 0, 180_000);

    const admin = clusterKafka().admin();
    await admin.connect();
    let stateAtKill = '';
    try {
      processes.push(startWorkerProcess()); // joins: the group starts rebalancing
      await waitFor(
        'the resolve group rebalancing',
        async () => {
          const [group] = (await admin.describeGroups([resolveGroup])).groups;
          stateAtKill = group?.state ?? '';
          return stateAtKill === 'PreparingRebalance' || stateAtKill === 'CompletingRebalance';
        },
        120_000,
      );
      first.child.kill('SIGKILL');
    } finally {
      await admin.disconnect();
    }
    expect(await first.exited).toBe(null); // killed by the signal, no exit code
    expect(['PreparingRebalance', 'CompletingRebalance']).toContain(stateAtKill);

    const survivor = processes[1]!;
    try {
      await stagesDrained(config);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nsurvivor's log:\n${survivor.log().slice(-4000)}`, {
        cause: error,
      });
    }
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    await expectUndisturbed(config, reference, logger);
  }, 600_000);
});
