import { hasRole, type Actor, type Role } from '@begegnung/domain';

/**
 * Where someone lands after signing in: the screen of their everyday task. The first matching
 * role wins (someone with several roles starts where the most frequent work is).
 */
const HOMES: [Role, string][] = [
  ['centre_staff', '/today'],
  ['coordinator', '/dashboard'],
  ['admin', '/centres'],
  ['data_protection', '/privacy'],
  ['panel_member', '/vacancies'],
  ['oversight', '/vacancies'],
];

export function homePath(user: Pick<Actor, 'roles'>): string {
  return HOMES.find(([role]) => hasRole(user, role))?.[1] ?? '/account';
}
