import { queryOptions } from '@tanstack/react-query';
import type { Centre, Operator } from '@begegnung/domain';
import { api } from './api-client.ts';

/** Centres and operators: small reference lists every feature may read. */
export const centreQueries = {
  all: () => ['centres'] as const,
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
  all: () => ['operators'] as const,
  list: () =>
    queryOptions({
      queryKey: [...operatorQueries.all(), 'list'],
      queryFn: () => api.get<Operator[]>('/operators'),
    }),
};
