import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { loadConfig } from '../../../config/load.js';
import { openBackend } from '../../../indexer/open-backend.js';
import { runErasureContract } from '../../contract/erasure-contract.js';

describe('erasure on the embedded index', () => {
  runErasureContract('embedded', () => {
    const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-erase-'));
    return { config, open: () => openBackend(config, { dataDir, backend: 'embedded' }) };
  });
});
