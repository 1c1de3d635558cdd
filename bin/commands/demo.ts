import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runParse } from './parse.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `talent-brain demo` (what `npm start` runs): parse the bundled examples and, when present, the real corpus. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'parse and score the bundled example documents (and ../shared/corpus when present); print the top profiles',
    )
    .option('--top <n>', 'how many profiles to print', '15')
    .option('-c, --config <file>', 'config file (YAML)')
    .action(async (options: { top: string; config?: string }) => {
      const inputs = [join(projectRoot, 'examples')];
      const corpus = process.env.TALENT_CORPUS_DIR ?? resolve(projectRoot, '../shared/corpus');
      if (existsSync(corpus)) inputs.push(corpus);
      process.stderr.write(`Talent Brain demo: parsing ${inputs.join(' and ')}\n\n`);
      const code = await runParse(inputs, {
        merge: true,
        progress: true,
        groupRejections: true,
        top: Number(options.top),
        ...(options.config ? { config: options.config } : {}),
      });
      process.stderr.write(
        [
          '',
          'Try next:',
          '  node dist/bin/talent-brain.js parse examples/ --json | head -1     # one profile as JSON, with its score explanation',
          '  node dist/bin/talent-brain.js parse --help                         # formats, options, exit codes',
          '  node dist/bin/talent-brain.js config --doc                         # every setting, its env variable and default',
          "  edit config/industries.yaml and run again                          # your region's priority industries",
          '',
        ].join('\n'),
      );
      // Rejections in the real corpus are expected (it holds malformed documents on purpose): the demo still succeeds.
      process.exitCode = code === 1 ? 1 : 0;
    });
}
