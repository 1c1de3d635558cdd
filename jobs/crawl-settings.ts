import type { Config } from '../config/load.js';

/** The `crawl.*` settings (config/settings.ts), validated by config/load.ts with the rest. */
export type CrawlSettings = Config['crawl'];

/** The crawl block of a loaded config. */
export function crawlSettingsOf(config: Readonly<Config>): Readonly<CrawlSettings> {
  return config.crawl;
}
