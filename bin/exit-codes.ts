/** Exit codes of every command, documented in `--help` and docs/cli.md. */
export const ExitCode = {
  ok: 0,
  /** Configuration, I/O or another error that stopped the command. */
  failure: 1,
  /** The command ran, but at least one input was rejected (see stderr / the rejects file). */
  rejected: 2,
  /** Stopped by SIGTERM/SIGINT after committing the work in flight; rerun to continue. */
  interrupted: 130,
} as const;
