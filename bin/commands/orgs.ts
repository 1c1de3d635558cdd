import type { Command } from 'commander';
import type { Config } from '../../config/load.js';
import {
  readRegistrySource,
  readStoredRegistry,
  RegistryFileError,
  writeStoredRegistry,
} from '../../ingest/files/registry-file.js';
import type { OrganizationRegistry } from '../../processors/normalize/org-registry.js';
import { installOrganizationRegistry } from '../../processors/normalize/org-registry.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { processOutput, type Output } from '../format/output.js';

/**
 * `talent-brain orgs load <files…>`: fills the organisation registry of a data directory from ROR
 * dumps and EDGAR submissions JSON; `orgs show <name>` says which registered organisation a name
 * denotes. Every command installs the registry (data directory + `organizations.registryFile`)
 * before it runs.
 */

export interface OrgsCliOptions {
  data?: string;
  config?: string;
}

function archiveLimits(config: Readonly<Config>): Config['archives'] {
  return config.archives;
}

/** The registry a command runs with: the data directory's, plus the configured source file. */
async function registryFor(config: Readonly<Config>, dataDir: string): Promise<OrganizationRegistry> {
  const registry = readStoredRegistry(dataDir);
  const file = config.organizations.registryFile;
  if (file !== '') registry.add(await readRegistrySource(file, archiveLimits(config)));
  return registry;
}

/** Installs the registry for the command about to run; a broken registry file stops it with exit 1. */
export async function installRegistryFor(options: OrgsCliOptions): Promise<void> {
  const config = configOrExit(options.config);
  try {
    const registry = await registryFor(config, dataDirOf(options.data, config));
    const size = registry.size;
    installOrganizationRegistry(size.organizations + size.companies > 0 ? registry : undefined);
  } catch (error) {
    process.stderr.write(`talent-brain: organisation registry: ${(error as Error).message}\n`);
    process.exit(ExitCode.failure);
  }
}

async function runOrgsLoad(
  files: string[],
  options: OrgsCliOptions,
  io: Output = processOutput,
): Promise<number> {
  const config = configOrExit(options.config);
  const dataDir = dataDirOf(options.data, config);
  const registry = readStoredRegistry(dataDir);
  for (const file of files) {
    try {
      const data = await readRegistrySource(file, archiveLimits(config));
      registry.add(data);
      io.out(`${file}: ${data.organizations.length} organisations, ${data.companies.length} SEC filers\n`);
    } catch (error) {
      const message =
        error instanceof RegistryFileError ? error.message : `${file}: ${(error as Error).message}`;
      io.err(`talent-brain: ${message}\n`);
      return ExitCode.failure;
    }
  }
  const written = writeStoredRegistry(dataDir, registry);
  const { organizations, companies } = registry.size;
  io.out(`registry ${written}: ${organizations} organisations, ${companies} SEC filers\n`);
  return ExitCode.ok;
}

async function runOrgsShow(
  name: string,
  options: OrgsCliOptions,
  io: Output = processOutput,
): Promise<number> {
  const config = configOrExit(options.config);
  const registry = await registryFor(config, dataDirOf(options.data, config));
  const org = registry.organizationNamed(name);
  const company = registry.company(undefined, name);
  if (org === undefined && company === undefined) {
    io.err(
      `talent-brain: no registered organisation is named "${name}" (or the name is shared by several)\n`,
    );
    return ExitCode.failure;
  }
  io.out(`${JSON.stringify(org ?? company, null, 2)}\n`);
  return ExitCode.ok;
}

export function registerOrgs(program: Command): void {
  const orgs = program
    .command('orgs')
    .description('the organisation registry (ROR, EDGAR submissions) used to normalise organisation names');
  orgs
    .command('load <files...>')
    .description(
      'add ROR registry dumps (.json, .json.gz, .zip) and EDGAR submissions JSON (CIK##########.json) to the registry of the data directory',
    )
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .action(async (files: string[], options: OrgsCliOptions) => {
      process.exitCode = await runOrgsLoad(files, options);
    });
  orgs
    .command('show <name>')
    .description('the registered organisation a name, alias, acronym or label denotes')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .action(async (name: string, options: OrgsCliOptions) => {
      process.exitCode = await runOrgsShow(name, options);
    });
}
