import { describe, expect, it } from 'vitest';
import { NAV_AREAS, NAV_SECTIONS, ROLES, navAreasFor, navSectionsFor } from './roles.ts';

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
