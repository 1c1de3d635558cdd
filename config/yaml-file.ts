import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../lib/errors.js';

/**
 * Reads a YAML file and validates it against a schema. Errors name the file, the field path
 * (`industries[3].cpc[1]`) and what was expected, so the fix is obvious.
 */
export function loadYamlFile<S extends z.ZodType>(path: string, schema: S, fix: string): z.infer<S> {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      `${file}: cannot read (${(cause as NodeJS.ErrnoException).code ?? 'error'}). ${fix}`,
      { cause },
    );
  }
  let tree: unknown;
  try {
    tree = parseYaml(text);
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? ` at line ${cause.linePos[0].line}` : '';
    throw new ConfigError(`${file}: not valid YAML${where}: ${(cause as Error).message}`, { cause });
  }
  const parsed = schema.safeParse(tree);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((issue) => {
      const field = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return `field ${field || '(root)'}: ${issue.message}`;
    });
    throw new ConfigError(`${file}: ${lines.join('; ')}. ${fix}`);
  }
  return parsed.data;
}
