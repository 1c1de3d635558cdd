import type { Command } from 'commander';
import { loadIndustries } from '../../config/industries.js';
import { resolveConfigPath, settingsReference } from '../../config/load.js';
import { loadRoleFunctions } from '../../config/role-functions.js';
import { loadScoring } from '../../config/scoring.js';
import { loadSkills } from '../../config/skills.js';
import { ConfigError } from '../../lib/errors.js';
import { configOrExit } from '../cli-config.js';
import { ExitCode } from '../exit-codes.js';

/** `talent-brain config`: validate and show the effective configuration. */
export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('validate the configuration (settings, industries, scoring, skills) and print it')
    .option('-c, --config <file>', 'config file (YAML); default talent-brain.yaml if present')
    .option('--doc', 'print the reference of every setting as a Markdown table')
    .option('--json', 'print the effective settings as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 valid, 1 invalid (the message names the file, the field and the fix).',
    )
    .action((options: { config?: string; doc?: boolean; json?: boolean }) => {
      if (options.doc) {
        process.stdout.write(`${settingsReference()}\n`);
        return;
      }
      const config = configOrExit(options.config);
      try {
        const industries = loadIndustries(resolveConfigPath(config.scoring.industriesFile));
        loadScoring(resolveConfigPath(config.scoring.weightsFile));
        loadRoleFunctions(resolveConfigPath(config.scoring.roleFunctionsFile));
        const skills = loadSkills(resolveConfigPath(config.scoring.skillsFile));
        if (options.json)
          process.stdout.write(
            `${JSON.stringify({ ...config, industries: industries.map((i) => i.id), skills: skills.length })}\n`,
          );
        else
          process.stdout.write(
            `configuration valid (${config.source.file ?? 'defaults + environment'}): ${industries.length} industries, ${skills.length} skills\n`,
          );
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(`talent-brain: configuration error: ${error.message}\n`);
          process.exitCode = ExitCode.failure;
          return;
        }
        throw error;
      }
    });
}
