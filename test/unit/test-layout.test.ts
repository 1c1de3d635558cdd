import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run test:unit` runs test/unit alone, on a machine with no Kafka, Elasticsearch or Redis:
 * a test that needs one of them belongs in test/integration (which `npm test` runs with the
 * services up). Tests reach a service through test/helpers/services.ts or a client they
 * construct; the client libraries' error classes and types need no service.
 */
const root = resolve(import.meta.dirname, '../..');
const unitDir = join(root, 'test/unit');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const serviceUse =
  /from\s+'([./]+\/helpers\/services\.js)'|\bnew\s+(Kafka|Redis|Queue|QueueEvents|Client)\s*\(/g;

describe('test layout', () => {
  it('keeps every test under test/unit off the services: no services helper, no client connection', () => {
    // This file names what it forbids in its samples below.
    const others = sourcesUnder(unitDir).filter((file) => file !== import.meta.filename);
    const offenders = others.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(serviceUse)].map(
        (match) => `${relative(root, file)}: ${match[1] ?? `new ${match[2]}(`}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('recognises what it forbids, and lets error classes through', () => {
    const sample = [
      "import { Kafka, KafkaJSProtocolError } from 'kafkajs';",
      "import { describeWithService } from '../../helpers/services.js';",
      "const kafka = new Kafka({ brokers: ['127.0.0.1:19092'] });",
      "const redis = new Redis('redis://127.0.0.1:6379');",
      "const refused = new KafkaJSProtocolError('refused');",
    ].join('\n');
    expect([...sample.matchAll(serviceUse)].map((m) => m[1] ?? m[2])).toEqual([
      '../../helpers/services.js',
      'Kafka',
      'Redis',
    ]);
  });
});
