import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrawlFailure } from '../../../jobs/crawl-failure.js';
import { fetchPage, type FetchRequest } from '../../../jobs/fetch-page.js';

/** The fetcher's limits against a local server (no other service needed). */
describe('fetchPage', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      switch (request.url) {
        case '/page':
          if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
          return void response
            .writeHead(200, {
              'content-type': 'text/html; charset=utf-8',
              etag: '"v1"',
              'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT',
            })
            .end('<html>hi</html>');
        case '/gzip':
          return void response
            .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
            .end(gzipSync('<html>zipped</html>'));
        case '/bomb':
          // 64 KiB on the wire, 20 MiB once inflated.
          return void response
            .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
            .end(gzipSync(Buffer.alloc(20 * 1024 * 1024, 'a')));
        case '/declared-large':
          response.writeHead(200, {
            'content-type': 'text/html',
            'content-length': String(10 * 1024 * 1024),
          });
          return void response.write('<html>');
        case '/pdf':
          return void response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
        case '/moved':
          return void response.writeHead(301, { location: '/page?from=moved' }).end();
        case '/busy':
          return void response.writeHead(429, { 'retry-after': '7' }).end();
        case '/down':
          return void response.writeHead(503).end();
        case '/gone':
          return void response.writeHead(410).end();
        case '/hang':
          return; // never answers
        case '/brotli':
          return void response
            .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'compress' })
            .end('x');
        default:
          return void response.writeHead(404).end();
      }
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (path: string, overrides: Partial<FetchRequest> = {}): FetchRequest => ({
    url: `${base}${path}`,
    userAgent: 'TalentBrainBot/0.1',
    timeoutMs: 2000,
    maxBytes: 1024 * 1024,
    allowPrivateAddresses: true,
    acceptsContentType: (t) => t === 'text/html',
    ...overrides,
  });
  const failure = async (path: string, overrides: Partial<FetchRequest> = {}): Promise<CrawlFailure> => {
    try {
      await fetchPage(request(path, overrides));
    } catch (error) {
      expect(error).toBeInstanceOf(CrawlFailure);
      return error as CrawlFailure;
    }
    throw new Error(`${path} did not fail`);
  };

  it('reads a page with its validators, and answers 304 to a conditional request', async () => {
    expect(await fetchPage(request('/page'))).toEqual({
      kind: 'body',
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: Buffer.from('<html>hi</html>'),
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
    expect(await fetchPage(request('/page', { conditional: { etag: '"v1"' } }))).toEqual({
      kind: 'not-modified',
      status: 304,
    });
  });

  it('decompresses, and counts the limit after decompression', async () => {
    expect((await fetchPage(request('/gzip'))).kind === 'body').toBe(true);
    const bomb = await failure('/bomb');
    expect(bomb.failureClass).toBe('too-large');
    expect(bomb.retriable).toBe(false);
    expect((await failure('/declared-large')).failureClass).toBe('too-large');
    expect((await failure('/brotli')).failureClass).toBe('unsupported-encoding');
  });

  it('returns redirects instead of following them', async () => {
    expect(await fetchPage(request('/moved'))).toEqual({
      kind: 'redirect',
      status: 301,
      location: `${base}/page?from=moved`,
    });
  });

  it('classifies answers: wrong type and 4xx permanent; 429 (with Retry-After), 5xx and timeouts transient', async () => {
    expect((await failure('/pdf')).failureClass).toBe('unsupported-content-type');
    const gone = await failure('/gone');
    expect([gone.failureClass, gone.status, gone.retriable]).toEqual(['http-4xx', 410, false]);
    const busy = await failure('/busy');
    expect([busy.failureClass, busy.retryAfterMs, busy.retriable]).toEqual(['http-429', 7000, true]);
    expect((await failure('/down')).retriable).toBe(true);
    const hang = await failure('/hang', { timeoutMs: 200 });
    expect([hang.failureClass, hang.retriable]).toEqual(['timeout', true]);
  });

  it('refuses loopback addresses unless the source allows them, before connecting', async () => {
    const blocked = await failure('/page', { allowPrivateAddresses: false });
    expect([blocked.failureClass, blocked.retriable]).toEqual(['blocked-address', false]);
    const byName = await failure('/page', {
      url: base.replace('127.0.0.1', 'localhost') + '/page',
      allowPrivateAddresses: false,
    });
    expect(byName.failureClass).toBe('blocked-address');
  });

  it('a refused connection is transient, an unknown host permanent', async () => {
    const refused = await failure('/x', { url: 'http://127.0.0.1:1/x' });
    expect([refused.failureClass, refused.retriable]).toEqual(['network', true]);
    const unknown = await failure('/x', {
      url: 'http://no-such-host.invalid/x',
      allowPrivateAddresses: false,
    });
    // NXDOMAIN is permanent; a machine without any resolver answers "try again" (transient).
    expect(unknown.retriable ? unknown.failureClass : 'dns').toMatch(/^(dns|network)$/);
    if (!unknown.retriable) expect(unknown.failureClass).toBe('dns');
  });
});
