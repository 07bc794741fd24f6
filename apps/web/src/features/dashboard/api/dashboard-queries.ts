import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  OidcConfig,
  UpdateOidcConfigBody,
  Corrections,
  PublishedReport,
  PublishReportBody,
  PrivacyNotice,
  UpdatePrivacyNoticeBody,
  Dashboard,
  FollowUpOutcome,
  OutOfView,
  Outreach,
  Settings,
  Staffing,
  UpdateSettingsBody,
} from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';
import { followUpApi } from '../../../lib/follow-ups.ts';
import { queryRoots, useInvalidateAfter } from '../../../lib/query-keys.ts';
import { ssoStatusQuery } from '../../../lib/session.ts';

export interface PeriodFilter {
  from?: string;
  to?: string;
  centreId?: number;
}

export const reportingQueries = {
  all: () => queryRoots.reporting,
  dashboard: (f: PeriodFilter) =>
    queryOptions({
      queryKey: [...queryRoots.reporting, 'dashboard', f],
      queryFn: () => api.get<Dashboard>(`/reporting/dashboard${qs({ ...f })}`),
    }),
  outOfView: (centreId?: number) =>
    queryOptions({
      queryKey: [...queryRoots.reporting, 'out-of-view', centreId ?? null],
      queryFn: () => api.get<OutOfView>(`/reporting/out-of-view${qs({ centreId })}`),
    }),
  outreach: (f: PeriodFilter) =>
    queryOptions({
      queryKey: [...queryRoots.reporting, 'outreach', f],
      queryFn: () => api.get<Outreach>(`/reporting/outreach${qs({ ...f })}`),
    }),
  staffing: (f: { from?: string; to?: string; totalFte?: string }) =>
    queryOptions({
      queryKey: [...queryRoots.reporting, 'staffing', f],
      queryFn: () => api.get<Staffing>(`/reporting/staffing${qs({ ...f })}`),
    }),
  published: () =>
    queryOptions({
      queryKey: [...queryRoots.reporting, 'published'],
      queryFn: () => api.get<PublishedReport[]>('/reporting/published'),
    }),
  corrections: (centreId?: number) =>
    queryOptions({
      queryKey: [...queryRoots.reporting, 'corrections', centreId ?? null],
      queryFn: () => api.get<Corrections>(`/reporting/corrections${qs({ centreId })}`),
    }),
  settings: () =>
    queryOptions({ queryKey: queryRoots.settings, queryFn: () => api.get<Settings>('/settings') }),
  privacyNotice: () =>
    queryOptions({
      queryKey: [...queryRoots.settings, 'privacy-notice'],
      queryFn: () => api.get<PrivacyNotice>('/settings/privacy-notice'),
    }),
  sso: () =>
    queryOptions({
      queryKey: [...queryRoots.settings, 'sso'],
      queryFn: () => api.get<OidcConfig>('/settings/sso'),
    }),
};

export const reportUrl = (kind: 'pdf' | 'csv' | 'xlsx', f: PeriodFilter) =>
  `/api/reporting/report.${kind}${qs({ ...f })}`;

export const publishedUrl = (id: number, kind: 'pdf' | 'csv' | 'xlsx') =>
  `/api/reporting/published/${id}/report.${kind}`;

export function usePublishReport() {
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: (body: PublishReportBody) =>
      api.post<PublishedReport>('/reporting/published', body),
    onSuccess: () => invalidate('publication'),
  });
}

/**
 * Outreach tasks go through the shared follow-up writes (lib/follow-ups.ts): one path for every
 * screen, and the participant screens' task lists go stale with the figures.
 */
export function useCreateTask() {
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: followUpApi.create,
    onSuccess: () => invalidate('participantData'),
  });
}

export function useRecordOutcome() {
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: async (v: { taskId: number; outcome: FollowUpOutcome; close: boolean }) => {
      await followUpApi.attempt(v.taskId, { outcome: v.outcome });
      if (v.close) await followUpApi.close(v.taskId, { outcome: v.outcome });
    },
    onSettled: () => invalidate('participantData'),
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: (body: UpdateSettingsBody) => api.patch<Settings>('/settings', body),
    onSuccess: (data) => {
      qc.setQueryData(reportingQueries.settings().queryKey, data);
      void invalidate('settings');
    },
  });
}

export function useUpdateNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePrivacyNoticeBody) =>
      api.patch<PrivacyNotice>('/settings/privacy-notice', body),
    onSuccess: (data) => qc.setQueryData(reportingQueries.privacyNotice().queryKey, data),
  });
}

/** Single sign-on settings (admin); the sign-in page's SSO status follows. */
export function useUpdateSso() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOidcConfigBody) => api.put<OidcConfig>('/settings/sso', body),
    onSuccess: (data) => {
      qc.setQueryData(reportingQueries.sso().queryKey, data);
      void qc.invalidateQueries({ queryKey: ssoStatusQuery.queryKey });
    },
  });
}
