import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  generateApiKey,
  hashApiKey,
  KEY_NAME_PATTERN,
  parseConfiguredKeys,
} from '../../api/access/api-keys.js';
import { ensureLocalAdminKey } from '../../api/access/local-admin-key.js';
import { isRole, ROLES } from '../../api/access/roles.js';
import { startServer } from '../../api/server.js';
import { ApiStore } from '../../api/state/api-store.js';
import { INDEX_FILE } from '../../indexer/embedded/index.js';
import { ConfigError } from '../../lib/errors.js';
import { Lifecycle } from '../../lib/lifecycle.js';
import { createLogger } from '../../lib/logger.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { processOutput, type Output } from '../format/output.js';

interface ServeCliOptions {
  port?: string;
  host?: string;
  data?: string;
  config?: string;
  backend?: string;
}

function portOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port must be a whole number from 0 to 65535, not "${text}"`);
  return port;
}

/** `talent-brain serve`: the HTTP API and the web UI until SIGTERM/SIGINT. */
async function runServe(options: ServeCliOptions): Promise<void> {
  const overrides: Record<string, string | undefined> = {};
  if (options.backend !== undefined) overrides.TALENT_INDEX_BACKEND = options.backend;
  const config = configOrExit(options.config, overrides);
  const dataDir = dataDirOf(options.data, config);
  const say = (line: string): void => void process.stderr.write(`${line}\n`);
  let port: number | undefined;
  try {
    port = portOf(options.port);
  } catch (error) {
    say(`talent-brain serve: ${(error as Error).message}`);
    process.exit(ExitCode.failure);
  }
  if (config.index.backend === 'embedded' && !existsSync(join(dataDir, INDEX_FILE))) {
    say(
      `talent-brain serve: no index in ${dataDir} (${INDEX_FILE} is missing); build one with "talent-brain ingest <files|dirs> --data ${dataDir}" or "talent-brain demo", or point --data at an existing one`,
    );
    process.exit(ExitCode.failure);
  }

  // A first start with no key anywhere would lock everyone out: issue a local admin key.
  let firstKey: string | undefined;
  const store = ApiStore.open(dataDir);
  try {
    if (parseConfiguredKeys(config.api.keys).size === 0 && store.listKeys().length === 0)
      firstKey = ensureLocalAdminKey(dataDir).key;
  } finally {
    store.close();
  }

  const logger = createLogger({ level: config.log.level });
  let server;
  try {
    server = await startServer({
      config,
      dataDir,
      logger,
      ...(port !== undefined ? { port } : {}),
      ...(options.host ? { host: options.host } : {}),
    });
  } catch (error) {
    say(`talent-brain serve: cannot start: ${(error as Error).message}`);
    process.exit(ExitCode.failure);
  }
  say(`Talent Brain 人才大脑 — query service (${config.index.backend} index, state in ${dataDir})`);
  say(`  web UI   ${server.url}/`);
  say(`  API      ${server.url}/api   (routes: GET ${server.url}/api)`);
  say(`  health   ${server.url}/health   metrics ${server.url}/metrics`);
  if (firstKey !== undefined)
    say(
      `\nNo API key existed, so an admin key was made (shown once, stored hashed):\n  ${firstKey}\nMore keys: talent-brain api-key create --role recruiter|analyst|admin --name <name>`,
    );
  say('\nCtrl-C stops it.');

  // Fastify's close stops accepting, lets requests in flight finish, then the index closes.
  const lifecycle = new Lifecycle(logger, Infinity);
  lifecycle.own('server', () => server.close());
  lifecycle.handleSignals((code) => process.exit(code === 0 ? ExitCode.ok : ExitCode.failure));
}

interface KeyCliOptions {
  data?: string;
  config?: string;
  role?: string;
  name?: string;
  json?: boolean;
}

/** `talent-brain api-key create`: returns the exit code; the key goes to stdout, once. */
function runKeyCreate(options: KeyCliOptions, io: Output = processOutput): number {
  const config = configOrExit(options.config);
  const role = options.role ?? '';
  const name = options.name ?? '';
  if (!isRole(role)) {
    io.err(`talent-brain api-key create: --role must be ${ROLES.join(', ')}, not "${role}"\n`);
    return ExitCode.failure;
  }
  if (!KEY_NAME_PATTERN.test(name)) {
    io.err(
      `talent-brain api-key create: --name must be 1–64 letters, digits, ".", "_" or "-" (it shows in the audit log), not "${name}"\n`,
    );
    return ExitCode.failure;
  }
  const store = ApiStore.open(dataDirOf(options.data, config));
  try {
    const replaced = store.listKeys().some((k) => k.name === name);
    const key = generateApiKey();
    store.putKey({ name, role, hash: hashApiKey(key) });
    io.out(options.json ? `${JSON.stringify({ name, role, key, replaced })}\n` : `${key}\n`);
    if (!options.json)
      io.err(
        `${replaced ? 'replaced the key' : 'created a key'} "${name}" (${role}); it is shown only now, the service keeps its hash\n`,
      );
    return ExitCode.ok;
  } finally {
    store.close();
  }
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'query service: HTTP API (search, profiles, gaps, saved searches, erasure) and the bilingual web UI',
    )
    .option('--port <n>', 'port (default: the api.port setting, 8080; 0 picks a free one)')
    .option('--host <address>', 'interface to listen on (default: the api.host setting, 127.0.0.1)')
    .option(
      '--data <dir>',
      'data directory: embedded index and the service state (default: data.dir, ./data)',
    )
    .option('--backend <name>', 'embedded or elasticsearch (default: the index.backend setting)')
    .option('-c, --config <file>', 'config file (YAML)')
    .addHelpText(
      'after',
      [
        '',
        'Keys: "Authorization: Bearer <key>" on every /api request; roles recruiter, analyst, admin.',
        'With no key anywhere, the first start makes an admin key and prints it once.',
        'Saved searches and the audit log are kept in <data>/api.db, whichever index backend is used.',
        'Exit codes: 0 stopped by SIGINT/SIGTERM, 1 error (no index, bad config, port taken).',
      ].join('\n'),
    )
    .action(async (options: ServeCliOptions) => {
      await runServe(options);
    });

  const keys = program
    .command('api-key')
    .description('API keys of the query service (kept hashed in <data>/api.db)');
  keys
    .command('create')
    .description('make a key for a role; the key is printed once, only its hash is kept')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--name <name>', 'who holds it (shown in the audit log; an existing name gets a new key)')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print {name, role, key, replaced}')
    .action((options: KeyCliOptions) => {
      process.exitCode = runKeyCreate(options);
    });
  keys
    .command('list')
    .description('names, roles and creation times of the keys in the data directory (never the keys)')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'one JSON array')
    .action((options: KeyCliOptions) => {
      const config = configOrExit(options.config);
      const store = ApiStore.open(dataDirOf(options.data, config));
      try {
        const stored = store.listKeys();
        const configured = [...parseConfiguredKeys(config.api.keys).values()].map((k) => ({
          ...k,
          source: 'api.keys setting',
        }));
        const all = [...stored.map((k) => ({ ...k, source: 'data directory' })), ...configured];
        process.stdout.write(
          options.json
            ? `${JSON.stringify(all)}\n`
            : all.length === 0
              ? 'no keys; talent-brain api-key create --role admin --name <you>\n'
              : all
                  .map((k) => `${k.name}\t${k.role}\t${'createdAt' in k ? k.createdAt : ''}\t${k.source}\n`)
                  .join(''),
        );
      } finally {
        store.close();
      }
    });
  keys
    .command('revoke')
    .description('delete a key of the data directory; requests with it are refused at once')
    .argument('<name>', 'the key name')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .action((name: string, options: KeyCliOptions) => {
      const config = configOrExit(options.config);
      const store = ApiStore.open(dataDirOf(options.data, config));
      try {
        if (store.deleteKey(name)) process.stderr.write(`revoked "${name}"\n`);
        else {
          process.stderr.write(
            `talent-brain api-key revoke: no key "${name}" in the data directory (keys of the api.keys setting are removed there)\n`,
          );
          process.exitCode = ExitCode.failure;
        }
      } finally {
        store.close();
      }
    });
  keys
    .command('hash')
    .description('print the SHA-256 of a key read from stdin, for the api.keys setting (name:role:hash)')
    .action(async () => {
      let text = '';
      for await (const chunk of process.stdin) text += String(chunk);
      const key = text.trim();
      if (key === '') {
        process.stderr.write(
          'talent-brain api-key hash: give the key on stdin, e.g. printf %s "$KEY" | talent-brain api-key hash\n',
        );
        process.exitCode = ExitCode.failure;
        return;
      }
      process.stdout.write(`${hashApiKey(key)}\n`);
    });
}
