import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiStore } from '../state/api-store.js';
import { isRole, type Role } from './roles.js';

/**
 * API keys. A key is 32 random bytes (base64url, prefixed `tb_`); the service keeps and compares
 * only its SHA-256. A plain hash suffices, unlike for passwords: a key has 256 bits of entropy, so
 * no dictionary reaches it, and a fast hash keeps every request cheap.
 */
export interface Caller {
  /** The key's name: the actor of audit entries and the owner of saved searches. */
  name: string;
  role: Role;
}

const KEY_PREFIX = 'tb_';

export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** `name:role:hash` entries of the `api.keys` setting (validated there), by hash. */
export function parseConfiguredKeys(setting: string): Map<string, Caller> {
  const keys = new Map<string, Caller>();
  for (const entry of setting.split(',')) {
    const [name, role, hash] = entry.trim().split(':');
    if (name && role && hash && isRole(role)) keys.set(hash.toLowerCase(), { name, role });
  }
  return keys;
}

/** Key names: what audit entries and saved searches show, so plain and short. */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Finds the caller of a presented key: the configured keys first, then the keys created in the
 * data directory (read per request, so `api-key create` / `revoke` apply to a running service).
 */
export class KeyRing {
  private readonly configured: Array<{ hash: Buffer; caller: Caller }>;

  constructor(
    configured: ReadonlyMap<string, Caller>,
    private readonly store: ApiStore,
  ) {
    this.configured = [...configured].map(([hash, caller]) => ({ hash: Buffer.from(hash, 'hex'), caller }));
  }

  identify(presented: string): Caller | undefined {
    if (presented.length === 0 || presented.length > 256) return undefined;
    const hex = hashApiKey(presented);
    const hash = Buffer.from(hex, 'hex');
    // Constant-time comparison against every configured hash: no timing tells how close a guess was.
    let found: Caller | undefined;
    for (const entry of this.configured)
      if (entry.hash.length === hash.length && timingSafeEqual(entry.hash, hash)) found ??= entry.caller;
    return found ?? this.store.keyByHash(hex);
  }
}

/** The key of a request: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}
