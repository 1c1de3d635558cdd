import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { gzipSync } from 'node:zlib';
import { corpusPath } from './corpus.js';

/**
 * A small web site on 127.0.0.1 for the crawl tests, built from the real academic profile pages of
 * the corpus (read in place, never copied) and generated pages that exercise every rule of a
 * polite, careful crawler: robots.txt with Disallow and Crawl-delay, a sitemap index with a
 * gzip-compressed sitemap, redirects (a chain and a loop), a page that fails with 500 once, one
 * that answers 429 with Retry-After once, a page slower than any sane timeout, an oversize page,
 * a page that hangs once, a PDF, a missing page, links out of scope (another host name for the same server, a foreign
 * host, excluded paths), a nofollow link and a chain deeper than the crawl goes.
 *
 * Every request is logged with its arrival time, so tests can assert what was fetched and how far
 * apart, as the server saw it.
 */

export interface FixtureRequest {
  path: string;
  /** The Host header: `127.0.0.1:<port>`, or `localhost:<port>` for the out-of-scope host name. */
  host: string;
  /** Arrival time in milliseconds (monotonic clock, sub-millisecond precision). */
  at: number;
  headers: IncomingHttpHeaders;
  status: number;
}

export interface FixtureSiteOptions {
  /** `Crawl-delay` of the `*` group, in seconds; none when absent. */
  crawlDelaySeconds?: number;
  /** How long /slow.html keeps the client waiting before it answers (default 10 s). */
  slowMs?: number;
  /** Size of /huge.html (default 3 MiB). */
  hugeBytes?: number;
}

export interface FixtureSite {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly requests: FixtureRequest[];
  /** Paths requested (robots.txt included), in arrival order. */
  paths(): string[];
  close(): Promise<void>;
}

/** Corpus pages served by the site: path → file under html-profiles/. */
export const CORPUS_PAGES: Readonly<Record<string, string>> = {
  '/chongwu/index.html': 'chongwu-lab--index.html',
  '/chongwu/PI.html': 'chongwu-lab--PI.html',
  '/chongwu/students.html': 'chongwu-lab--students.html',
  '/dengpingfan/People.html': 'dengpingfan--People.html',
  '/ada/index.html': 'adalab-ucsd--index-with-members.html',
};

const LAST_MODIFIED = 'Wed, 01 Jan 2025 00:00:00 GMT';

