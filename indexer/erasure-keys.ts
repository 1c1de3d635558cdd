import { createHash } from 'node:crypto';

/**
 * How an erased person's merge keys are kept: hashed, so the list that keeps them out of the
 * index holds no email address, CIK or name in clear. A new mention is checked by hashing its
 * keys the same way.
 */
export function erasureKeyHash(key: string): string {
  return createHash('sha256').update(`talent-brain erasure\u0000${key}`).digest('hex');
}

/**
 * Whether an erasure keeps a stored merge key: strong identifiers and name + organisation, never
 * a bare name block (`name:smith|j`) — erasing one John Smith must not drop every later J. Smith.
 */
export function isErasableKey(key: string): boolean {
  return !key.startsWith('name:');
}
