import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type ApiApp, type ApiOptions } from '../../api/server.js';
import { ingestInto, issueKeys, quietLogger, root, testConfig, type RoleKeys } from './api-fixture.js';

/**
 * Requests without a valid key, on a listening service: past `api.authFailureBurst` from one
 * client address they get a 429 with Retry-After (and the connection closed) instead of a 401,
 * while valid keys from the same address go on; the address is the socket's unless a proxy header
 * is configured, and the table of addresses stays within `api.authFailureAddresses`.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const BURST = 5;

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

describe('failed authentications per client address', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-api-auth-failures-'));
  const dataDir = join(dir, 'data');
  let keys: RoleKeys;
  const apps: ApiApp[] = [];

  /** A listening service on the suite's index; its base URL. */
  const serve = async (limits: ApiOptions['limits']): Promise<{ url: string; built: ApiApp }> => {
    const built = await buildApp({
      config: testConfig,
      dataDir,
      logger: quietLogger,
      limits: { authFailureBurst: BURST, authFailureRate: 0.01, ...limits },
    });
    apps.push(built);
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    const address = built.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return { url: `http://127.0.0.1:${port}`, built };
  };

  const get = async (url: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(url, { headers });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text },
    };
  };
  const badKey = { authorization: 'Bearer tb_not-a-key-of-this-service' };

  beforeAll(async () => {
    await ingestInto(dataDir, [join(root, 'examples')]);
    keys = issueKeys(dataDir);
  });

  afterAll(async () => {
    for (const built of apps) await built.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 401 up to the burst, then 429 with Retry-After and the connection closed; valid keys go on', async () => {
    const { url } = await serve({});
    const search = `${url}/api/search?q=engineer`;
    // Missing and unknown keys count alike.
    const statuses: number[] = [];
    for (let i = 0; i < BURST; i++) statuses.push((await get(search, i % 2 === 0 ? badKey : {})).status);
    expect(statuses).toEqual(Array<number>(BURST).fill(401));

    for (const headers of [badKey, {}]) {
      const refused = await get(search, headers);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('connection')).toBe('close');
      expect(refused.body).toMatchObject({ error: 'rate-limited', requestId: expect.any(String) });
      expect(String(refused.body.message)).toMatch(
        /without a valid API key from this address; retry in \d+ s/,
      );
    }

    // The same address with a valid key is served: a shared NAT or proxy does not lock its users out.
    const served = await get(search, { authorization: `Bearer ${keys.recruiter}` });
    expect(served.status).toBe(200);
    // Public routes take no key and are never refused for it.
    expect((await get(`${url}/health`)).status).toBe(200);

    const metrics = (await get(`${url}/metrics`)).body.text as string;
    expect(metrics).toMatch(/talent_brain_api_refused_total\{reason="auth-failures"[^}]*\} 2\b/);
    expect(metrics).toMatch(/talent_brain_api_refused_total\{reason="unauthorized"[^}]*\} 5\b/);
  });

  it('ignores a forwarding header unless configured: a client cannot pick a fresh address per request', async () => {
    const { url } = await serve({});
    const search = `${url}/api/search?q=engineer`;
    const statuses: number[] = [];
    for (let i = 0; i <= BURST; i++)
      statuses.push((await get(search, { ...badKey, 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it("with a configured proxy header, counts the header's last entry per address", async () => {
    const { url } = await serve({ clientAddressHeader: 'x-forwarded-for' });
    const search = `${url}/api/search?q=engineer`;
    // The first entries are the client's to choose; the last is the proxy's.
    let sent = 0;
    const from = (client: string) => ({ ...badKey, 'x-forwarded-for': `198.51.100.${sent++}, ${client}` });
    for (let i = 0; i < BURST; i++) expect((await get(search, from('203.0.113.1'))).status).toBe(401);
    expect((await get(search, from('203.0.113.1'))).status).toBe(429);
    // Another client behind the same proxy still gets its own 401s.
    expect((await get(search, from('203.0.113.2'))).status).toBe(401);
    // IPv6 clients are counted per /64: another host of the same block shares its budget.
    for (let i = 0; i < BURST; i++)
      expect((await get(search, from(`2001:db8:0:7::${i + 1}`))).status).toBe(401);
    expect((await get(search, from('2001:db8:0:7::ffff'))).status).toBe(429);
  });

  it('keeps at most api.authFailureAddresses addresses however many a client sprays', async () => {
    const { url } = await serve({ clientAddressHeader: 'x-forwarded-for', authFailureAddresses: 16 });
    const search = `${url}/api/search?q=engineer`;
    for (let i = 0; i < 200; i++)
      expect((await get(search, { ...badKey, 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` })).status).toBe(
        401,
      );
    const metrics = (await get(`${url}/metrics`)).body.text as string;
    const held = /^talent_brain_api_auth_failure_addresses(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1];
    expect(Number(held)).toBeGreaterThan(0);
    expect(Number(held)).toBeLessThanOrEqual(16);
  });
});
