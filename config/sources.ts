import { getNextMillis } from 'bullmq';
import { z } from 'zod';
import type { FormatName, SourceKind } from '../lib/envelope.js';
import { ConfigError } from '../lib/errors.js';
import { readYamlTree } from './yaml-file.js';

/**
 * The crawl sources (`config/sources.yaml`, setting `crawl.sourcesFile`): where each crawl starts,
 * what it may fetch, what becomes a record, when it runs and how gently it treats each host.
 * Validated once at start; an error names the file, the field (and the source's id) and the fix.
 */

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `250ms`, `1.5s`, `10m`, `6h`, `7d`, `2w`, or a number of milliseconds → milliseconds. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/.exec(value);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (DURATION_UNITS[m[2] as string] as number));
}

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not a duration; write a number and a unit (ms, s, m, h, d, w), e.g. "2s" or "7d"`,
    });
    return z.NEVER;
  }
  return ms;
});

const httpUrl = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'expected an absolute http:// or https:// URL, e.g. "https://www.example.edu/people/"' },
);

const hostname = z
  .string()
  .regex(
    /^(?:[a-z0-9-]+\.)*[a-z0-9-]+(?::\d+)?$|^\[[0-9a-f:.]+\](?::\d+)?$/,
    'expected a lower-case host name (with a port when not the default), e.g. "www.example.edu" or "127.0.0.1:8080"',
  );

const pattern = z.string().superRefine((text, ctx) => {
  try {
    new RegExp(text);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(text)} is not a valid regular expression (${(error as Error).message}); patterns match the URL path and query, e.g. "^/people/[^/]+$"`,
    });
  }
});

/** What kind of page a source's records are: decides the record's source kind and format. */
const extractorHints = [
  'profile-page',
  'filing-index',
  'patent-listing',
  'publication-api',
  'generic',
] as const;
export type ExtractorHint = (typeof extractorHints)[number];

/**
 * The source kind and the formats a hint stands for. A record's format is the detected one when it
 * is among these (a filing index links to 10-K HTML, EDGAR text and ownership XML alike); with a
 * single format the record is declared as that format, so its parser runs even on odd markup.
 */
export const hintKinds: Readonly<
  Record<ExtractorHint, { sourceKind: SourceKind; formats: readonly FormatName[] }>
> = {
  'profile-page': { sourceKind: 'profile-page', formats: ['profile-html'] },
  'filing-index': {
    sourceKind: 'filing',
    formats: ['sec-filing-html', 'edgar-submission', 'sec-ownership-xml', 'sec-form-xml'],
  },
  'patent-listing': { sourceKind: 'patent', formats: ['uspto-xml'] },
  // Scholarly APIs (OpenAlex, Crossref, ORCID, Semantic Scholar) answer JSON or XML of one of these.
  'publication-api': {
    sourceKind: 'publication',
    formats: [
      'openalex-json',
      'crossref-json',
      'crossref-xml',
      'orcid-json',
      'orcid-xml',
      'semantic-scholar-json',
    ],
  },
  generic: { sourceKind: 'profile-page', formats: [] },
};

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const scheduleSchema = z
  .object({
    cron: z.string().min(1).optional(),
    every: duration.optional(),
    timezone: z.string().default('UTC'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.cron === undefined) === (s.every === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of cron (e.g. "0 3 * * 1") or every (e.g. "6h")',
      });
    if (!isTimeZone(s.timezone)) {
      ctx.addIssue({
        code: 'custom',
        path: ['timezone'],
        message: `"${s.timezone}" is not an IANA time zone; use a name such as "Asia/Shanghai" or "UTC"`,
      });
      return;
    }
    if (s.every !== undefined && s.every < 1000)
      ctx.addIssue({
        code: 'custom',
        path: ['every'],
        message: 'runs less than 1 s apart; use "1s" or more',
      });
    if (s.cron !== undefined) {
      try {
        if (getNextMillis(Date.now(), { pattern: s.cron, tz: s.timezone }) === undefined)
          throw new Error('it never fires');
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['cron'],
          message: `"${s.cron}" is not a cron expression (${(error as Error).message}); use five fields "minute hour day month weekday", e.g. "0 3 * * 1" for Mondays at 03:00`,
        });
      }
    }
  });

const sourceSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,62}$/,
        'expected lower-case letters, digits and "-" (it names the schedule and the Redis keys), e.g. "ucsd-ada-lab"',
      ),
    description: z.string().optional(),
    /** Disabled sources keep their configuration but get no schedule. */
    enabled: z.boolean().default(true),
    seeds: z.array(httpUrl).default([]),
    sitemaps: z.array(httpUrl).default([]),
    scope: z
      .object({
        /** Hosts the crawl may fetch from; default: the hosts of the seeds and sitemaps. */
        hosts: z.array(hostname).min(1).optional(),
        include: z.array(pattern).default([]),
        exclude: z.array(pattern).default([]),
      })
      .strict()
      .prefault({}),
    follow: z
      .object({
        include: z.array(pattern).default([]),
        exclude: z.array(pattern).default([]),
        maxDepth: z.number().int('expected a whole number').min(0).default(3),
        maxPages: z.number().int('expected a whole number').positive().default(1000),
        respectNofollow: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    extract: z
      .object({
        hint: z.enum(extractorHints, {
          message: `expected one of ${extractorHints.join(', ')}`,
        }),
        include: z.array(pattern).default([]),
      })
      .strict(),
    schedule: scheduleSchema.optional(),
    politeness: z
      .object({
        concurrency: z.number().int('expected a whole number').min(1).max(32).default(1),
        minDelay: duration.default(1000),
      })
      .strict()
      .prefault({}),
    recrawlInterval: duration.default(86_400_000),
    userAgent: z.string().min(1).optional(),
    /** Loopback, private and link-local addresses are refused unless a source allows them (tests, intranets). */
    allowPrivateAddresses: z.boolean().default(false),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.seeds.length === 0 && s.sitemaps.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['seeds'],
        message: 'a source needs at least one seed URL or sitemap to start from',
      });
    if (s.scope.hosts !== undefined) {
      const allowed = new Set(s.scope.hosts);
      for (const [field, list] of [
        ['seeds', s.seeds],
        ['sitemaps', s.sitemaps],
      ] as const)
        list.forEach((url, i) => {
          const host = new URL(url).host;
          if (!allowed.has(host))
            ctx.addIssue({
              code: 'custom',
              path: [field, i],
              message: `host "${host}" is not in scope.hosts (${s.scope.hosts?.join(', ')}); add it there or fix the URL`,
            });
        });
    }
  });

