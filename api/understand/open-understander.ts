import type { Industry } from '../../config/industries.js';
import type { HomeRegion } from '../../config/regions.js';
import { chineseProvinces, usStates } from '../../processors/normalize/place-data.js';
import { buildQueryVocabulary } from './query-vocabulary.js';
import { QueryUnderstander } from './understand-query.js';

/** A region code's names in both languages: the configured region's, a province's, a state's, or the code. */
export function regionNamesOf(regions: readonly HomeRegion[]): (code: string) => { en: string; zh: string } {
  return (code) => {
    const configured = regions.find((r) => r.code === code);
    if (configured) return configured.name;
    const province = chineseProvinces.find(([c]) => `CN-${c}` === code);
    if (province) return { en: province[2], zh: province[1] };
    const state = usStates.find(([c]) => `US-${c}` === code);
    if (state) return { en: state[1], zh: state[1] };
    return { en: code, zh: code };
  };
}

/** The query understander of a service or command, from the configured dictionaries. */
export function openUnderstander(
  industries: readonly Industry[],
  regions: readonly HomeRegion[],
  homeRegion: string,
): QueryUnderstander {
  return new QueryUnderstander(buildQueryVocabulary(industries, regions), regionNamesOf(regions), homeRegion);
}
