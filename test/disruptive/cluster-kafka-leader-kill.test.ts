import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { readTopology } from '../../ingest/kafka/topology.js';
import { createLogger } from '../../lib/logger.js';
import {
  clusterConfig,
  clusterKafka,
  clusterScript,
  describeWithCluster,
  dropRun,
  expectUndisturbed,
  InProcessWorkers,
  leaderOf,
  referenceRun,
  settled,
  stagesDrained,
  within,
  waitFor,
  type Reference,
} from '../helpers/cluster.js';
import { uniqueName } from '../helpers/services.js';

/**
 * On the 3-broker cluster (replication factor 3, min.insync.replicas 2): the broker leading a raw
 * partition is killed with SIGKILL while two staged workers consume it and a publisher produces the
 * second half of the documents, then brought back. Acknowledged writes live on two brokers at
 * least, a follower in sync takes the leadership, the consumers follow it: the index ends equal to
 * the undisturbed run.
 */
const logger = createLogger({ level: 'fatal' });
const config = clusterConfig(uniqueName('tbleader'));

describeWithCluster('cluster: the leader broker of a raw partition killed mid-stream', () => {
  let reference: Reference;
  beforeAll(async () => {
    reference = await referenceRun(150, 61);
  }, 120_000);
  afterAll(async () => {
    await clusterScript('kafka', 'up'); // whatever happened above, the next test finds three brokers
    await dropRun(config);
  }, 300_000);

  it('a follower takes over; nothing is lost or indexed twice', async () => {
    await publishInputs({ inputs: [reference.before], config, logger });
    const workers = new InProcessWorkers(config, logger);
    try {
      await workers.start();
      await workers.start();
      await waitFor('profiles indexed before the kill', () => workers.profilesPut() > 0);

      const kafka = clusterKafka();
      const topic = topicsOf(config).raw.patent;
      const leader = await leaderOf(kafka, topic, 0);
      await clusterScript('kafka', 'kill', leader);
      // Documents produced with the leader gone: acks from the two brokers left (min.insync 2).
      const during = await within(
        'publishing with the leader gone',
        120_000,
        publishInputs({ inputs: [reference.during], config, logger }),
      );
      expect(during.records).toBeGreaterThan(0);
      const newLeader = await settled(
        () => leaderOf(kafka, topic, 0),
        (l) => l !== leader,
      );
      expect(newLeader).not.toBe(leader);
      // What an operator sees meanwhile: two brokers, the topic's partitions short of one replica.
      const topology = await settled(
        () => within('topology', 30_000, readTopology(kafka, config)),
        (t) => !t.brokers.some((b) => b.nodeId === leader),
      );
      expect(topology.brokers.map((b) => b.nodeId)).not.toContain(leader);
      expect(topology.topics.find((t) => t.name === topic)).toMatchObject({
        replicationFactor: 3,
        offline: 0,
      });
      expect(topology.topics.find((t) => t.name === topic)?.underReplicated).toBeGreaterThan(0);
      const put = workers.profilesPut();
      await waitFor('progress with a broker down', () => workers.profilesPut() > put);

      await clusterScript('kafka', 'up');
      await stagesDrained(config);
    } finally {
      await workers.stop();
    }
    await expectUndisturbed(config, reference, logger);
  }, 600_000);
});