const sourcesFileSchema = z
  .object({
    sources: z.array(sourceSchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.sources.forEach((s, i) => {
      const first = seen.get(s.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'id'],
          message: `id "${s.id}" is already used by sources[${first}]; ids must be unique`,
        });
      else seen.set(s.id, i);
    });
  });

type SourceInput = z.infer<typeof sourceSchema>;

export interface CrawlSchedule {
  cron?: string;
  every?: number;
  timezone: string;
}

export interface CrawlSource {
  id: string;
  description?: string;
  enabled: boolean;
  seeds: string[];
  sitemaps: string[];
  scope: { hosts: string[]; include: RegExp[]; exclude: RegExp[] };
  follow: {
    include: RegExp[];
    exclude: RegExp[];
    maxDepth: number;
    maxPages: number;
    respectNofollow: boolean;
  };
  extract: { hint: ExtractorHint; include: RegExp[] };
  schedule?: CrawlSchedule;
  politeness: { concurrency: number; minDelayMs: number };
  recrawlIntervalMs: number;
  /** Null: the `crawl.userAgent` setting. */
  userAgent: string | null;
  allowPrivateAddresses: boolean;
}

function compileSource(s: SourceInput): CrawlSource {
  const hosts = s.scope.hosts ?? [...new Set([...s.seeds, ...s.sitemaps].map((u) => new URL(u).host))];
  const regexes = (list: readonly string[]): RegExp[] => list.map((p) => new RegExp(p));
  return {
    id: s.id,
    ...(s.description !== undefined ? { description: s.description } : {}),
    enabled: s.enabled,
    seeds: s.seeds,
    sitemaps: s.sitemaps,
    scope: { hosts, include: regexes(s.scope.include), exclude: regexes(s.scope.exclude) },
    follow: {
      include: regexes(s.follow.include),
      exclude: regexes(s.follow.exclude),
      maxDepth: s.follow.maxDepth,
      maxPages: s.follow.maxPages,
      respectNofollow: s.follow.respectNofollow,
    },
    extract: { hint: s.extract.hint, include: regexes(s.extract.include) },
    ...(s.schedule !== undefined
      ? {
          schedule: {
            ...(s.schedule.cron !== undefined ? { cron: s.schedule.cron } : {}),
            ...(s.schedule.every !== undefined ? { every: s.schedule.every } : {}),
            timezone: s.schedule.timezone,
          },
        }
      : {}),
    politeness: { concurrency: s.politeness.concurrency, minDelayMs: s.politeness.minDelay },
    recrawlIntervalMs: s.recrawlInterval,
    userAgent: s.userAgent ?? null,
    allowPrivateAddresses: s.allowPrivateAddresses,
  };
}

const FIX = 'Fix the entry (the comments at the top of config/sources.yaml describe every field).';

function fieldName(path: readonly PropertyKey[], tree: unknown): string {
  let text = '';
  path.forEach((p, i) => {
    text += typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`;
    // Name the source by its id too: "sources[3]" alone sends the reader counting entries.
    if (i === 1 && path[0] === 'sources' && typeof p === 'number') {
      const id = (tree as { sources?: Array<{ id?: unknown }> }).sources?.[p]?.id;
      if (typeof id === 'string') text += ` (id "${id}")`;
    }
  });
  return text || '(root)';
}

/** Validates a parsed sources tree; `where` names it in errors (the file path). */
export function parseSources(tree: unknown, where: string): CrawlSource[] {
  const parsed = sourcesFileSchema.safeParse(tree);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `field ${fieldName(issue.path, tree)}: ${issue.message}`);
    throw new ConfigError(`${where}: ${lines.join('; ')}. ${FIX}`);
  }
  return parsed.data.sources.map(compileSource);
}

/** Reads and validates a sources file. */
export function loadSources(path: string): CrawlSource[] {
  const { file, tree } = readYamlTree(path, {
    what: 'the crawl sources',
    readFix: 'Fix the path (setting crawl.sourcesFile, TALENT_CRAWL_SOURCES).',
    syntaxFix: 'Fix the syntax.',
  });
  return parseSources(tree ?? {}, file);
}

/** The source with this id, or a ConfigError listing the ids there are. */
export function sourceById(sources: readonly CrawlSource[], id: string, where: string): CrawlSource {
  const source = sources.find((s) => s.id === id);
  if (source === undefined)
    throw new ConfigError(
      `${where}: no source "${id}"; the sources are ${sources.map((s) => s.id).join(', ') || '(none)'}`,
    );
  return source;
}
