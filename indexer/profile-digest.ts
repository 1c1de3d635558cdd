import { createHash } from 'node:crypto';
import type { TalentProfile } from '../processors/model/profile.js';

/**
 * A short hash of a profile's whole content. Profiles are rebuilt deterministically (fixed order
 * of records and mentions), so two writers that built one person from the same mentions agree on
 * it, and a stored profile whose digest differs from a writer's was put by another writer from
 * another view.
 */
export function profileDigest(profile: TalentProfile): string {
  return createHash('sha1').update(JSON.stringify(profile)).digest('base64url');
}
