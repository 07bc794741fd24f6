import { Type, type Static } from 'typebox';

export const ROLES = [
  'admin',
  'coordinator',
  'centre_staff',
  'panel_member',
  'oversight',
  'data_protection',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Enum(ROLES);

/** The identity a service sees: who acts, with which roles, for which centres. */
export interface Actor {
  userId: number;
  email: string;
  roles: readonly Role[];
  centreIds: readonly number[];
}

export const hasRole = (actor: Pick<Actor, 'roles'>, ...roles: Role[]) =>
  roles.some((r) => actor.roles.includes(r));

/** Coordinators see every centre; centre staff only their own. */
export const canSeeAllCentres = (actor: Pick<Actor, 'roles'>) =>
  hasRole(actor, 'admin', 'coordinator');

export const canAccessCentre = (actor: Pick<Actor, 'roles' | 'centreIds'>, centreId: number) =>
  hasRole(actor, 'coordinator') || actor.centreIds.includes(centreId);

export type RoleValue = Static<typeof RoleSchema>;

/** Navigation areas each role opens; the web app builds its menu from this. */
export const NAV_AREAS = [
  'centres',
  'posts',
  'scenarios',
  'comparison',
  'costs',
  'users',
  'operators',
  'audit',
] as const;
export type NavArea = (typeof NAV_AREAS)[number];

export function navAreasFor(roles: readonly Role[]): NavArea[] {
  const areas = new Set<NavArea>(['centres']);
  if (roles.includes('admin')) {
    areas.add('users');
    areas.add('operators');
  }
  if (roles.includes('admin') || roles.includes('coordinator')) {
    areas.add('posts');
    areas.add('scenarios');
    areas.add('comparison');
    areas.add('costs');
  }
  if (roles.includes('data_protection')) areas.add('audit');
  return NAV_AREAS.filter((a) => areas.has(a));
}
