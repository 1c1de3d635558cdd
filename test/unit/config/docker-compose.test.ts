import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { settings, type SettingSpec } from '../../../config/settings.js';

// docker-compose.yml must stay in step with config/settings.ts: the variables it sets exist, the
// ports it publishes are the settings' defaults (so the host's tools need no configuration), and
// what it runs is pinned and health-checked.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const composeText = readFileSync(resolve(repoRoot, 'docker-compose.yml'), 'utf8');

const portSchema = z.union([
  z.string(),
  z.object({
    published: z.union([z.string(), z.number()]),
    target: z.number(),
    host_ip: z.string().optional(),
  }),
]);
const serviceSchema = z.looseObject({
  image: z.string().optional(),
  build: z.unknown().optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  ports: z.array(portSchema).optional(),
  environment: z
    .union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), z.array(z.string())])
    .optional(),
  healthcheck: z.looseObject({ test: z.union([z.string(), z.array(z.string())]) }).optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))])
    .optional(),
});
const composeSchema = z.looseObject({ services: z.record(z.string(), serviceSchema) });
type Service = z.infer<typeof serviceSchema>;

// `merge: true` resolves the `<<: *talent-app` merge keys as Docker Compose does.
const compose = composeSchema.parse(parse(composeText, { merge: true }));
const services = compose.services;

