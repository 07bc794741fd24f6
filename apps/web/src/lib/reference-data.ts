import { queryOptions } from '@tanstack/react-query';
import { hasRole, type Actor, type Centre, type Operator } from '@begegnung/domain';
import { api } from './api-client.ts';
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
