import { describe, expect, it } from 'vitest';
import { issuerUrlValid, oidcConfigProblems, rolesFromGroups } from './oidc.schemas.ts';

describe('single sign-on rules', () => {
  const mappings = [
    { group: 'koordination', roles: ['coordinator' as const], centreIds: [] },
    { group: 'grone', roles: ['centre_staff' as const], centreIds: [3] },
    { group: 'weststadt', roles: ['centre_staff' as const], centreIds: [1] },
  ];

  it('gives the union of every matching mapping, and nothing without one', () => {
    expect(rolesFromGroups(mappings, ['grone', 'weststadt', 'other'])).toEqual({
      roles: ['centre_staff'],
      centreIds: [1, 3],
    });
    expect(rolesFromGroups(mappings, ['koordination'])).toEqual({
      roles: ['coordinator'],
      centreIds: [],
    });
    expect(rolesFromGroups(mappings, ['other'])).toBeNull();
    expect(rolesFromGroups(mappings, [])).toBeNull();
  });

  it('accepts https issuers and plain http only on loopback', () => {
    expect(issuerUrlValid('https://login.stadt.example/realms/stadt')).toBe(true);
    expect(issuerUrlValid('http://127.0.0.1:8080')).toBe(true);
    expect(issuerUrlValid('http://localhost:8080/idp')).toBe(true);
    expect(issuerUrlValid('http://login.stadt.example')).toBe(false);
    expect(issuerUrlValid('https://login.stadt.example/?x=1')).toBe(false);
    expect(issuerUrlValid('javascript:alert(1)')).toBe(false);
    expect(issuerUrlValid('')).toBe(false);
  });

  it('names every problem by field', () => {
    expect(
      oidcConfigProblems({
        enabled: true,
        issuer: 'ftp://x',
        clientId: ' ',
        mappings: [{ group: '', roles: ['centre_staff'], centreIds: [] }],
      }),
    ).toEqual([
      { field: 'issuer', code: 'invalid' },
      { field: 'clientId', code: 'required' },
      { field: 'mappings/0/group', code: 'required' },
      { field: 'mappings/0/centreIds', code: 'centre_required' },
    ]);
    expect(oidcConfigProblems({ enabled: false, issuer: '', clientId: '', mappings: [] })).toEqual(
      [],
    );
  });
});
