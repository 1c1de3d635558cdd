/**
 * A reader that stops early (`talent-brain rejects | head`, a pager quit) closes the pipe; the next
 * write fails with EPIPE. That is the reader's choice, not a failure of the command: every command
 * ends there, quietly and with exit code 0, instead of dying with a stack trace. Installed once,
 * for every command, by the CLI's entry point.
 */
export function exitQuietlyOnClosedPipe(
  streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr],
): void {
  for (const stream of streams)
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
}
