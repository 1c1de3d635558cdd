import { ApiStore } from '../state/api-store.js';
import { generateApiKey, hashApiKey } from './api-keys.js';

/** Name of the key {@link ensureLocalAdminKey} makes. */
export const LOCAL_ADMIN_KEY_NAME = 'local-admin';

export interface LocalAdminKey {
  name: string;
  role: 'admin';
  /** The plain key: shown to the user once, never stored. */
  key: string;
}

/**
 * An admin key for the person running the service on this machine (the demo prints it). Only its
 * hash is kept, so a later call cannot show the same key again: each call issues a new one and
 * the previous local-admin key stops working. Saved searches stay, being owned by the key's name.
 */
export function ensureLocalAdminKey(dataDir: string): LocalAdminKey {
  const store = ApiStore.open(dataDir);
  try {
    const key = generateApiKey();
    store.putKey({ name: LOCAL_ADMIN_KEY_NAME, role: 'admin', hash: hashApiKey(key) });
    return { name: LOCAL_ADMIN_KEY_NAME, role: 'admin', key };
  } finally {
    store.close();
  }
}
