import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditChainReport, AuditEntry, ReadVolume } from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  user?: string;
  participantCode?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export const auditQueries = {
  list: (f: AuditFilter) =>
    queryOptions({
      queryKey: [...queryRoots.audit, 'list', f],
      queryFn: () => api.get<{ items: AuditEntry[]; total: number }>(`/audit${qs({ ...f })}`),
      placeholderData: keepPreviousData,
    }),
  /** Walks the whole hash chain on the server: only on request, never cached. */
  verify: () =>
    queryOptions({
      queryKey: [...queryRoots.audit, 'verify'],
      queryFn: () => api.get<AuditChainReport>('/audit/verify'),
      enabled: false,
      gcTime: 0,
    }),
  readVolume: (days: number) =>
    queryOptions({
      queryKey: [...queryRoots.audit, 'read-volume', days],
      queryFn: () => api.get<ReadVolume>(`/audit/read-volume?days=${days}`),
    }),
};

/** The CSV export of the current filter (paging ignored); a plain download link. */
export const auditCsvUrl = (f: AuditFilter) => {
  const { limit: _limit, offset: _offset, ...rest } = f;
  return `/api/audit/export.csv${qs({ ...rest })}`;
};
/** The same export as an Excel workbook. */
export const auditXlsxUrl = (f: AuditFilter) =>
  auditCsvUrl(f).replace('/export.csv', '/export.xlsx');
