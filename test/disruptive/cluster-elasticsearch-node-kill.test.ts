import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { createLogger } from '../../lib/logger.js';
import {
  cluster,
  clusterConfig,
  clusterScript,
  describeWithCluster,
  dropRun,
  expectUndisturbed,
  InProcessWorkers,
  referenceRun,
  stagesDrained,
  waitFor,
  type Reference,
} from '../helpers/cluster.js';
import { uniqueName } from '../helpers/services.js';

/**
 * On the Elasticsearch cluster (2 data nodes, one replica per shard, a master-only tiebreaker): data
 * node 1 — which holds a copy of every shard and is the first node the workers' client knows — is
 * killed with SIGKILL while two staged workers write profiles, then brought back. The replicas on
 * node 2 become primaries, the client sends to node 2, bulk items refused during the failover are
 * retried: the index ends equal to the undisturbed run, and green again once node 1 has caught up.
 */
const logger = createLogger({ level: 'fatal' });
const config = clusterConfig(uniqueName('tbesnode'));
const KILLED = 1;

describeWithCluster('cluster: an Elasticsearch data node killed mid-stream', () => {
  let reference: Reference;
  beforeAll(async () => {
    reference = await referenceRun(150, 71);
  }, 120_000);
  afterAll(async () => {
    await clusterScript('elasticsearch', 'up');
    await dropRun(config);
  }, 300_000);

  it('the replicas take over; nothing is lost or indexed twice', async () => {
    await publishInputs({ inputs: [reference.before], config, logger });
    const workers = new InProcessWorkers(config, logger);
    try {
      await workers.start();
      await workers.start();
      await waitFor('profiles indexed before the kill', () => workers.profilesPut() > 0);
      await clusterScript('elasticsearch', 'kill', KILLED);
      await publishInputs({ inputs: [reference.during], config, logger });
      const put = workers.profilesPut();
      await waitFor('profiles indexed with a data node down', () => workers.profilesPut() > put, 180_000);
      expect(await dataNodes()).toBe(1);
      await clusterScript('elasticsearch', 'up');
      expect(await dataNodes()).toBe(2);
      await stagesDrained(config);
    } finally {
      await workers.stop();
    }
    await expectUndisturbed(config, reference, logger);
  }, 600_000);
});

async function dataNodes(): Promise<number> {
  const client = new Client({ nodes: cluster.elasticsearchUrl.split(',') });
  try {
    return (await client.cluster.health()).number_of_data_nodes;
  } finally {
    await client.close();
  }
}
