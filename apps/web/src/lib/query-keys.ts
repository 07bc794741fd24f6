import { useQueryClient, type QueryClient } from '@tanstack/react-query';

/**
 * The root key of each area's cached data. A feature keys its own queries under its roots and
 * never spells out another feature's keys: what a write makes stale elsewhere is said once,
 * in `staleAfter`, and applied with `useInvalidateAfter`.
 */
export const queryRoots = {
  session: ['session'],
  centres: ['centres'],
  operators: ['operators'],
  activities: ['activities'],
  groups: ['groups'],
  participants: ['participants'],
  encounters: ['encounters'],
  followUps: ['follow-ups'],
  reporting: ['reporting'],
  settings: ['settings'],
  posts: ['posts'],
  scenarios: ['scenarios'],
  hiring: ['hiring'],
  users: ['users'],
  audit: ['audit'],
  privacy: ['privacy'],
} as const;
type Root = keyof typeof queryRoots;

/** Which cached areas a kind of write makes stale (lists, details and published figures). */
export const staleAfter = {
  /** Encounters, participants, consent, referrals, transfers and follow-up tasks. */
  participantData: ['participants', 'encounters', 'followUps', 'groups', 'reporting'],
  /** A person erased on request: gone from every list, figures recounted. */
  erasure: ['participants', 'encounters', 'followUps', 'reporting', 'privacy'],
  /** An applicant erased (on request or by retention): hiring lists and the privacy screens. */
  applicantErasure: ['privacy', 'hiring'],
  /** Programme settings (thresholds) change what the reporting screens show. */
  settings: ['settings', 'reporting'],
  /** A report published: published periods and corrections live under reporting. */
  publication: ['reporting'],
  /** Posts and their allocations feed scenarios and the comparison. */
  posts: ['posts', 'scenarios', 'reporting'],
  /** Centres and their operators appear in every filter and table. */
  centres: ['centres', 'operators'],
} as const satisfies Record<string, readonly Root[]>;

/** Marks everything stale that a kind of write changes; resolves when the refetches settle. */
export const invalidateAfter = (qc: QueryClient, what: keyof typeof staleAfter) =>
  Promise.all(staleAfter[what].map((root) => qc.invalidateQueries({ queryKey: queryRoots[root] })));

/** `invalidateAfter` bound to the app's query client. */
export function useInvalidateAfter() {
  const qc = useQueryClient();
  return (what: keyof typeof staleAfter) => invalidateAfter(qc, what);
}
