/**
 * Who may do what. A key has one role; each route names the roles it admits (see the routes'
 * `config.access`). Kept as data so the route table of docs/query-service.md, the routes and the tests read one list.
 *
 * - recruiter: searches, reads profiles with their contact details, keeps saved searches and pools;
 * - analyst: aggregates (gaps, facets), reads profiles with contact details masked;
 * - admin: everything, and erasure.
 */
export type Role = 'recruiter' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['recruiter', 'analyst', 'admin'];

export type Capability =
  'search' | 'read-profile' | 'read-contacts' | 'aggregates' | 'saved-searches' | 'pools' | 'erase' | 'audit';

const GRANTS: Record<Role, readonly Capability[]> = {
  recruiter: ['search', 'read-profile', 'read-contacts', 'saved-searches', 'pools'],
  analyst: ['search', 'read-profile', 'aggregates'],
  admin: [
    'search',
    'read-profile',
    'read-contacts',
    'aggregates',
    'saved-searches',
    'pools',
    'erase',
    'audit',
  ],
};

export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

export function rolesWith(capability: Capability): Role[] {
  return ROLES.filter((r) => can(r, capability));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
