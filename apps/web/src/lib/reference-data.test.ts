import { describe, expect, it } from 'vitest';
import { canSeeAllCentres } from '@begegnung/domain';
import { seesAllParticipantData, visibleCentres } from './reference-data.ts';

const centres = [
  { id: 1, name: 'Grone' },
  { id: 2, name: 'Holtenser Berg' },
  { id: 3, name: 'Weststadt' },
];
const ids = (cs: { id: number }[]) => cs.map((c) => c.id);

describe('visibleCentres', () => {
  it('gives everyone who sees all centres every centre', () => {
    const coordinator = { roles: ['coordinator'] as const, centreIds: [] };
    expect(ids(visibleCentres(coordinator, centres, canSeeAllCentres))).toEqual([1, 2, 3]);
    expect(ids(visibleCentres(coordinator, centres, seesAllParticipantData))).toEqual([1, 2, 3]);
  });

  it('gives centre staff only their own centres', () => {
    const staff = { roles: ['centre_staff'] as const, centreIds: [3, 1] };
    expect(ids(visibleCentres(staff, centres, canSeeAllCentres))).toEqual([1, 3]);
  });

  it('applies the rule it is given: an admin sees all published figures, no participant data', () => {
    const admin = { roles: ['admin'] as const, centreIds: [2] };
    expect(ids(visibleCentres(admin, centres, canSeeAllCentres))).toEqual([1, 2, 3]);
    expect(ids(visibleCentres(admin, centres, seesAllParticipantData))).toEqual([2]);
  });

  it('is empty while the centres are still loading', () => {
    expect(
      visibleCentres({ roles: ['coordinator'], centreIds: [] }, undefined, canSeeAllCentres),
    ).toEqual([]);
  });
});
