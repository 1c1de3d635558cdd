import type Database from 'better-sqlite3';
import { SUPPLY_DIMENSIONS, type SupplyCell, type SupplyDimension, type SupplyQuery } from '../contract.js';
import type { Tier } from '../../processors/model/profile.js';

/** How each place dimension reads a `locations` row: the ISO code first, as in the region facet. */
const PLACE_COLUMN: Record<Exclude<SupplyDimension, 'tier'>, string> = {
  region: 'coalesce(l.region_code, l.region)',
  country: 'l.country',
};

/**
 * Supply cells of the embedded index (see {@link SupplyQuery}), in one GROUP BY.
 *
 * `restrictTo` names a table of `rid`s (the search's materialized matches) when filters apply.
 *
 * Shape of the query, measured on 116k profiles (bench/tmp index, 2 cores): about 7 ms by industry
 * alone, 50 ms by tier, 130 ms by tier × region.
 * - `scores` is read through `scores_rank (industry, score DESC, rid)`, which covers the condition
 *   and the rid; `scores` holds only scores above 0, and (industry, rid) is its key, so without a
 *   place dimension a plain `count(*)` is exact.
 * - With a place dimension, only the locations naming one of the asked fields join (through
 *   `locations_rid`): a profile with none of them keeps one NULL row and counts as `unknown`, and
 *   a location missing one of the asked fields says `unknown` for that field. Two cities of one
 *   region would count a person twice there, hence `count(DISTINCT rid)`.
 * - Materialising the places per profile first (a CTE) was tried: SQLite then joins the CTE by a
 *   full scan per score row, minutes at this size.
 */
export function supplyCells(
  db: Database.Database,
  query: SupplyQuery,
  restrictTo?: 'temp.matches',
): SupplyCell[] {
  const by = SUPPLY_DIMENSIONS.filter((d) => query.by.includes(d));
  const places = by.filter((d): d is 'region' | 'country' => d !== 'tier');
  const minScore = Number.isFinite(query.minScore) ? query.minScore : 0;

  const joins: string[] = [];
  if (by.includes('tier')) joins.push('JOIN profiles p ON p.rid = s.rid');
  if (places.length > 0) {
    const known = places.map((d) => `${PLACE_COLUMN[d]} IS NOT NULL`).join(' OR ');
    joins.push(`LEFT JOIN locations l ON l.rid = s.rid AND (${known})`);
  }
  const select = by.map((d) =>
    d === 'tier' ? 'p.tier AS tier' : `coalesce(${PLACE_COLUMN[d]}, 'unknown') AS ${d}`,
  );
  const count = places.length > 0 ? 'count(DISTINCT s.rid)' : 'count(*)';
  const restrict = restrictTo ? `AND s.rid IN (SELECT rid FROM ${restrictTo})` : '';
  const group = ['industry', ...by].join(', ');
  const rows = db
    .prepare(
      `SELECT s.industry AS industry${select.map((c) => `, ${c}`).join('')}, ${count} AS count
       FROM scores s ${joins.join(' ')}
       WHERE s.score > 0 AND s.score >= ? ${restrict}
       GROUP BY ${group} ORDER BY ${group}`,
    )
    .all(minScore) as Array<Record<string, string | number>>;

  return rows.map((r) => {
    const cell: SupplyCell = { industry: String(r.industry), count: Number(r.count) };
    if (by.includes('tier')) cell.tier = r.tier as Tier;
    if (by.includes('region')) cell.region = String(r.region);
    if (by.includes('country')) cell.country = String(r.country);
    return cell;
  });
}
