import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Corrections,
  PublishedReport,
  PublishReportBody,
  PrivacyNotice,
  UpdatePrivacyNoticeBody,
  Dashboard,
  FollowUp,
  FollowUpOutcome,
  OutOfView,
  Outreach,
  Settings,
  Staffing,
  StaffOption,
  UpdateSettingsBody,
} from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';

export interface PeriodFilter {
  from?: string;
  to?: string;
  centreId?: number;
}

export const reportingQueries = {
  all: () => ['reporting'] as const,
  dashboard: (f: PeriodFilter) =>
    queryOptions({
      queryKey: ['reporting', 'dashboard', f],
      queryFn: () => api.get<Dashboard>(`/reporting/dashboard${qs({ ...f })}`),
    }),
  outOfView: (centreId?: number) =>
    queryOptions({
      queryKey: ['reporting', 'out-of-view', centreId ?? null],
      queryFn: () => api.get<OutOfView>(`/reporting/out-of-view${qs({ centreId })}`),
    }),
  outreach: (f: PeriodFilter) =>
    queryOptions({
      queryKey: ['reporting', 'outreach', f],
      queryFn: () => api.get<Outreach>(`/reporting/outreach${qs({ ...f })}`),
    }),
  staffing: (f: { from?: string; to?: string; totalFte?: string }) =>
    queryOptions({
      queryKey: ['reporting', 'staffing', f],
      queryFn: () => api.get<Staffing>(`/reporting/staffing${qs({ ...f })}`),
    }),
  staff: (centreId: number) =>
    queryOptions({
      queryKey: ['reporting', 'staff', centreId],
      queryFn: () => api.get<StaffOption[]>(`/encounters/staff${qs({ centreId })}`),
      staleTime: 5 * 60_000,
    }),
  published: () =>
    queryOptions({
      queryKey: ['reporting', 'published'],
      queryFn: () => api.get<PublishedReport[]>('/reporting/published'),
    }),
  corrections: (centreId?: number) =>
    queryOptions({
      queryKey: ['reporting', 'corrections', centreId ?? null],
      queryFn: () => api.get<Corrections>(`/reporting/corrections${qs({ centreId })}`),
    }),
  settings: () =>
    queryOptions({ queryKey: ['settings'], queryFn: () => api.get<Settings>('/settings') }),
  privacyNotice: () =>
    queryOptions({
      queryKey: ['settings', 'privacy-notice'],
      queryFn: () => api.get<PrivacyNotice>('/settings/privacy-notice'),
    }),
};

export const reportUrl = (kind: 'pdf' | 'csv' | 'xlsx', f: PeriodFilter) =>
  `/api/reporting/report.${kind}${qs({ ...f })}`;

export const publishedUrl = (id: number, kind: 'pdf' | 'csv' | 'xlsx') =>
  `/api/reporting/published/${id}/report.${kind}`;

export function usePublishReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishReportBody) =>
      api.post<PublishedReport>('/reporting/published', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportingQueries.all() }),
  });
}

/** Outreach tasks go through the follow-ups API: one creation path for every screen. */
export function useCreateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      participantId: number;
      assigneeId: number;
      dueOn: string;
      reason: string;
    }) => api.post<FollowUp>('/follow-ups', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportingQueries.all() }),
  });
}

export function useRecordOutcome() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { taskId: number; outcome: FollowUpOutcome; close: boolean }) => {
      await api.post<FollowUp>(`/follow-ups/${v.taskId}/attempts`, { outcome: v.outcome });
      if (v.close)
        await api.post<FollowUp>(`/follow-ups/${v.taskId}/close`, { outcome: v.outcome });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: reportingQueries.all() }),
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSettingsBody) => api.patch<Settings>('/settings', body),
    onSuccess: (data) => {
      qc.setQueryData(['settings'], data);
      void qc.invalidateQueries({ queryKey: reportingQueries.all() });
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
