import type { Config } from '../../config/load.js';
import type { Logger } from '../../lib/logger.js';
import { crawlSettingsOf } from '../crawl-settings.js';
import type { RecordSink } from './sink.js';

/** The sink `crawl.sink` names: the embedded index of `dataDir`, or the Kafka raw topics. */
export async function openSink(
  config: Readonly<Config>,
  options: { dataDir: string; logger: Logger; sink?: 'embedded' | 'kafka'; waitForLockMs?: number },
): Promise<RecordSink> {
  const kind = options.sink ?? crawlSettingsOf(config).sink;
  if (kind === 'kafka') {
    const { openKafkaSink } = await import('./kafka-sink.js');
    return openKafkaSink({ config, logger: options.logger });
  }
  const { openEmbeddedSink } = await import('./embedded-sink.js');
  return openEmbeddedSink({
    config,
    dataDir: options.dataDir,
    logger: options.logger,
    ...(options.waitForLockMs !== undefined ? { waitForLockMs: options.waitForLockMs } : {}),
  });
}
