import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { openBackend } from '../../indexer/open-backend.js';
import { ensureTopics } from '../../ingest/kafka/client.js';
import { listDeadLetters } from '../../ingest/kafka/dlq-tools.js';
import { startWorker } from '../../ingest/kafka/worker.js';
import { createLogger } from '../../lib/logger.js';
import { cleanTopics, drained, profileDocs } from '../helpers/kafka.js';
import { describeWithService, kafkaBrokers, uniqueName } from '../helpers/services.js';

/**
 * A producer that is not ours: the broker's own console producer (Kafka's Java tools) sends a
 * binary-mode CloudEvent (ce_* headers, a JSON Resume as the value) and a CloudEvent without an id
 * to a raw topic; the worker indexes the first and dead-letters the second with its bytes.
 */
const logger = createLogger({ level: 'warn' });

/** The classpath of Kafka's console producer: the services script's jars, plus kafka-tools if apart. */
function consoleProducerClasspath(): string | undefined {
  const home =
    process.env.TALENT_SERVICES_HOME ??
    (process.getuid?.() === 0
      ? '/var/cache/talent-brain/services'
      : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'talent-brain/services'));
  const kafkaHome = join(home, 'kafka');
  if (!existsSync(kafkaHome)) return undefined;
  for (const version of readdirSync(kafkaHome)) {
    const lib = join(kafkaHome, version, 'lib');
    if (!existsSync(lib)) continue;
    const jars = readdirSync(lib);
    if (jars.some((j) => j.startsWith('kafka-tools-') && !j.startsWith('kafka-tools-api'))) return `${lib}/*`;
    // Installs from before the services script fetched the tools: Maven's local repository.
    const tools = join(
      homedir(),
      `.m2/repository/org/apache/kafka/kafka-tools/${version}/kafka-tools-${version}.jar`,
    );
    if (existsSync(tools)) return `${tools}:${lib}/*`;
  }
  return undefined;
}

const classpath = consoleProducerClasspath();
const java = spawnSync('java', ['-version']).status === 0;
const strict = Boolean(process.env.TALENT_STRICT);

describeWithService('kafka', 'raw topics fed by a producer that is not ours (real broker)', () => {
  if ((!classpath || !java) && strict) {
    it('needs Java and Kafka’s console producer', () => {
      throw new Error(
        'Kafka’s console producer not found (java on PATH and kafka-tools in the services jars: bash scripts/services/services.sh up kafka); TALENT_STRICT forbids skipping',
      );
    });
    return;
  }
  describe.skipIf(!classpath || !java)('console producer', () => {
    const prefix = uniqueName('tbforeign');
    const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    afterAll(() => cleanTopics(kafka, prefix));

    it('a binary-mode CloudEvent carrying a JSON Resume is indexed; one without an id is dead-lettered', async () => {
      const config = loadConfig({
        env: {
          TALENT_REFERENCE_DATE: '2026-01-01',
          TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
          TALENT_KAFKA_TOPIC_PREFIX: prefix,
          TALENT_KAFKA_GROUP: `${prefix}-workers`,
          TALENT_KAFKA_PARTITIONS: '1',
        },
      });
      const topics = await ensureTopics(kafka, config);
      // A made-up résumé, on one line (the console producer reads one message per line).
      const resume = JSON.stringify({
        basics: {
          name: 'Oksana Brightwater',
          email: 'oksana.brightwater@example.test',
          label: 'Power electronics engineer',
          location: { city: 'Eindhoven', countryCode: 'NL' },
        },
        work: [
          {
            name: 'Voltaic Grid BV',
            position: 'Lead engineer',
            startDate: '2018-09',
            summary: 'SiC inverters',
          },
        ],
        education: [{ institution: 'Delft University of Technology', area: 'Electrical Engineering' }],
        skills: [{ name: 'Power electronics' }],
      });
      const headers = (id?: string): string =>
        [
          'ce_specversion:1.0',
          ...(id ? [`ce_id:${id}`] : []),
          'ce_source:urn:example:hr-export',
          'ce_type:com.example.resume.exported',
          'ce_time:2026-02-14T08:30:00Z',
          'ce_subject:candidate-77',
          'content-type:application/json',
        ].join(',');
      const orphan = '{"basics":{"name":"No Id"}}';
      const input = `${headers('evt-0001')}\tevt-0001\t${resume}\n${headers()}\tno-id\t${orphan}\n`;
      const sent = spawnSync(
        'java',
        [
          '-cp',
          classpath as string,
          'org.apache.kafka.tools.ConsoleProducer',
          '--bootstrap-server',
          kafkaBrokers.join(','),
          '--topic',
          topics.raw.resume,
          '--property',
          'parse.headers=true',
          '--property',
          'parse.key=true',
          '--producer-property',
          'acks=all',
        ],
        { input, encoding: 'utf8', timeout: 120_000 },
      );
      expect(sent.status, sent.stderr).toBe(0);

      const dataDir = mkdtempSync(join(tmpdir(), 'tb-foreign-data-'));
      const backend = await openBackend(config, { dataDir, backend: 'embedded' });
      const worker = await startWorker({ config, logger, index: backend.index, state: backend.state });
      try {
        await drained(kafka, config.kafka.groupId, Object.values(topics.raw));
      } finally {
        await worker.stop();
        await backend.close();
      }
      const profiles = profileDocs(dataDir);
      expect(profiles).toHaveLength(1);
      expect(JSON.stringify(profiles[0]?.doc)).toContain('Oksana Brightwater');
      expect(JSON.stringify(profiles[0]?.doc)).toContain('Voltaic Grid');

      const letters = await listDeadLetters({ config, logger });
      expect(letters.map((l) => `${l.stage}:${l.reason.code}`)).toEqual(['decode:invalid-envelope']);
      expect(letters[0]?.reason.message).toMatch(/no id attribute/);
      expect(letters[0]?.source.key).toBe('no-id');
      expect(Buffer.from(letters[0]?.valueBase64 ?? '', 'base64').toString()).toBe(orphan);
    }, 240_000);
  });
});
