import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../lib/errors.js';
import { projectRoot } from '../lib/project-root.js';
import { settings, type SettingSpec, type SettingsTree } from './settings.js';

/** The validated settings ({@link SettingsTree}, derived from config/settings.ts) and where they came from. */
export type Config = SettingsTree & {
  /** The file the settings were read from, if any; relative paths in the config resolve against the working directory. */
  source: { file: string | null };
};

/** The file read when neither `--config` nor `TALENT_CONFIG` names one (and only if it exists). */
const DEFAULT_CONFIG_FILE = 'talent-brain.yaml';

type Env = Readonly<Record<string, string | undefined>>;

function getPath(tree: unknown, path: string): unknown {
  let node: unknown = tree;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setPath(tree: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Leaf paths present in a YAML tree, to catch misspelled keys (which would otherwise be ignored silently). */
function leafPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return prefix ? [prefix] : [];
  return Object.entries(tree).flatMap(([key, value]) => leafPaths(value, prefix ? `${prefix}.${key}` : key));
}

/** Env values are strings; numbers, booleans and null are coerced before validation. */
function coerceEnv(raw: string, spec: SettingSpec<unknown>): unknown {
  if (raw === '' && spec.default === null) return null;
  const sample = spec.default;
  if (typeof sample === 'number' || /^\d+$/.test(spec.example)) {
    const n = Number(raw);
    return Number.isFinite(n) && raw.trim() !== '' ? n : raw;
  }
  if (typeof sample === 'boolean')
    return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  return raw;
}

function describeIssue(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join('; ');
}

/**
 * Reads settings from an optional YAML file and the environment (env wins), validates every field,
 * and returns a frozen {@link Config}. Any problem is a {@link ConfigError} naming the file (or the
 * env variable), the field and the fix.
 */
export function loadConfig(options: { file?: string; env?: Env; cwd?: string } = {}): Readonly<Config> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? env.TALENT_CONFIG;
  const candidate = explicit ?? DEFAULT_CONFIG_FILE;
  const file = resolve(cwd, candidate);
  let tree: unknown = {};
  let sourceFile: string | null = null;

  if (existsSync(file)) {
    sourceFile = file;
    try {
      tree = parseYaml(readFileSync(file, 'utf8')) ?? {};
    } catch (cause) {
      const where =
        cause instanceof YAMLParseError && cause.linePos ? ` at line ${cause.linePos[0].line}` : '';
      throw new ConfigError(`${file}: not valid YAML${where}: ${(cause as Error).message}. Fix the syntax.`, {
        cause,
      });
    }
    if (typeof tree !== 'object' || tree === null || Array.isArray(tree))
      throw new ConfigError(
        `${file}: the top level must be a mapping of sections (log, data, processors, scoring).`,
      );
    const known = new Set<string>(settings.map((s) => s.path));
    for (const path of leafPaths(tree)) {
      if (!known.has(path)) {
        const near = settings.find((s) =>
          s.path.toLowerCase().endsWith(path.split('.').pop()?.toLowerCase() ?? '\0'),
        );
        throw new ConfigError(
          `${file}: unknown field "${path}".${near ? ` Did you mean "${near.path}"?` : ''} Remove it or correct its name (see docs/configuration.md).`,
        );
      }
    }
  } else if (explicit !== undefined) {
    throw new ConfigError(
      `${file}: config file not found (named by ${options.file !== undefined ? '--config' : 'TALENT_CONFIG'}). Fix the path or remove the option.`,
    );
  }

  const result: Record<string, unknown> = {};
  for (const spec of settings as readonly SettingSpec<unknown>[]) {
    const envRaw = env[spec.env];
    const fromEnv = envRaw !== undefined;
    const rawValue = fromEnv ? coerceEnv(envRaw, spec) : getPath(tree, spec.path);
    const value = rawValue === undefined ? spec.default : rawValue;
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) {
      const where = fromEnv
        ? `environment variable ${spec.env}`
        : `${sourceFile ?? 'config'}: field ${spec.path}`;
      throw new ConfigError(
        `${where}: ${describeIssue(parsed.error)} (got ${JSON.stringify(value)}; unit: ${spec.unit}). Fix: set it to a valid value such as ${spec.example}${fromEnv ? `, or unset ${spec.env}` : ''}.`,
      );
    }
    setPath(result, spec.path, parsed.data);
  }
  setPath(result, 'source.file', sourceFile);
  checkApiTimeouts((result as unknown as Config).api, sourceFile);
  return deepFreeze(result) as unknown as Readonly<Config>;
}

/** The HTTP timeouts nest: headers within the request, the request within the connection's idle time. */
function checkApiTimeouts(api: Config['api'], sourceFile: string | null): void {
  const where = sourceFile ?? 'config';
  if (api.headersTimeoutMs > api.requestTimeoutMs)
    throw new ConfigError(
      `${where}: api.headersTimeoutMs (${api.headersTimeoutMs}) is larger than api.requestTimeoutMs (${api.requestTimeoutMs}). Fix: make it at most api.requestTimeoutMs.`,
    );
  if (api.requestTimeoutMs > api.connectionTimeoutMs)
    throw new ConfigError(
      `${where}: api.requestTimeoutMs (${api.requestTimeoutMs}) is larger than api.connectionTimeoutMs (${api.connectionTimeoutMs}). Fix: make it at most api.connectionTimeoutMs.`,
    );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The config reference as a Markdown table (docs/configuration.md). */
export function settingsReference(): string {
  const rows = (settings as readonly SettingSpec<unknown>[]).map(
    (s) =>
      `| \`${s.path}\` | \`${s.env}\` | ${s.unit} | \`${JSON.stringify(s.default)}\` | ${s.description} |`,
  );
  return ['| field | env | unit | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The project's root: the folder holding `config/` (also when running from `dist/`). */
const installRoot = projectRoot(import.meta.url);

/**
 * Resolves a path from the settings: absolute paths as they are, relative ones against the working
 * directory when the file is there, otherwise against the installation (so the shipped
 * `config/*.yaml` defaults work from any directory).
 */
export function resolveConfigPath(path: string, cwd: string = process.cwd()): string {
  if (isAbsolute(path)) return path;
  const local = resolve(cwd, path);
  return existsSync(local) ? local : resolve(installRoot, path);
}
