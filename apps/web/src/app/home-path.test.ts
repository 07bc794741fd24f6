import { describe, expect, it } from 'vitest';
import { homePath } from './home-path.ts';

describe('homePath', () => {
  it.each([
    [['centre_staff'], '/today'],
    [['coordinator'], '/dashboard'],
    [['admin'], '/centres'],
    [['data_protection'], '/privacy'],
    [['panel_member'], '/vacancies'],
    [['oversight'], '/vacancies'],
    [[], '/account'],
  ] as const)('sends %j to %s', (roles, path) => {
    expect(homePath({ roles: [...roles] })).toBe(path);
  });

  it('prefers the everyday task when someone has several roles', () => {
    expect(homePath({ roles: ['panel_member', 'centre_staff'] })).toBe('/today');
    expect(homePath({ roles: ['data_protection', 'admin'] })).toBe('/centres');
  });
});
