import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { INDEX_FILE } from '../../indexer/embedded/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { explainResolution, type ResolutionExplanation } from '../../ingest/explain-resolution.js';
import { rescoreAll } from '../../ingest/rescore.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { mergeLine } from '../format/profile.js';
import { backendOf } from './maintenance.js';

interface ResolveCliOptions {
  explain?: string;
  rebuild?: boolean;
  backend?: string;
  data?: string;
  config?: string;
  json?: boolean;
}

function formatExplanation(x: ResolutionExplanation): string {
  const lines = [`${x.displayName}  ${x.profileId}`, '', `Mentions (${x.mentions.length}):`];
  for (const m of x.mentions)
    lines.push(
      `  ${m.mentionId}  ${m.name}  ${m.role} in ${m.sourceKind}${m.organizations.length > 0 ? `  · ${m.organizations.join('; ')}` : ''}`,
    );
  lines.push('', x.merges.length > 0 ? 'Merged because:' : 'One mention: nothing was merged.');
  for (const m of x.merges) {
    lines.push(`  ${mergeLine(m)}`);
    if (m.kind === 'evidence') for (const r of m.reasons) lines.push(`      ${r}`);
  }
  lines.push(
    '',
    x.check.sameAsStored
      ? `Re-resolved now from the ${x.check.partMentions} stored mentions of this name group: the same ${x.mentions.length} mention(s).`
      : `Re-resolved now from the ${x.check.partMentions} stored mentions of this name group, the person holds ${x.check.resolvedMentionIds?.length ?? 0} mention(s), not these ${x.mentions.length}: the rules or threshold changed since the profile was built; run "talent-brain resolve --rebuild".`,
  );
  if (x.nearMisses.length > 0) {
    lines.push(
      '',
      `Kept apart (same name and employer, co-inventor or e-mail domain; threshold ${x.threshold}):`,
    );
    for (const n of x.nearMisses)
      lines.push(
        `  ${n.mentionId}  ${n.name}  → ${n.profileId}`,
        n.score === null
          ? `      against ${n.closestMention}: ${n.why}`
          : `      closest to ${n.closestMention}: ${n.evidence} (score ${n.score}); ${n.why}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** `talent-brain resolve`: why a profile's mentions are one person, and re-resolution after a change. */
export function registerResolve(program: Command): void {
  program
    .command('resolve')
    .description(
      'person resolution: explain why mentions were merged into a profile, or re-resolve the whole index',
    )
    .option('--explain <id>', 'the merges of this profile with their reasons, and the mentions kept apart')
    .option(
      '--rebuild',
      're-resolve and rescore every person from the stored mentions (after a rule or threshold change)',
    )
    .option('--backend <name>', 'embedded or elasticsearch (default: the index.backend setting)')
    .option('--data <dir>', 'data directory of the embedded backend (default: the data.dir setting)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print the explanation or the summary as JSON')
    .addHelpText(
      'after',
      `
The resolution settings (resolution.threshold, resolution.linkage) apply
to every rebuild; --rebuild applies a change to what is indexed already, and re-files mentions
stored before a change of the blocking keys. On the embedded backend --rebuild takes the
data-directory lock (stop ingests first). Exit codes: 0 ok, 1 error (unknown id, no index).`,
    )
    .action(async (options: ResolveCliOptions) => {
      if ((options.explain === undefined) === (options.rebuild !== true)) {
        process.stderr.write('talent-brain resolve: give exactly one of --explain <id> or --rebuild\n');
        process.exitCode = ExitCode.failure;
        return;
      }
      const config = configOrExit(options.config);
      const backendName = backendOf(options.backend, config.index.backend);
      const dataDir = dataDirOf(options.data, config);
      if (backendName === 'embedded' && !existsSync(join(dataDir, INDEX_FILE))) {
        process.stderr.write(
          `talent-brain resolve: no index in ${dataDir} (${INDEX_FILE} is missing); build one with "talent-brain ingest", or point --data at an existing one\n`,
        );
        process.exitCode = ExitCode.failure;
        return;
      }
      const factory = ProfileFactory.fromConfig(config);
      if (options.explain !== undefined) {
        const backend = await openBackend(config, { dataDir, backend: backendName });
        try {
          const profile = await backend.index.get(options.explain.trim());
          if (!profile) {
            process.stderr.write(
              `talent-brain resolve: no profile with id "${options.explain}"; "talent-brain search" prints the ids\n`,
            );
            process.exitCode = ExitCode.failure;
            return;
          }
          const explanation = await explainResolution(profile, backend.state, factory.resolution);
          process.stdout.write(
            options.json ? `${JSON.stringify(explanation)}\n` : formatExplanation(explanation),
          );
        } finally {
          await backend.close();
        }
        return;
      }
      const backend = await openBackend(config, {
        dataDir,
        backend: backendName,
        mode: 'write',
        command: 'resolve',
      });
      try {
        const summary = await rescoreAll({ index: backend.index, state: backend.state, factory });
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else
          process.stderr.write(
            `re-resolved ${summary.mentions} mentions in ${summary.passes} pass(es)${summary.rekeyed > 0 ? ` (${summary.rekeyed} re-filed under new keys)` : ''} → ${summary.profilesWritten} profiles written, ${summary.profilesRemoved} removed; ${summary.profiles} profiles in ${summary.seconds.toFixed(1)} s\n`,
          );
      } finally {
        await backend.close();
      }
    });
}
