import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateApiKey,
  hashApiKey,
  KeyRing,
  parseConfiguredKeys,
  presentedKey,
} from '../../../api/access/api-keys.js';
import { addressGroup, clientAddress } from '../../../api/access/client-address.js';
import { ensureLocalAdminKey, LOCAL_ADMIN_KEY_NAME } from '../../../api/access/local-admin-key.js';
import { OverloadGuard } from '../../../api/access/overload-guard.js';
import { RateLimiter } from '../../../api/access/rate-limiter.js';
import { can, rolesWith } from '../../../api/access/roles.js';
import { ApiStore } from '../../../api/state/api-store.js';
import { loadConfig } from '../../../config/load.js';

const root = mkdtempSync(join(tmpdir(), 'tb-api-access-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('API keys', () => {
  it('are random, prefixed, and known by their SHA-256 only', () => {
    const [a, b] = [generateApiKey(), generateApiKey()];
    expect(a).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reads name:role:hash entries of the api.keys setting, validated by the config loader', () => {
    const hash = hashApiKey('k1');
    const keys = parseConfiguredKeys(`alice:recruiter:${hash},bob:analyst:${hashApiKey('k2')}`);
    expect(keys.get(hash)).toEqual({ name: 'alice', role: 'recruiter' });
    expect(keys.size).toBe(2);
    expect(parseConfiguredKeys('').size).toBe(0);
    expect(loadConfig({ env: { TALENT_API_KEYS: `alice:recruiter:${hash}` } }).api.keys).toContain('alice');
    // A plain key instead of its hash, or an unknown role, stops the start with the fix.
    expect(() => loadConfig({ env: { TALENT_API_KEYS: 'alice:recruiter:secret' } })).toThrow(/sha256-hex/);
    expect(() => loadConfig({ env: { TALENT_API_KEYS: `alice:boss:${hash}` } })).toThrow(/TALENT_API_KEYS/);
  });

  it('identifies configured keys and keys stored in the data directory; revoking applies at once', () => {
    const store = ApiStore.open(join(root, 'ring'));
    try {
      const stored = generateApiKey();
      store.putKey({ name: 'carol', role: 'admin', hash: hashApiKey(stored) });
      const ring = new KeyRing(parseConfiguredKeys(`alice:recruiter:${hashApiKey('configured-key')}`), store);
      expect(ring.identify('configured-key')).toEqual({ name: 'alice', role: 'recruiter' });
      expect(ring.identify(stored)).toEqual({ name: 'carol', role: 'admin' });
      expect(ring.identify('nope')).toBeUndefined();
      expect(ring.identify('')).toBeUndefined();
      store.deleteKey('carol');
      expect(ring.identify(stored)).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('ensureLocalAdminKey issues a new admin key each time, stored hashed; the previous one stops working', () => {
    const dataDir = join(root, 'local');
    const first = ensureLocalAdminKey(dataDir);
    const second = ensureLocalAdminKey(dataDir);
    expect(first.name).toBe(LOCAL_ADMIN_KEY_NAME);
    expect(second.key).not.toBe(first.key);
    const store = ApiStore.open(dataDir);
    try {
      const ring = new KeyRing(new Map(), store);
      expect(ring.identify(second.key)).toEqual({ name: LOCAL_ADMIN_KEY_NAME, role: 'admin' });
      expect(ring.identify(first.key)).toBeUndefined();
      expect(store.listKeys()).toEqual([
        { name: LOCAL_ADMIN_KEY_NAME, role: 'admin', createdAt: expect.any(String) as string },
      ]);
    } finally {
      store.close();
    }
  });

  it('is read from the Authorization bearer or the X-API-Key header', () => {
    expect(presentedKey({ authorization: 'Bearer tb_x' })).toBe('tb_x');
    expect(presentedKey({ authorization: 'bearer  tb_y ' })).toBe('tb_y');
    expect(presentedKey({ 'x-api-key': 'tb_z' })).toBe('tb_z');
    expect(presentedKey({ authorization: 'Basic abc' })).toBeUndefined();
    expect(presentedKey({})).toBeUndefined();
  });
});

describe('roles', () => {
  it('give recruiters contacts and saved searches, analysts aggregates, admins erasure', () => {
    expect(can('recruiter', 'read-contacts')).toBe(true);
    expect(can('recruiter', 'aggregates')).toBe(false);
    expect(can('analyst', 'read-profile')).toBe(true);
    expect(can('analyst', 'read-contacts')).toBe(false);
    expect(can('analyst', 'saved-searches')).toBe(false);
    expect(rolesWith('erase')).toEqual(['admin']);
    expect(rolesWith('search')).toEqual(['recruiter', 'analyst', 'admin']);
  });
});

describe('RateLimiter', () => {
  it('lets a key spend its burst, then refills at the rate; keys do not share buckets', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 500; // one token back at 2/s
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    now += 60_000; // never more than the burst
    expect(limiter.take('a').remaining).toBe(2);
  });

  it('holds at most maxKeys buckets, forgetting the least recently seen', () => {
    const limiter = new RateLimiter(0.001, 1, () => 0, 4);
    for (const key of ['a', 'b']) expect(limiter.take(key).allowed).toBe(true);
    // a, seen again, is kept while new keys arrive; b, not seen since, is forgotten.
    expect(limiter.take('a').allowed).toBe(false);
    limiter.take('c');
    limiter.take('d');
    expect(limiter.size).toBeLessThanOrEqual(4);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
    for (let i = 0; i < 10_000; i++) {
      limiter.take(`spray-${i}`);
      expect(limiter.size).toBeLessThanOrEqual(4);
    }
    // a was pushed out by the spray: it starts again with a full bucket (the price of the bound).
    expect(limiter.take('a').allowed).toBe(true);
  });
});

describe('client addresses', () => {
  it('count the socket address unless a proxy header is configured', () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    expect(clientAddress('198.51.100.1', headers, '')).toBe('198.51.100.1');
    expect(clientAddress('198.51.100.1', headers, 'X-Forwarded-For')).toBe('203.0.113.9');
  });

  it("take the header's last entry (the proxy's own), and the socket when it is missing or not an address", () => {
    const at = (value: string | undefined) =>
      clientAddress('198.51.100.1', { 'x-forwarded-for': value }, 'x-forwarded-for');
    expect(at('1.1.1.1, 2.2.2.2 , 203.0.113.9')).toBe('203.0.113.9');
    expect(at(undefined)).toBe('198.51.100.1');
    expect(at('not-an-address')).toBe('198.51.100.1');
    expect(at('1.1.1.1,')).toBe('198.51.100.1');
  });

  it('group IPv6 per /64 and read IPv4-mapped addresses as IPv4', () => {
    expect(addressGroup('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressGroup('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('2001:0db8:0000:0012:abcd:ef01:2345:6789')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressGroup('192.0.2.7')).toBe('192.0.2.7');
  });
});

describe('OverloadGuard', () => {
  it('refuses past its limit and frees a slot per release', () => {
    const guard = new OverloadGuard(2);
    expect([guard.enter(), guard.enter(), guard.enter()]).toEqual([true, true, false]);
    expect(guard.inFlight).toBe(2);
    guard.release();
    expect(guard.enter()).toBe(true);
    guard.release();
    guard.release();
    guard.release();
    expect(guard.inFlight).toBe(0);
  });
});
