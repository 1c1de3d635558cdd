#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { projectRoot } from '../lib/project-root.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';
import { registerConfig } from './commands/config.js';
import { registerCrawl } from './commands/crawl.js';
import { registerDemo } from './commands/demo.js';
import { registerGaps } from './commands/gaps.js';
import { registerGenerate } from './commands/generate.js';
import { registerIngest } from './commands/ingest.js';
import { registerKafka } from './commands/kafka.js';
import { registerMaintenance } from './commands/maintenance.js';
import { installRegistryFor, registerOrgs } from './commands/orgs.js';
import { registerRejects } from './commands/rejects.js';
import { registerResolve } from './commands/resolve.js';
import { registerParse } from './commands/parse.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerShow } from './commands/show.js';
import { registerStats } from './commands/stats.js';
import { registerTopology } from './commands/topology.js';

exitQuietlyOnClosedPipe();

// Works both from the sources (bin/) and the build (dist/bin/).
const packageJson = [join(projectRoot(import.meta.url), 'package.json')].find((p) => existsSync(p));
const version = packageJson
  ? (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version
  : '0.0.0';

const program = new Command()
  .name('talent-brain')
  .description(
    'Talent Brain (人才大脑): résumés, patents and company filings → a scored index of high-end talent',
  )
  .version(version)
  .showHelpAfterError()
  .addHelpText(
    'after',
    '\nRun "talent-brain <command> --help" for the options of a command.\nExit codes: 0 ok, 1 error, 2 some inputs rejected.',
  );

registerParse(program);
registerConfig(program);
registerDemo(program);
registerGenerate(program);
registerIngest(program);
registerRejects(program);
registerStats(program);
registerSearch(program);
registerShow(program);
registerGaps(program);
registerServe(program);
registerKafka(program);
registerTopology(program);
registerMaintenance(program);
registerResolve(program);
registerCrawl(program);
registerOrgs(program);

// Organisation names are normalised with the registry of the data directory (talent-brain orgs load).
program.hook('preAction', async (_program, action) => {
  if (action.parent?.name() === 'orgs' || action.name() === 'config' || action.parent?.name() === 'config')
    return;
  const options = action.opts<{ data?: string; config?: string }>();
  await installRegistryFor(options);
});

await program.parseAsync(process.argv);
