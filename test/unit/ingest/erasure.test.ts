import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load.js';
import { openBackend } from '../../../indexer/open-backend.js';
import { sendsErasuresToKafka } from '../../../ingest/erasure.js';
import { runErasureContract } from '../../contract/erasure-contract.js';

describe('erasure on the embedded index', () => {
  runErasureContract('embedded', () => {
    const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-erase-'));
    return { config, open: () => openBackend(config, { dataDir, backend: 'embedded' }) };
  });
});

describe('kafka.sendErasures', () => {
  const configWith = (env: Record<string, string>) => loadConfig({ env });
  it('sends tombstones on the distributed path by default, and when set, whatever the backend', () => {
    expect(sendsErasuresToKafka(configWith({}))).toBe(false);
    expect(sendsErasuresToKafka(configWith({ TALENT_INDEX_BACKEND: 'elasticsearch' }))).toBe(true);
    expect(sendsErasuresToKafka(configWith({ TALENT_KAFKA_SEND_ERASURES: 'always' }))).toBe(true);
    expect(
      sendsErasuresToKafka(
        configWith({ TALENT_INDEX_BACKEND: 'elasticsearch', TALENT_KAFKA_SEND_ERASURES: 'never' }),
      ),
    ).toBe(false);
  });
  it('refuses another value, naming the variable', () => {
    expect(() => configWith({ TALENT_KAFKA_SEND_ERASURES: 'yes' })).toThrow(/TALENT_KAFKA_SEND_ERASURES/);
  });
});
