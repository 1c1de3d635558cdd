import type { Role } from '../../api/access/roles.js';

/**
 * The requests the load bench sends, in turn, from every well-behaved client. A new endpoint joins
 * the bench by adding its shape here: the bench reports p50/p99 per shape and backend, and the
 * shape's role says which key sends it (every role's key is made for the run).
 */
export interface QueryShape {
  /** Unique; the key of the shape's figures in bench/results/api-latency.json. */
  name: string;
  /** Path under the service's URL (GET). */
  path: string;
  params: Record<string, string>;
  role: Role;
}

export const SHAPES: readonly QueryShape[] = [
  {
    name: 'Chinese term + 2 facets',
    path: '/api/search',
    params: { q: '半导体', facets: 'industry,tier' },
    role: 'recruiter',
  },
  {
    name: 'English term + tier filter + 3 facets',
    path: '/api/search',
    params: { q: 'engineer', tier: 'A,B,C', facets: 'industry,tier,region' },
    role: 'recruiter',
  },
  { name: 'Chinese text + city', path: '/api/search', params: { q: '激光 长春' }, role: 'recruiter' },
  {
    name: 'one industry, by its score',
    path: '/api/search',
    params: { industry: 'semiconductors' },
    role: 'recruiter',
  },
  {
    name: 'OR query + region filter',
    path: '/api/search',
    params: { q: 'battery OR semiconductor', region: 'CN-JL' },
    role: 'recruiter',
  },
  { name: 'fielded title', path: '/api/search', params: { q: 'title:professor' }, role: 'recruiter' },
];

export function shapeUrl(base: string, shape: QueryShape): string {
  const query = new URLSearchParams(shape.params).toString();
  return `${base}${shape.path}${query ? `?${query}` : ''}`;
}
