import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { countryCode } from '../../processors/normalize/place.js';

/**
 * The world map's country outlines as SVG paths, projected once on the server from Natural Earth
 * (world-atlas 110m, via topojson-client and d3-geo), so the browser draws plain SVG: nothing from
 * a CDN, no map script in the page. Countries are keyed by ISO 3166-1 alpha-2, found from their
 * Natural Earth names with the place normalizer; the abbreviated names it does not read are listed
 * by their ISO numeric id below. Areas without an ISO code (Northern Cyprus, Somaliland) have no
 * code and never hold a count.
 */

export const WORLD_WIDTH = 960;
export const WORLD_HEIGHT = 500;

export interface CountryShape {
  code?: string;
  /** Natural Earth's English name (the browser names coded countries in the UI's language). */
  name: string;
  /** SVG path data in a WORLD_WIDTH × WORLD_HEIGHT box. */
  d: string;
}

/** ISO numeric → alpha-2 for the Natural Earth names the normalizer does not read. */
const BY_NUMERIC: Readonly<Record<string, string>> = {
  '732': 'EH',
  '180': 'CD',
  '214': 'DO',
  '238': 'FK',
  '260': 'TF',
  '140': 'CF',
  '178': 'CG',
  '226': 'GQ',
  '275': 'PS',
  '634': 'QA',
  '104': 'MM',
  '792': 'TR',
  '090': 'SB',
  '070': 'BA',
  '807': 'MK',
  '780': 'TT',
  '728': 'SS',
};

let cached: CountryShape[] | undefined;

export function worldShapes(): CountryShape[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-110m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  const projection = geoNaturalEarth1().fitSize([WORLD_WIDTH, WORLD_HEIGHT], countries);
  const path = geoPath(projection);
  cached = countries.features.flatMap((f) => {
    const d = path(f);
    if (d === null || d === '') return [];
    const id = f.id === undefined ? undefined : String(f.id);
    const code = (id !== undefined ? BY_NUMERIC[id] : undefined) ?? countryCode(f.properties.name);
    // One decimal is a tenth of a pixel: the paths shrink to about half.
    const short = d.replace(/(\d+\.\d)\d+/g, '$1');
    return [{ ...(code !== undefined ? { code } : {}), name: f.properties.name, d: short }];
  });
  return cached;
}