function service(name: string): Service {
  const found = services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environmentOf(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((line) => [line.split('=')[0] ?? '', line.split('=').slice(1).join('=')]),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

interface Published {
  hostIp: string | null;
  published: number;
  target: number;
}

/** Short syntax `[ip:]published:target[/proto]` or the long form. */
function publishedPorts(svc: Service): Published[] {
  return (svc.ports ?? []).map((port) => {
    if (typeof port !== 'string')
      return { hostIp: port.host_ip ?? null, published: Number(port.published), target: port.target };
    const parts = port.replace(/\/(tcp|udp)$/, '').split(':');
    if (parts.length < 2) throw new Error(`port "${port}" publishes no host port`);
    const [target, published] = [Number(parts.at(-1)), Number(parts.at(-2))];
    return { hostIp: parts.length > 2 ? parts.slice(0, -2).join(':') : null, published, target };
  });
}

const specs = settings as readonly SettingSpec<unknown>[];

function settingByPath(path: string): SettingSpec<unknown> {
  const spec = specs.find((s) => s.path === path);
  if (spec === undefined) throw new Error(`config/settings.ts has no setting ${path}`);
  return spec;
}

/** The port in a setting's default: `host:port[,…]` or a URL. */
function defaultPortOf(path: string): number {
  const value = String(settingByPath(path).default);
  if (/^[a-z]+:\/\//.test(value)) {
    const url = new URL(value);
    return Number(url.port || { 'http:': 80, 'https:': 443, 'redis:': 6379 }[url.protocol]);
  }
  return Number(value.split(',')[0]?.split(':').at(-1));
}

const serviceSettings = [
  { service: 'kafka', setting: 'kafka.brokers' },
  { service: 'elasticsearch', setting: 'elasticsearch.url' },
  { service: 'redis', setting: 'redis.url' },
] as const;

const appServices = { api: ['serve'], worker: ['worker'], scheduler: ['jobs', 'work', '--sync'] } as const;

describe('docker-compose.yml', () => {
  it('names only TALENT_* variables that config/settings.ts defines', () => {
    const named = new Set(composeText.match(/\bTALENT_[A-Z0-9_]+\b/g) ?? []);
    expect(named.size).toBeGreaterThan(0);
    const known = new Set(specs.map((s) => s.env));
    expect([...named].filter((name) => !known.has(name))).toEqual([]);
  });

  it('publishes Kafka, Elasticsearch and Redis on the default ports of the settings, on loopback only', () => {
    for (const { service: name, setting } of serviceSettings) {
      const ports = publishedPorts(service(name));
      expect(
        ports.map((p) => p.published),
        `${name} publishes the port of ${setting}`,
      ).toEqual([defaultPortOf(setting)]);
      expect(ports.map((p) => p.hostIp)).toEqual(['127.0.0.1']);
    }
  });

  it('publishes no port that is not the default of a setting', () => {
    const settingPorts = new Set([
      ...serviceSettings.map(({ setting }) => defaultPortOf(setting)),
      defaultPortOf('api.port'),
    ]);
    const all = Object.entries(services).flatMap(([name, svc]) =>
      publishedPorts(svc).map((p) => `${name}:${p.published}`),
    );
    expect(all.filter((entry) => !settingPorts.has(Number(entry.split(':')[1])))).toEqual([]);
  });

  it('publishes the query service on the api.port default, on loopback only', () => {
    const ports = publishedPorts(service('api'));
    expect(ports.map((p) => [p.hostIp, p.published, Number(p.target)])).toEqual([
      ['127.0.0.1', defaultPortOf('api.port'), defaultPortOf('api.port')],
    ]);
    expect(environmentOf(service('api')).TALENT_API_HOST).toBe('0.0.0.0');
  });

  it('pins every image to a full version', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect(svc.image, `${name} names its image`).toBeDefined();
      expect(svc.image, `${name}'s image tag`).toMatch(/:\d+\.\d+\.\d+(-[a-z0-9.]+)?$/);
    }
  });

  it('health-checks every service the application depends on, and the application waits for them', () => {
    for (const { service: name } of serviceSettings) {
      expect(service(name).healthcheck?.test, `${name} has a healthcheck`).toBeDefined();
    }
    for (const name of Object.keys(appServices)) {
      expect(service(name).depends_on).toEqual({
        kafka: { condition: 'service_healthy' },
        elasticsearch: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('runs serve, worker and scheduler from the image built by the Dockerfile', () => {
    for (const [name, command] of Object.entries(appServices)) {
      const svc = service(name);
      expect(svc.build, `${name} is built`).toBe('.');
      expect(svc.command).toEqual(command);
    }
    const dockerfile = readFileSync(resolve(repoRoot, 'Dockerfile'), 'utf8');
    const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      engines: { node: string };
    };
    expect(dockerfile).toContain(`ENTRYPOINT ["node", "${pkg.bin['talent-brain']}"]`);
    // Both stages on one exact Node release (native addons are installed for it), of a major
    // that package.json's engines accept.
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1] ?? '');
    const release = /^node:\d+\.\d+\.\d+-/;
    expect(images).toEqual([expect.stringMatching(release), expect.stringMatching(release)]);
    const [build, runtime] = images.map((image) => image.slice('node:'.length).split('-')[0] ?? '');
    expect(runtime).toBe(build);
    const minMajor = Number(/^>=\s*(\d+)$/.exec(pkg.engines.node)?.[1]);
    expect(Number(build?.split('.')[0])).toBeGreaterThanOrEqual(minMajor);
  });

  it('points the application at the services by their compose names, with values the settings accept', () => {
    for (const name of Object.keys(appServices)) {
      const env = environmentOf(service(name));
      for (const { service: target, setting } of serviceSettings) {
        const spec = settingByPath(setting);
        const value = env[spec.env];
        expect(value, `${name} sets ${spec.env}`).toBeDefined();
        expect(spec.schema.safeParse(value).success, `${spec.env}=${value} passes the setting's schema`).toBe(
          true,
        );
        const host = /^[a-z]+:\/\//.test(value ?? '') ? new URL(value ?? '').hostname : value?.split(':')[0];
        expect(host).toBe(target);
      }
    }
  });

  it('advertises to the containers the Kafka listener they are given, and to the host the published one', () => {
    const kafkaEnv = environmentOf(service('kafka'));
    const advertised = (kafkaEnv.KAFKA_ADVERTISED_LISTENERS ?? '')
      .split(',')
      .map((l) => l.replace(/^\w+:\/\//, ''));
    const brokersSpec = settingByPath('kafka.brokers');
    for (const name of Object.keys(appServices)) {
      for (const broker of environmentOf(service(name))[brokersSpec.env]?.split(',') ?? []) {
        expect(advertised).toContain(broker);
      }
    }
    expect(advertised).toContain(String(brokersSpec.default));
  });

  it('maps the Elasticsearch port the containers use to the published one', () => {
    const [port] = publishedPorts(service('elasticsearch'));
    const url = environmentOf(service('api'))[settingByPath('elasticsearch.url').env] ?? '';
    expect(Number(new URL(url).port)).toBe(port?.target);
  });
});

// docker-compose.cluster.yml: the cluster mode of scripts/services for Docker users, in the same
// shape (3 brokers, replication 3, min.insync.replicas 2; 2 Elasticsearch data nodes and a
// tiebreaker) and on the same host ports, which `services.sh env --cluster` prints.
describe('docker-compose.cluster.yml', () => {
  const text = readFileSync(resolve(repoRoot, 'docker-compose.cluster.yml'), 'utf8');
  const clusterServices = composeSchema.parse(parse(text, { merge: true })).services;
  const of = (name: string): Service => {
    const found = clusterServices[name];
    if (found === undefined) throw new Error(`docker-compose.cluster.yml has no service "${name}"`);
    return found;
  };
  const brokers = ['kafka-1', 'kafka-2', 'kafka-3'];
  const esNodes = ['elasticsearch-1', 'elasticsearch-2', 'elasticsearch-3'];
  const scriptEnv = execFileSync(
    'bash',
    [resolve(repoRoot, 'scripts/services/services.sh'), 'env', '--cluster'],
    {
      encoding: 'utf8',
    },
  );
  const scriptValue = (name: string) => new RegExp(`${name}=(\\S+)`).exec(scriptEnv)?.[1] ?? '';

  it('names only TALENT_* variables that config/settings.ts defines', () => {
    const known = new Set(specs.map((s) => s.env));
    expect([...new Set(text.match(/\bTALENT_[A-Z0-9_]+\b/g) ?? [])].filter((n) => !known.has(n))).toEqual([]);
  });

  it('runs 3 KRaft brokers, each a voter, with replication factor 3 and min.insync.replicas 2', () => {
    const envs = brokers.map((name) => environmentOf(of(name)));
    expect(envs.map((env) => env.KAFKA_NODE_ID)).toEqual(['1', '2', '3']);
    for (const env of envs) {
      expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe('1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093');
      expect(env.KAFKA_DEFAULT_REPLICATION_FACTOR).toBe('3');
      expect(env.KAFKA_MIN_INSYNC_REPLICAS).toBe('2');
      expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('3');
      expect(env.KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE).toBe('false');
    }
    expect(new Set(envs.map((env) => env.CLUSTER_ID)).size).toBe(1);
  });

  it('runs Elasticsearch as 2 data nodes and a tiebreaker that holds no data', () => {
    const roles = esNodes.map((name) => environmentOf(of(name))['node.roles']?.split(',') ?? []);
    expect(roles.filter((r) => r.includes('data'))).toHaveLength(2);
    expect(roles.every((r) => r.includes('master'))).toBe(true);
    expect(roles[2]).toEqual(['master', 'voting_only']);
    for (const name of esNodes) {
      expect(environmentOf(of(name))['discovery.seed_hosts']).toBe(esNodes.join(','));
    }
  });

  it('publishes the ports of services.sh --cluster on loopback only, Kafka advertising them', () => {
    const kafkaPorts = brokers.map((name) => publishedPorts(of(name)));
    expect(kafkaPorts.map((ports) => `127.0.0.1:${ports[0]?.published}`).join(',')).toBe(
      scriptValue('TALENT_KAFKA_BROKERS'),
    );
    brokers.forEach((name, i) => {
      const advertised = environmentOf(of(name)).KAFKA_ADVERTISED_LISTENERS ?? '';
      expect(advertised).toContain(`HOST://127.0.0.1:${kafkaPorts[i]?.[0]?.published}`);
      expect(advertised).toContain(`INTERNAL://${name}:9092`);
    });
    const esUrls = esNodes.map((name) => `http://127.0.0.1:${publishedPorts(of(name))[0]?.published}`);
    expect(esUrls.slice(0, 2).join(',')).toBe(scriptValue('TALENT_ELASTICSEARCH_URL'));
    const everyPort = Object.values(clusterServices).flatMap((svc) => publishedPorts(svc));
    expect(everyPort.every((p) => p.hostIp === '127.0.0.1')).toBe(true);
    // No port of the single-node stack: both can run at once.
    const single = new Set(
      Object.values(services).flatMap((svc) => publishedPorts(svc).map((p) => p.published)),
    );
    expect(
      everyPort.filter((p) => single.has(p.published) && p.published !== defaultPortOf('api.port')),
    ).toEqual([]);
  });

  it('points the application at every broker and both data nodes, with values the settings accept', () => {
    for (const name of Object.keys(appServices)) {
      const env = environmentOf(of(name));
      const brokersSpec = settingByPath('kafka.brokers');
      const esSpec = settingByPath('elasticsearch.url');
      expect(env[brokersSpec.env]).toBe(brokers.map((b) => `${b}:9092`).join(','));
      expect(env[esSpec.env]).toBe('http://elasticsearch-1:9200,http://elasticsearch-2:9200');
      for (const spec of [brokersSpec, esSpec, settingByPath('redis.url')]) {
        expect(spec.schema.safeParse(env[spec.env]).success, `${spec.env} passes its schema`).toBe(true);
      }
      expect(of(name).depends_on).toEqual(
        Object.fromEntries(
          [...brokers, ...esNodes, 'redis'].map((dep) => [dep, { condition: 'service_healthy' }]),
        ),
      );
    }
  });

  it('health-checks every service and pins the images of docker-compose.yml', () => {
    const singleImages = new Set(Object.values(services).map((svc) => svc.image));
    for (const [name, svc] of Object.entries(clusterServices)) {
      expect(svc.image, `${name}'s image`).toMatch(/:\d+\.\d+\.\d+(-[a-z0-9.]+)?$/);
      expect(singleImages.has(svc.image), `${name} runs an image of docker-compose.yml`).toBe(true);
      if (!(name in appServices)) expect(svc.healthcheck?.test, `${name} has a healthcheck`).toBeDefined();
    }
  });
});
