import type { Command } from 'commander';
import { createKafka } from '../../ingest/kafka/client.js';
import { formatTopology, readTopology } from '../../ingest/kafka/topology.js';
import { createLogger } from '../../lib/logger.js';
import { configOrExit } from '../cli-config.js';
import { ExitCode } from '../exit-codes.js';
import { processOutput, type Output } from '../format/output.js';

export interface TopologyCliOptions {
  config?: string;
  json?: boolean;
}

/** `talent-brain topology`, without the process around it: returns the exit code. */
export async function runTopology(options: TopologyCliOptions, io: Output = processOutput): Promise<number> {
  const config = configOrExit(options.config);
  // kafkajs logs its connection retries; the command's answer (or its error) is what matters.
  const logger = createLogger({ level: 'fatal' });
  const topology = await readTopology(createKafka(config, logger, 'talent-brain-topology'), config);
  io.out(options.json ? `${JSON.stringify(topology)}\n` : formatTopology(topology));
  return ExitCode.ok;
}

export function registerTopology(program: Command): void {
  program
    .command('topology')
    .description(
      'the Kafka side of the pipeline: brokers, stages with their topics and consumer groups, lag per stage, partitions and replication per topic',
    )
    .option('-c, --config <file>', 'config file (YAML)')
    .option(
      '--json',
      'one JSON object: brokers, controller, clusterId, prefix, stages [{stage, group, reads, writes, state, members, lag, partitions [{topic, partition, committed, end, lag}]}], topics [{name, partitions, replicationFactor, underReplicated, offline, messages, exists}]',
    )
    .addHelpText(
      'after',
      `
Reads kafka.brokers, kafka.topicPrefix and kafka.groupId (TALENT_KAFKA_*). Lag is counted from the
groups' committed offsets (a record is done once its offset is committed); a group that never ran
shows state Dead or Empty and the topics' whole content as lag. Stages: parse and resolve are the
staged pipeline (talent-brain worker --stage), worker the single-stage worker; docs/distributed.md.
Exit codes: 0 ok, 1 error (Kafka unreachable, bad config).`,
    )
    .action(async (options: TopologyCliOptions) => {
      process.exitCode = await runTopology(options);
    });
}
