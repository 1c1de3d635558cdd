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
 * Shape of the query, chosen for 100k+ profiles:
 * - `counted` reads `scores` through `scores_rank (industry, score DESC, rid)`: the index covers the
 *   condition and the rid, so the table itself is never read; `scores` holds only scores above 0.
 *   (industry, rid) is the key of `scores`, so every later count is a plain `count(*)`.
 * - `places` is the distinct (rid, region, country) of the counted profiles only, so two cities of
 *   one region count a person once there; a profile with no location naming any of the asked
 *   fields gets one place with every field `unknown` (LEFT JOIN), and a location missing one of
 *   the asked fields says `unknown` for that field.
 * - `tier` joins `profiles` by its integer key.
 */
export function supplyCells(
  db: Database.Database,
  query: SupplyQuery,
  restrictTo?: 'temp.matches',
): SupplyCell[] {
  const by = SUPPLY_DIMENSIONS.filter((d) => query.by.includes(d));
  const places = by.filter((d): d is 'region' | 'country' => d !== 'tier');
  const minScore = Number.isFinite(query.minScore) ? query.minScore : 0;

  const restrict = restrictTo ? `AND s.rid IN (SELECT rid FROM ${restrictTo})` : '';
  const ctes = [
    `counted AS MATERIALIZED (SELECT s.industry AS industry, s.rid AS rid FROM scores s WHERE s.score > 0 AND s.score >= ? ${restrict})`,
  ];
  const joins: string[] = [];
  if (places.length > 0) {
    const columns = places.map((d) => `${PLACE_COLUMN[d]} AS ${d}`).join(', ');
    const known = places.map((d) => `${PLACE_COLUMN[d]} IS NOT NULL`).join(' OR ');
    ctes.push(
      `places AS MATERIALIZED (SELECT DISTINCT l.rid AS rid, ${columns} FROM locations l WHERE l.rid IN (SELECT rid FROM counted) AND (${known}))`,
    );
    joins.push('LEFT JOIN places pl ON pl.rid = c.rid');
  }
  if (by.includes('tier')) joins.push('JOIN profiles p ON p.rid = c.rid');

  const select = by.map((d) => (d === 'tier' ? 'p.tier AS tier' : `coalesce(pl.${d}, 'unknown') AS ${d}`));
  const group = ['industry', ...by].join(', ');
  const rows = db
    .prepare(
      `WITH ${ctes.join(', ')}
       SELECT c.industry AS industry${select.map((s) => `, ${s}`).join('')}, count(*) AS count
       FROM counted c ${joins.join(' ')}
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
