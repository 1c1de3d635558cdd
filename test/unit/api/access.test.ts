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
