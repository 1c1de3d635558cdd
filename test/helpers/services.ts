import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { settings } from '../../config/settings.js';
import { strictMode } from './corpus.js';

/**
 * Connections to the real Kafka, Elasticsearch and Redis of the integration suites, resolved like
 * the application resolves them (environment variable, else the setting's default), plus
 * `describeWithService`: skip a suite when its service is unreachable, fail it under TALENT_STRICT.
 * `scripts/services/services.sh up` starts all three on the defaults.
 */
export type ServiceName = 'kafka' | 'elasticsearch' | 'redis';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function settingValue(path: 'kafka.brokers' | 'elasticsearch.url' | 'redis.url'): string {
  const spec = settings.find((s) => s.path === path);
  if (spec === undefined || typeof spec.default !== 'string')
    throw new Error(`config/settings.ts has no string setting ${path}`);
  return process.env[spec.env] ?? spec.default;
}

const envOf: Record<ServiceName, string> = {
  kafka: 'TALENT_KAFKA_BROKERS',
  elasticsearch: 'TALENT_ELASTICSEARCH_URL',
  redis: 'TALENT_REDIS_URL',
};

/** `host:port` strings, as kafkajs takes them. */
export const kafkaBrokers: string[] = settingValue('kafka.brokers').split(',');
export const elasticsearchUrl: string = settingValue('elasticsearch.url');
export const redisUrl: string = settingValue('redis.url');

interface Endpoint {
  host: string;
  port: number;
}

function endpointsOf(service: ServiceName): Endpoint[] {
  if (service === 'kafka') {
    return kafkaBrokers.map((broker) => {
      const colon = broker.lastIndexOf(':');
      return { host: broker.slice(0, colon), port: Number(broker.slice(colon + 1)) };
    });
  }
  const urls = service === 'elasticsearch' ? elasticsearchUrl.split(',') : [redisUrl];
  return urls.map((text) => {
    const url = new URL(text);
    const defaultPort = service === 'redis' ? 6379 : url.protocol === 'https:' ? 443 : 80;
    // URL keeps IPv6 hosts in brackets; net.connect wants them bare.
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : defaultPort };
  });
}

/** A TCP connection is accepted within `timeoutMs`. What the service then answers is the suite's to test. */
function accepts({ host, port }: Endpoint, timeoutMs = 1500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

async function reachable(service: ServiceName): Promise<boolean> {
  const results = await Promise.all(endpointsOf(service).map((endpoint) => accepts(endpoint)));
  return results.some(Boolean);
}

// Probed once per test file, in parallel, before any suite is declared: vitest decides skips when
// it collects the suites, synchronously.
const [kafkaUp, elasticsearchUp, redisUp] = await Promise.all([
  reachable('kafka'),
  reachable('elasticsearch'),
  reachable('redis'),
]);

/** Whether each service accepted a connection when this test file was loaded. */
export const serviceReachable: Readonly<Record<ServiceName, boolean>> = {
  kafka: kafkaUp,
  elasticsearch: elasticsearchUp,
  redis: redisUp,
};

function whereOf(service: ServiceName): string {
  return service === 'kafka'
    ? kafkaBrokers.join(',')
    : service === 'elasticsearch'
      ? elasticsearchUrl
      : redisUrl;
}

/**
 * `describe` for suites that need a running service: skipped when it does not accept connections,
 * unless TALENT_STRICT is set, in which case the suite fails saying where it was looked for and how
 * to start it.
 */
export function describeWithService(service: ServiceName, name: string, body: () => void): void {
  const up = serviceReachable[service];
  if (!up && strictMode) {
    describe(name, () => {
      it(`needs ${service}`, () => {
        throw new Error(
          `${service} not reachable at ${whereOf(service)} (start it with "bash scripts/services/services.sh up", or set ${envOf[service]}); TALENT_STRICT forbids skipping`,
        );
      });
    });
    return;
  }
  describe.skipIf(!up)(name, body);
}

/**
 * A name no other run uses, valid as a Kafka topic, an Elasticsearch index (lower case, no
 * uppercase or `#`/`:`) and a Redis key: suites running at once, or a rerun after a crash that left
 * its topics and indices behind, never see each other's data.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`.toLowerCase();
}

const run = promisify(execFile);

/**
 * Runs `scripts/services/<service>.sh <command>` (e.g. `restart` for Kafka, `stop` / `start` for
 * Elasticsearch) and resolves when it has finished: for `start`/`restart`, once the service
 * answers again. The scripts' own progress goes to stderr; it is returned for failure messages.
 */
export async function runServiceScript(
  service: ServiceName,
  command: 'up' | 'start' | 'stop' | 'restart' | 'status',
): Promise<string> {
  const script = resolve(repoRoot, 'scripts/services', `${service}.sh`);
  try {
    const { stderr } = await run('bash', [script, command], { cwd: repoRoot, timeout: 300_000 });
    return stderr;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${script} ${command} failed: ${message}\n${stderr ?? ''}`, { cause: error });
  }
}
