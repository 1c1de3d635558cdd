/**
 * The analysts' API answers as the web UI receives them: the server's own types, so a change of
 * a route's shape fails the UI's typecheck too.
 */
import type { TalentMap, MapLevel } from '../analysis/talent-map.js';
import type { CountryShape } from '../analysis/world-shapes.js';

export type { TalentMap, MapLevel, CountryShape };

/** GET /api/map/world */
export interface WorldShapes {
  width: number;
  height: number;
  countries: CountryShape[];
}

export type {
  TechnologySummary,
  TechnologyExperts,
  TechnologyExpert,
} from '../analysis/technology-experts.js';

export type { SupplyTrend } from '../gaps/supply-trend.js';
