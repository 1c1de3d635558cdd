/**
 * The API's answers as the web UI receives them (JSON), named for the UI's JSDoc types. Most are
 * the server's own types, so a change of the API's shape fails `npm run typecheck` for the UI too.
 * Checked with the UI (tsconfig.ui.json: DOM types), not with the server.
 */
import type { Capability, Role } from '../access/roles.js';
import type { MaskedField } from '../access/mask-contacts.js';
import type { GapReport } from '../gaps/gap-report.js';
import type { SourceLink } from '../routes/talents.js';
import type { SavedSearchRow } from '../state/api-store.js';
import type { FacetCounts, SearchHit, SearchResult } from '../../indexer/contract.js';
import type { ResolutionExplanation } from '../../ingest/explain-resolution.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import type { RegionTie } from '../ties/region-ties.js';
import type { QueryUnderstanding, UnderstoodChip } from '../understand/understood.js';

/** What h() and replace() take as children (dom.js); null, undefined and false are skipped. */
export type Child = string | number | Node | null | undefined | false | readonly Child[];

export type { Capability, FacetCounts, GapReport, Role, SearchHit, SearchResult, TalentProfile };

export type { QueryUnderstanding, RegionTie, UnderstoodChip };

/** GET /api/search: the index's result, how the text was read, ties when asked, the tie facet. */
export interface SearchAnswer extends Omit<SearchResult, 'hits'> {
  hits: Array<SearchHit & { ties?: RegionTie }>;
  understood?: QueryUnderstanding;
  tieFacet?: { region: string; name: { en: string; zh: string }; count: number };
}

/** GET /api/me */
export interface Me {
  name: string;
  role: Role;
  can: Capability[];
}

/** One entry of GET /api/industries */
export interface IndustryInfo {
  id: string;
  name: { en: string; zh: string };
  scarcity: number;
  profiles: number;
}

/** GET /api/talents/:id */
export interface TalentResponse {
  profile: TalentProfile;
  access: { contacts: 'shown' | 'masked'; hidden: MaskedField[] };
  sources: SourceLink[];
}

/** GET /api/talents/:id/resolution */
export type ResolutionResponse = ResolutionExplanation;

/** A saved search as the API shows it (without its owner). */
export type SavedSearch = Omit<SavedSearchRow, 'owner'>;

/** POST /api/saved-searches/:id/run */
export interface SavedSearchRun {
  savedSearch: SavedSearch;
  total: number;
  newCount: number;
  newMatches: SearchHit[];
  tracked: number;
  previousRunAt: string;
}

/** DELETE /api/talents/:id */
export interface ErasureResponse {
  id: string;
  erased: boolean;
  auditSeq: number;
}
