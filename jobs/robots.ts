/**
 * A robots.txt parser and matcher after RFC 9309, plus the de-facto `Crawl-delay`:
 *
 * - groups start with one or more `User-agent` lines; a group naming our product token
 *   (case-insensitive) applies, several such groups are merged, and `*` applies only when none does;
 * - of the `Allow`/`Disallow` rules matching a path, the longest pattern wins, and on a tie the
 *   allow rule (the least restrictive); `*` matches any run of characters, a final `$` anchors;
 * - `/robots.txt` itself is always allowed; an empty `Disallow:` allows everything;
 * - only the first 500 KiB are read (the RFC's minimum), as crawlers commonly do.
 */

const ROBOTS_MAX_BYTES = 500 * 1024;

interface Rule {
  allow: boolean;
  /** Normalized pattern, as written (with `*` and `$`). */
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelaySeconds: number | undefined;
}

/** Upper-cases percent-escapes and escapes non-ASCII bytes, so `/caf%c3%a9`, `/café` and `/caf%C3%A9` compare equal. */
function normalizePath(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code > 0x7e || code < 0x21)
      out += [...Buffer.from(char, 'utf8')]
        .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
    else out += char;
  }
  return out.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

function compile(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`);
}

/** The product token robots.txt rules are matched against: the User-Agent's first word, without its version. */
export function productToken(userAgent: string): string {
  return (userAgent.trim().split(/[\s/]/)[0] ?? '').toLowerCase();
}

export interface RobotsDecision {
  allowed: boolean;
  /** The deciding rule (`Disallow: /private/`), when one matched. */
  rule?: string;
}

export class RobotsRules {
  private constructor(
    private readonly groups: readonly Group[],
    readonly sitemaps: readonly string[],
  ) {}

  static parse(text: string): RobotsRules {
    const groups: Group[] = [];
    const sitemaps: string[] = [];
    let current: Group | undefined;
    let lastWasAgent = false;
    const limited = text.length > ROBOTS_MAX_BYTES ? text.slice(0, ROBOTS_MAX_BYTES) : text;
    for (const rawLine of limited.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
      const line = rawLine.replace(/#.*$/, '').trim();
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const field = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (field === 'user-agent') {
        if (!lastWasAgent || current === undefined) {
          current = { agents: [], rules: [], crawlDelaySeconds: undefined };
          groups.push(current);
        }
        // `Foo-Bot/2.1` in a robots file names the product token `foo-bot`.
        current.agents.push(productToken(value));
        lastWasAgent = true;
        continue;
      }
      if (field === 'sitemap') {
        // Not part of any group.
        if (value !== '') sitemaps.push(value);
        continue;
      }
      lastWasAgent = false;
      // Rules before any User-agent line belong to no group (RFC 9309): ignored.
      if (current === undefined) continue;
      if (field === 'allow' || field === 'disallow') {
        // An empty Disallow says "nothing is disallowed": no rule at all.
        if (value === '') continue;
        const pattern = normalizePath(value);
        current.rules.push({ allow: field === 'allow', pattern, regex: compile(pattern) });
      } else if (field === 'crawl-delay') {
        const seconds = Number(value);
        if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySeconds = seconds;
      }
    }
    return new RobotsRules(groups, sitemaps);
  }

  /** Allows everything: robots.txt absent (4xx), as RFC 9309 says. */
  static allowAll(): RobotsRules {
    return new RobotsRules([], []);
  }

  /** Disallows everything: robots.txt unreachable (5xx, network error), as RFC 9309 says. */
  static disallowAll(): RobotsRules {
    return new RobotsRules(
      [
        {
          agents: ['*'],
          rules: [{ allow: false, pattern: '/', regex: /^\// }],
          crawlDelaySeconds: undefined,
        },
      ],
      [],
    );
  }

  /** The groups that apply to a user agent: those naming its product token, else those of `*`. */
  private groupsFor(userAgent: string): Group[] {
    const token = productToken(userAgent);
    const named = this.groups.filter((g) => g.agents.includes(token));
    return named.length > 0 ? named : this.groups.filter((g) => g.agents.includes('*'));
  }

  /** Whether the user agent may fetch this path (path and query, as in the request line). */
  decide(userAgent: string, pathWithQuery: string): RobotsDecision {
    if (pathWithQuery === '/robots.txt') return { allowed: true };
    const path = normalizePath(pathWithQuery.startsWith('/') ? pathWithQuery : `/${pathWithQuery}`);
    let best: Rule | undefined;
    for (const group of this.groupsFor(userAgent))
      for (const rule of group.rules) {
        if (!rule.regex.test(path)) continue;
        if (
          best === undefined ||
          rule.pattern.length > best.pattern.length ||
          (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)
        )
          best = rule;
      }
    if (best === undefined) return { allowed: true };
    return { allowed: best.allow, rule: `${best.allow ? 'Allow' : 'Disallow'}: ${best.pattern}` };
  }

  isAllowed(userAgent: string, pathWithQuery: string): boolean {
    return this.decide(userAgent, pathWithQuery).allowed;
  }

  /** The Crawl-delay the applicable groups ask for, in milliseconds (the largest, when several do). */
  crawlDelayMs(userAgent: string): number | undefined {
    const delays = this.groupsFor(userAgent)
      .map((g) => g.crawlDelaySeconds)
      .filter((d): d is number => d !== undefined);
    return delays.length === 0 ? undefined : Math.round(Math.max(...delays) * 1000);
  }
}
