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

/**
 * Participant data of a centre: centre staff of that centre and coordinators (all centres,
 * pseudonymous). An admin without a centre role sees none (docs/privacy-rules.md, roles).
 */
export const canReadCentreData = (actor: Pick<Actor, 'roles' | 'centreIds'>, centreId: number) =>
  hasRole(actor, 'coordinator') ||
  (hasRole(actor, 'centre_staff') && actor.centreIds.includes(centreId));

/** Writing participants, groups and encounters: only centre staff of that centre. */
export const canWriteCentreData = (actor: Pick<Actor, 'roles' | 'centreIds'>, centreId: number) =>
  hasRole(actor, 'centre_staff') && actor.centreIds.includes(centreId);

/**
 * The one field-level rule for free-text notes (participant notes, contact-attempt notes,
 * referral notes) on every route that returns them: only staff of the person's centre read
 * them. Coordinators (city-wide, pseudonymous view) and every other role get null.
 */
export const canReadNotes = (actor: Pick<Actor, 'roles' | 'centreIds'>, centreId: number) =>
  canWriteCentreData(actor, centreId);

export type RoleValue = Static<typeof RoleSchema>;

/** Navigation areas each role opens; the web app builds its menu from this. */
export const NAV_AREAS = [
  'today',
  'participants',
  'encounters',
  'follow-ups',
  'import',
  'dashboard',
  'out-of-view',
  'report',
  'posts',
  'scenarios',
  'comparison',
  'costs',
  'vacancies',
  'centres',
  'activities',
  'users',
  'operators',
  'settings',
  'audit',
  'privacy',
  'retention',
  'records',
] as const;
export type NavArea = (typeof NAV_AREAS)[number];

/** Sections of the navigation, in display order; areas a role lacks are left out. */
export const NAV_SECTIONS = {
  work: ['today', 'participants', 'encounters', 'follow-ups', 'import'],
  steering: ['dashboard', 'out-of-view', 'report', 'comparison'],
  staffing: ['posts', 'scenarios', 'costs', 'vacancies'],
  settings: ['centres', 'activities', 'users', 'operators', 'settings'],
  privacy: ['audit', 'privacy', 'retention', 'records'],
} as const satisfies Record<string, readonly NavArea[]>;
export type NavSection = keyof typeof NAV_SECTIONS;

/** The role's areas grouped by section, empty sections dropped. */
export function navSectionsFor(roles: readonly Role[]) {
  const areas = new Set(navAreasFor(roles));
  return (Object.entries(NAV_SECTIONS) as [NavSection, readonly NavArea[]][])
    .map(([section, list]) => ({ section, areas: list.filter((a) => areas.has(a)) }))
    .filter((s) => s.areas.length > 0);
}

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
  if (roles.includes('data_protection')) {
    areas.add('audit');
    areas.add('privacy');
    areas.add('retention');
  }
  if (roles.includes('data_protection') || roles.includes('admin')) areas.add('records');
  if (roles.includes('centre_staff')) {
    areas.add('today');
    // Importing writes the centre's data: staff of the centre (the API's rule too).
    areas.add('import');
  }
  if (roles.includes('centre_staff') || roles.includes('coordinator')) {
    areas.add('participants');
    areas.add('encounters');
    areas.add('follow-ups');
    areas.add('dashboard');
    areas.add('out-of-view');
    areas.add('report');
  }
  if (roles.includes('admin')) {
    areas.add('activities');
    areas.add('settings');
  }
  // Hiring: HR runs procedures; panel and oversight see the ones they are assigned to.
  if (roles.includes('admin') || roles.includes('panel_member') || roles.includes('oversight'))
    areas.add('vacancies');
  return NAV_AREAS.filter((a) => areas.has(a));
}
