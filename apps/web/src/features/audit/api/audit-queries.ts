import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditEntry } from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export const auditQueries = {
  list: (f: AuditFilter) =>
    queryOptions({
      queryKey: ['audit', 'list', f],
      queryFn: () => api.get<{ items: AuditEntry[]; total: number }>(`/audit${qs({ ...f })}`),
      placeholderData: keepPreviousData,
    }),
};
