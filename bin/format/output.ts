/**
 * Where a query command writes: data to `out` (stdout), messages to `err` (stderr). Commands take
 * it as a parameter so tests can run them in-process and read what a user would see.
 */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** An option value the command cannot use; the message names the option and the fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `a,b, c` → `['a', 'b', 'c']`; repeated options arrive as several such strings. */
export function listOption(values: string | readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  return (typeof values === 'string' ? [values] : values)
    .flatMap((v) => v.split(/[,，]/u))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
