import type { Command } from 'commander';
import type { EmbeddedIndex } from '../../indexer/embedded/index.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf, openIndexForQuery } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { processOutput, type Output } from '../format/output.js';
import { formatProfile } from '../format/profile.js';

export interface ShowCliOptions {
  data?: string;
  config?: string;
  json?: boolean;
}

/** Shorter prefixes would match too much to be worth typing (ids are `tp-` + 24 hex digits). */
const MIN_PREFIX = 8;
const SHOWN_CANDIDATES = 5;

type Lookup =
  | { kind: 'found'; profile: TalentProfile }
  | { kind: 'missing' }
  | { kind: 'ambiguous'; candidates: Array<{ id: string; name: string }>; more: boolean };

/**
 * An exact id, else (like git) a unique prefix of one. The prefix range scan uses the unique index
 * on `profiles.id`, so it costs what an exact lookup does.
 */
async function findProfile(index: EmbeddedIndex, idOrPrefix: string): Promise<Lookup> {
  const exact = await index.get(idOrPrefix);
  if (exact) return { kind: 'found', profile: exact };
  if ([...idOrPrefix].length < MIN_PREFIX) return { kind: 'missing' };
  const rows = index.database
    .prepare<[string, string, number], { id: string; name: string }>(
      'SELECT id, display_name AS name FROM profiles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?',
    )
    .all(idOrPrefix, `${idOrPrefix}\u{10FFFF}`, SHOWN_CANDIDATES + 1);
  const [only] = rows;
  if (rows.length === 1 && only) {
    const profile = await index.get(only.id);
    return profile ? { kind: 'found', profile } : { kind: 'missing' };
  }
  if (rows.length === 0) return { kind: 'missing' };
  return {
    kind: 'ambiguous',
    candidates: rows.slice(0, SHOWN_CANDIDATES),
    more: rows.length > SHOWN_CANDIDATES,
  };
}

/** `talent-brain show`, without the process around it: returns the exit code. */
export async function runShow(
  id: string,
  options: ShowCliOptions,
  io: Output = processOutput,
): Promise<number> {
  const config = configOrExit(options.config);
  const dataDir = dataDirOf(options.data, config);
  const wanted = id.trim();
  const index = openIndexForQuery(dataDir);
  let lookup: Lookup;
  try {
    lookup = await findProfile(index, wanted);
  } finally {
    await index.close();
  }
  switch (lookup.kind) {
    case 'found':
      io.out(options.json ? `${JSON.stringify(lookup.profile)}\n` : formatProfile(lookup.profile));
      return ExitCode.ok;
    case 'missing':
      io.err(
        `talent-brain show: no profile with id "${wanted}" in ${dataDir}${
          [...wanted].length < MIN_PREFIX ? ` (a shortened id needs at least ${MIN_PREFIX} characters)` : ''
        }; "talent-brain search" prints the ids\n`,
      );
      return ExitCode.failure;
    case 'ambiguous':
      io.err(
        `talent-brain show: "${wanted}" is the start of several ids; give more characters:\n${lookup.candidates
          .map((c) => `  ${c.id}  ${c.name}\n`)
          .join('')}${lookup.more ? '  …\n' : ''}`,
      );
      return ExitCode.failure;
  }
}

export function registerShow(program: Command): void {
  program
    .command('show')
    .description(
      'one profile in full: identity, affiliations, patents, filings, evidence and the score explanation',
    )
    .argument('<id>', `profile id as "search" prints it, or its first ${MIN_PREFIX}+ characters if unique`)
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print the stored profile document (TalentProfile) as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 error (unknown or ambiguous id, no index in the data directory).',
    )
    .action(async (id: string, options: ShowCliOptions) => {
      process.exitCode = await runShow(id, options);
    });
}
