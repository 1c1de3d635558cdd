import { loadConfig, type Config } from '../config/load.js';
import { ConfigError } from '../lib/errors.js';
import { ExitCode } from './exit-codes.js';

/** Loads the config for a command; a bad config prints its message (file, field, fix) and exits 1. */
export function configOrExit(
  file: string | undefined,
  overrides: Record<string, string | undefined> = {},
): Readonly<Config> {
  try {
    const env = { ...process.env };
    for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
    return loadConfig(file === undefined ? { env } : { file, env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`talent-brain: configuration error: ${error.message}\n`);
      process.exit(ExitCode.failure);
    }
    throw error;
  }
}
