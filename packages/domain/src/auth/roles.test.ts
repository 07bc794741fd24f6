import { describe, expect, it } from 'vitest';
import {
  NAV_AREAS,
  NAV_SECTIONS,
  ROLES,
  canReadNotes,
  navAreasFor,
  navSectionsFor,
} from './roles.ts';

describe('navigation sections', () => {
  it('place every area in exactly one section', () => {
    const placed = Object.values(NAV_SECTIONS).flat();
    expect([...placed].sort()).toEqual([...NAV_AREAS].sort());
  });

  it('keep exactly the areas of each role, without empty sections', () => {
    for (const role of ROLES) {
      const sections = navSectionsFor([role]);
      expect(sections.flatMap((s) => s.areas).sort()).toEqual(navAreasFor([role]).sort());
      expect(sections.every((s) => s.areas.length > 0)).toBe(true);
    }
  });
});

describe('canReadNotes (free-text notes, one rule for every route)', () => {
  it('lets only centre staff of the person’s centre read notes', () => {
    expect(canReadNotes({ roles: ['centre_staff'], centreIds: [1] }, 1)).toBe(true);
    expect(canReadNotes({ roles: ['centre_staff'], centreIds: [2] }, 1)).toBe(false);
    expect(canReadNotes({ roles: ['coordinator'], centreIds: [] }, 1)).toBe(false);
    expect(canReadNotes({ roles: ['coordinator', 'centre_staff'], centreIds: [1] }, 1)).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'centre_staff'))
      expect(canReadNotes({ roles: [role], centreIds: [1] }, 1)).toBe(false);
  });
});
