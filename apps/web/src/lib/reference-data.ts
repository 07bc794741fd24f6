import { queryOptions } from '@tanstack/react-query';
import {
  hasRole,
  type Actor,
  type Centre,
  type Operator,
  type StaffOption,
} from '@begegnung/domain';
import { api, qs } from './api-client.ts';
import { queryRoots } from './query-keys.ts';

/** Centres and operators: small reference lists every feature may read. */
export const centreQueries = {
  all: () => queryRoots.centres,
  list: () =>
    queryOptions({
      queryKey: [...centreQueries.all(), 'list'],
      queryFn: () => api.get<Centre[]>('/centres'),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...centreQueries.all(), 'detail', id],
      queryFn: () => api.get<Centre>(`/centres/${id}`),
    }),
};

export const operatorQueries = {
  all: () => queryRoots.operators,
  list: () =>
    queryOptions({
      queryKey: [...operatorQueries.all(), 'list'],
      queryFn: () => api.get<Operator[]>('/operators'),
    }),
};

/**
 * The staff of a centre who can take an outreach task or a follow-up (names and ids only). One
 * query for every screen that assigns work, so the list is fetched and cached once.
 */
export const staffQueries = {
  forCentre: (centreId: number) =>
    queryOptions({
      queryKey: [...queryRoots.encounters, 'staff', centreId],
      queryFn: () => api.get<StaffOption[]>(`/encounters/staff${qs({ centreId })}`),
      staleTime: 10 * 60_000,
    }),
};

type CentreViewer = Pick<Actor, 'roles' | 'centreIds'>;

/**
 * The centres a user may pick in a filter: all of them when `seesAll(user)` holds, otherwise
 * the user's own. The rule differs by screen (participant data: coordinators; published
 * figures: admins and coordinators), so the caller passes it.
 */
export function visibleCentres<C extends { id: number }>(
  user: CentreViewer,
  centres: readonly C[] | undefined,
  seesAll: (user: CentreViewer) => boolean,
): C[] {
  const list = centres ?? [];
  return seesAll(user) ? [...list] : list.filter((c) => user.centreIds.includes(c.id));
}

/** Participant data across all centres: coordinators (the rule of `canReadCentreData`). */
export const seesAllParticipantData = (user: CentreViewer) => hasRole(user, 'coordinator');
