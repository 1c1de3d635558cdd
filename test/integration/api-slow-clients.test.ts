import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type ApiApp } from '../../api/server.js';
import { ingestInto, issueKeys, quietLogger, root, testConfig, type RoleKeys } from './api-fixture.js';

/**
 * Clients that send slowly, on real sockets: a request whose body never arrives, and one whose
 * headers never end. They must not take the slots other users need (api.maxInFlight), and the
 * service must cut them off (api.requestTimeoutMs, api.headersTimeoutMs) instead of waiting for ever.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const SLOW = 10;
const BURST = 1000;

interface SlowClient {
  socket: Socket;
  /** What the server sent back before closing. */
  answer: () => string;
  closed: Promise<void>;
}

function slowClient(port: number, head: string): SlowClient {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (answer += chunk));
  socket.on('error', () => {});
  const closed = new Promise<void>((done) => socket.on('close', () => done()));
  socket.write(head);
  return { socket, answer: () => answer, closed };
}

describe('slow clients on a listening query service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-api-slow-'));
  const dataDir = join(dir, 'data');
  let built: ApiApp;
  let keys: RoleKeys;
  let port: number;
  const clients: SlowClient[] = [];

  beforeAll(async () => {
    await ingestInto(dataDir, [join(root, 'examples')]);
    keys = issueKeys(dataDir);
    built = await buildApp({
      config: testConfig,
      dataDir,
      logger: quietLogger,
      limits: {
        maxInFlight: 4,
        rateBurst: BURST,
        rateLimit: 0.001,
        headersTimeoutMs: 1500,
        requestTimeoutMs: 3000,
        connectionTimeoutMs: 10_000,
      },
    });
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    const address = built.app.server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    for (const c of clients) c.socket.destroy();
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string, key: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };

  it('requests whose body never comes take no slot: other users get answers, the slow ones a 408', async () => {
    // More slow requests than slots, each announcing 1000 bytes and sending 4.
    for (let i = 0; i < SLOW; i++)
      clients.push(
        slowClient(
          port,
          [
            'POST /api/saved-searches HTTP/1.1',
            'Host: 127.0.0.1',
            `Authorization: Bearer ${keys.recruiter}`,
            'Content-Type: application/json',
            'Content-Length: 1000',
            '',
            '{"na',
          ].join('\r\n'),
        ),
      );
    // Each slow request has passed the key check (it spent a token of the recruiter key's bucket):
    // on a service that counts them in flight, every slot is now taken.
    let polls = 0;
    await expect
      .poll(
        async () => {
          polls++;
          const me = await get('/api/me', keys.recruiter);
          return Number(me.headers.get('x-ratelimit-remaining')) + polls;
        },
        { timeout: 10_000, interval: 50 },
      )
      .toBeLessThanOrEqual(BURST - SLOW);

    for (let i = 0; i < 8; i++) {
      const answer = await get('/api/search?q=optical', keys.analyst);
      expect(answer.status, answer.body).toBe(200);
    }

    // The slow clients are cut off by the request timeout, with a 408.
    await Promise.all(clients.map((c) => c.closed));
    for (const c of clients) expect(c.answer()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a client whose headers never end is closed after the headers timeout; others still get answers', async () => {
    const slowloris = slowClient(port, `GET /api/search?q=optical HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
    clients.push(slowloris);
    expect((await get('/api/search?q=optical', keys.analyst)).status).toBe(200);
    await slowloris.closed;
    expect(slowloris.answer()).toMatch(/^HTTP\/1\.1 408|^$/);
  });
});
