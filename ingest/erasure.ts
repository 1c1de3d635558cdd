import type { Backend } from '../indexer/open-backend.js';
import type { Logger } from '../lib/logger.js';

export interface ErasureRequest {
  /** Profile id to erase. */
  id: string;
  /** Who asked (an API key's name, a CLI user): kept with the erasure entry. */
  actor: string;
  reason?: string;
}

export interface ErasureResult {
  /** The profile existed and is gone from the index, with its stored mentions. */
  erased: boolean;
}

/**
 * Erases a person: the profile and every stored mention it was built from leave the index, so
 * no later rebuild brings them back from what was stored.
 */
export async function eraseProfile(
  backend: Backend,
  request: ErasureRequest,
  options: { logger: Logger },
): Promise<ErasureResult> {
  const erased = await backend.index.delete(request.id);
  options.logger.info({ id: request.id, actor: request.actor, erased }, 'profile.erased');
  return { erased };
}
