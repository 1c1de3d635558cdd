import type { ScoringConfig } from '../../config/scoring.js';
import { roleKindLabel, type PostRole, type RoleKind } from './role-function.js';

/** How much a post's employer context counts, and the words the explanation uses for it. */
export interface EmployerWeight {
  factor: number;
  /** "independent director (board-only)"; empty when the factor is 1. */
  note: string;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The factor of a post: the best of its kinds' factors (a CEO who also sits on the board is weighed
 * as a CEO). Kinds the config does not list keep employer context whole.
 */
export function employerWeight(post: PostRole, config: ScoringConfig): EmployerWeight {
  const factors = config.roleFunctions.employerFactor;
  let best: RoleKind = post.kinds[0] ?? 'unknown';
  let factor = -1;
  for (const kind of post.kinds.length > 0 ? post.kinds : (['unknown'] as RoleKind[])) {
    const f = factors[kind] ?? 1;
    if (f > factor) {
      factor = f;
      best = kind;
    }
  }
  factor = round2(factor);
  if (factor >= 1) return { factor: 1, note: '' };
  const title = post.title !== undefined ? `${post.title.replace(/\s+/g, ' ').trim()} ` : '';
  return { factor, note: `${title}(${roleKindLabel(best)})` };
}

/** The explanation's suffix for an employer-context line: "; independent director (board-only): employer context × 0.1". */
export function weightSuffix(weight: EmployerWeight): string {
  return weight.factor >= 1 ? '' : `; ${weight.note}: employer context × ${weight.factor}`;
}

export const WHOLE: EmployerWeight = { factor: 1, note: '' };