function html(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n${body}\n</body></html>\n`;
}

/** Made-up people in schema.org markup, for the generated profile pages. */
function madeUpProfile(name: string, title: string, org: string, extra = ''): string {
  const person = {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name,
    jobTitle: title,
    worksFor: { '@type': 'Organization', name: org },
  };
  return html(
    name,
    `<script type="application/ld+json">${JSON.stringify(person)}</script>\n<h1>${name}</h1>\n<p>${title}, ${org}.</p>${extra}`,
  );
}

export async function startFixtureSite(options: FixtureSiteOptions = {}): Promise<FixtureSite> {
  const requests: FixtureRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const hits = new Map<string, number>();
  let origin = '';
  let port = 0;

  const home = (): string =>
    html(
      'Fixture research institute',
      [
        '<h1>Fixture research institute</h1>',
        '<ul>',
        '<li><a href="/chongwu/index.html">Wu lab</a></li>',
        '<li><a href="dengpingfan/People.html">Fan group</a></li>',
        '<li><a href="/redirect/start">Data systems lab (moved)</a></li>',
        '<li><a href="/loop/a">Old lab page</a></li>',
        '<li><a href="/flaky.html">Flaky profile</a> <a href="/busy.html">Busy profile</a></li>',
        '<li><a href="/slow.html">Slow page</a> <a href="/huge.html">Huge page</a></li>',
        '<li><a href="/deep/1.html">Archive</a> <a href="/missing.html">Gone</a></li>',
        '<li><a href="/private/secret.html">Staff only</a></li>',
        '<li><a href="/outside/skip.html">Excluded</a></li>',
        '<li><a rel="nofollow" href="/nofollow-target.html">Login</a></li>',
        `<li><a href="http://localhost:${port}/elsewhere.html">Same server, other name</a></li>`,
        '<li><a href="https://example.invalid/away.html">Elsewhere</a></li>',
        '<li><a href="mailto:office@example.invalid">Mail</a> <a href="javascript:void(0)">Menu</a></li>',
        '<li><a href="/chongwu/index.html#people">Wu lab people</a></li>',
        '</ul>',
      ].join('\n'),
    );

  const send = (
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): void => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    response.end(body);
  };

  /** A page with an ETag: answers 304 to a matching If-None-Match. */
  const sendTagged = (
    request: { headers: IncomingHttpHeaders },
    response: ServerResponse,
    body: Buffer,
  ): number => {
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return 304;
    }
    send(response, 200, body, { etag });
    return 200;
  };

  /** A page with Last-Modified: answers 304 to If-Modified-Since. */
  const sendDated = (
    request: { headers: IncomingHttpHeaders },
    response: ServerResponse,
    body: string,
  ): number => {
    if (request.headers['if-modified-since'] === LAST_MODIFIED) {
      response.writeHead(304, { 'last-modified': LAST_MODIFIED }).end();
      return 304;
    }
    send(response, 200, body, { 'last-modified': LAST_MODIFIED });
    return 200;
  };

  const server: Server = createServer((request, response) => {
    const at = performance.now();
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const host = request.headers.host ?? '';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const log = (status: number): void => {
      requests.push({ path, host, at, headers: request.headers, status });
    };
    if (host !== `127.0.0.1:${port}`) {
      send(response, 404, html('Not here', '<p>Unknown host</p>'));
      return log(404);
    }
    const corpusFile = CORPUS_PAGES[path];
    if (corpusFile !== undefined)
      return log(sendTagged(request, response, readFileSync(corpusPath(`html-profiles/${corpusFile}`))));
    if (/^\/(chongwu|dengpingfan)\/[A-Za-z0-9_]+\.html$/.test(path))
      return log(
        sendDated(request, response, html(path, `<p>Notes of ${path}: nothing about people here.</p>`)),
      );
    switch (path) {
      case '/':
        send(response, 200, home());
        return log(200);
      case '/robots.txt': {
        const lines = [
          '# Fixture site',
          'User-agent: OtherBot',
          'Disallow: /',
          '',
          'User-agent: *',
          'Disallow: /private/',
          'Disallow: /*.cgi$',
          ...(options.crawlDelaySeconds !== undefined ? [`Crawl-delay: ${options.crawlDelaySeconds}`] : []),
          '',
          `Sitemap: ${origin}/sitemap.xml`,
        ];
        send(response, 200, `${lines.join('\n')}\n`, { 'content-type': 'text/plain; charset=utf-8' });
        return log(200);
      }
      case '/sitemap.xml':
        send(
          response,
          200,
          `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>${origin}/sitemap-pages.xml.gz</loc></sitemap>\n</sitemapindex>\n`,
          { 'content-type': 'application/xml' },
        );
        return log(200);
      case '/sitemap-pages.xml.gz': {
        const urls = ['/', '/sitemap-only.html', '/private/listed.html', '/outside/listed.html'];
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${origin}${u}</loc></url>`).join('\n')}\n</urlset>\n`;
        send(response, 200, gzipSync(xml), { 'content-type': 'application/gzip' });
        return log(200);
      }
      case '/sitemap-only.html':
        return log(
          sendTagged(
            request,
            response,
            Buffer.from(
              madeUpProfile(
                'Wang Xiaoming',
                'Professor of Optical Engineering',
                'Changchun Institute of Optics',
              ),
            ),
          ),
        );
      case '/redirect/start':
        response.writeHead(301, { location: '/redirect/middle' }).end();
        return log(301);
      case '/redirect/middle':
        response.writeHead(302, { location: `${origin}/ada/index.html` }).end();
        return log(302);
      case '/loop/a':
        response.writeHead(302, { location: '/loop/b' }).end();
        return log(302);
      case '/loop/b':
        response.writeHead(302, { location: '/loop/a' }).end();
        return log(302);
      case '/flaky.html':
        if (count === 1) {
          send(response, 500, html('Error', '<p>Internal error</p>'));
          return log(500);
        }
        send(response, 200, madeUpProfile('Lin Qiao', 'Senior Engineer', 'Jilin Rail Equipment Works'));
        return log(200);
      case '/busy.html':
        if (count === 1) {
          send(response, 429, html('Slow down', '<p>Too many requests</p>'), { 'retry-after': '1' });
          return log(429);
        }
        send(
          response,
          200,
          madeUpProfile('Zhao Min', 'Research Fellow', 'Northeast Automotive Research Center'),
        );
        return log(200);
      case '/slow.html': {
        log(200);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) send(response, 200, html('Slow', '<p>Finally.</p>'));
        }, options.slowMs ?? 10_000);
        timers.add(timer);
        return;
      }
      case '/slow-once.html': {
        // Hangs on the first request only: the page a crashed or stopped worker was fetching.
        if (count > 1) {
          send(response, 200, madeUpProfile('Sun Wei', 'Chief Engineer', 'Changchun Satellite Technology'));
          return log(200);
        }
        log(200);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed)
            send(response, 200, madeUpProfile('Sun Wei', 'Chief Engineer', 'Changchun Satellite Technology'));
        }, options.slowMs ?? 10_000);
        timers.add(timer);
        return;
      }
      case '/huge.html': {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let left = options.hugeBytes ?? 3 * 1024 * 1024;
        const pump = (): void => {
          while (left > 0 && !response.destroyed) {
            left -= chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          if (!response.destroyed) response.end();
        };
        pump();
        return log(200);
      }
      case '/chongwu/CV_Chong_Wu_for_website.pdf':
        send(response, 200, Buffer.from('%PDF-1.4\n% made-up placeholder\n%%EOF\n'), {
          'content-type': 'application/pdf',
        });
        return log(200);
      case '/deep/1.html':
      case '/deep/2.html':
      case '/deep/3.html':
      case '/deep/4.html': {
        const n = Number(path.slice('/deep/'.length, -'.html'.length));
        return log(
          sendDated(
            request,
            response,
            html(`Archive ${n}`, `<p>Archive page ${n}.</p><a href="/deep/${n + 1}.html">older</a>`),
          ),
        );
      }
      default:
        send(response, 404, html('Not found', '<p>No such page</p>'));
        return log(404);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    paths: () => requests.map((r) => r.path),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The fixture site as a crawl source (sources.yaml shape), with any field replaced. */
export function fixtureSourceEntry(
  site: FixtureSite,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: 'fixture',
    seeds: [`${site.origin}/`],
    sitemaps: [`${site.origin}/sitemap.xml`],
    scope: { hosts: [site.host], exclude: ['^/outside/', '^/ada/(?!index\\.html$)'] },
    follow: { maxDepth: 3, maxPages: 500 },
    extract: {
      hint: 'profile-page',
      include: [
        '^/chongwu/(index|PI|students)\\.html$',
        '^/dengpingfan/People\\.html$',
        '^/ada/index\\.html$',
        '^/(sitemap-only|flaky|busy)\\.html$',
      ],
    },
    politeness: { concurrency: 4, minDelay: 0 },
    recrawlInterval: 0,
    // The site is on 127.0.0.1: only a source that says so may reach it.
    allowPrivateAddresses: true,
    ...overrides,
  };
}

/** Deletes every Redis key under a prefix (a test's queues and crawl state). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
