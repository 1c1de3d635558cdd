import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../lib/errors.js';

/** How the errors of {@link readYamlTree} name the file's role and say what to fix. */
export interface YamlFileMessages {
  /** What the file holds, e.g. `the crawl sources`: "cannot read the crawl sources". */
  what?: string;
  /** The fix when the file cannot be read (a path, a setting). */
  readFix: string;
  /** The fix appended to a syntax error, if any. */
  syntaxFix?: string;
}

/** Reads and parses a YAML file; errors name the file, and the line of a syntax error. */
export function readYamlTree(path: string, messages: YamlFileMessages): { file: string; tree: unknown } {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const what = messages.what ? ` ${messages.what}` : '';
    throw new ConfigError(
      `${file}: cannot read${what} (${(cause as NodeJS.ErrnoException).code ?? 'error'}). ${messages.readFix}`,
      { cause },
    );
  }
  try {
    return { file, tree: parseYaml(text) };
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? ` at line ${cause.linePos[0].line}` : '';
    const fix = messages.syntaxFix ? `. ${messages.syntaxFix}` : '';
    throw new ConfigError(`${file}: not valid YAML${where}: ${(cause as Error).message}${fix}`, { cause });
  }
}

/**
 * Reads a YAML file and validates it against a schema. Errors name the file, the field path
 * (`industries[3].cpc[1]`) and what was expected, so the fix is obvious.
 */
export function loadYamlFile<S extends z.ZodType>(path: string, schema: S, fix: string): z.infer<S> {
  const { file, tree } = readYamlTree(path, { readFix: fix });
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
