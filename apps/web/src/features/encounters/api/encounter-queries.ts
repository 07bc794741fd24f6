import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  ParticipantSort,
  Activity,
  CloseFollowUpBody,
  CorrectEncounterBody,
  CreateActivityBody,
  CreateEncounterBody,
  CreateParticipantBody,
  CreateReferralBody,
  Encounter,
  EncounterSummary,
  FollowUp,
  FollowUpAttemptBody,
  GiveConsentBody,
  Group,
  Participant,
  ParticipantSummary,
  PublishedPeriods,
  TimelineItem,
  TransferParticipantBody,
  UpdateActivityBody,
  UpdateFollowUpBody,
  UpdateParticipantBody,
  VoidEncounterBody,
} from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';
import { followUpApi } from '../../../lib/follow-ups.ts';
import { queryRoots, useInvalidateAfter } from '../../../lib/query-keys.ts';

/** Published quarters covering a centre: entries dated inside them need a correction reason. */
export const publishedPeriodsQuery = (centreId: number) =>
  queryOptions({
    queryKey: [...queryRoots.reporting, 'published-periods', centreId],
    queryFn: () => api.get<PublishedPeriods>(`/reporting/published-periods${qs({ centreId })}`),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** Whether a date lies in a quarter whose report is published for this centre. */
export function useInPublished(centreId: number, date: string) {
  const periods = useQuery(publishedPeriodsQuery(centreId));
  return periods.data?.periods.some((p) => p.from <= date && date <= p.to) ?? false;
}

type PageOf<T> = { items: T[]; total: number; limit: number; offset: number };

export interface ParticipantFilter {
  q?: string;
  centreId?: number;
  withConsent?: boolean;
  sort?: ParticipantSort;
  limit: number;
  offset: number;
}
export interface EncounterFilter {
  centreId?: number;
  from?: string;
  to?: string;
  includeVoided?: boolean;
  limit: number;
  offset: number;
}
export interface FollowUpFilter {
  status?: 'open' | 'closed';
  mine?: boolean;
  participantId?: number;
  limit: number;
  offset: number;
}

export const activityQueries = {
  all: () => queryRoots.activities,
  list: () =>
    queryOptions({
      queryKey: [...activityQueries.all(), 'list'],
      queryFn: () => api.get<Activity[]>('/activities'),
      staleTime: 10 * 60_000,
    }),
};

export const groupQueries = {
  all: () => queryRoots.groups,
  list: (centreId?: number) =>
    queryOptions({
      queryKey: [...groupQueries.all(), 'list', centreId ?? null],
      queryFn: () => api.get<Group[]>(`/groups${qs({ centreId })}`),
    }),
};

export const participantQueries = {
  all: () => queryRoots.participants,
  list: (f: ParticipantFilter) =>
    queryOptions({
      queryKey: [...participantQueries.all(), 'list', f],
      queryFn: () => api.get<PageOf<ParticipantSummary>>(`/participants${qs({ ...f })}`),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...participantQueries.all(), 'detail', id],
      queryFn: () => api.get<Participant>(`/participants/${id}`),
    }),
  timeline: (id: number) =>
    queryOptions({
      queryKey: [...participantQueries.all(), 'timeline', id],
      queryFn: () => api.get<TimelineItem[]>(`/participants/${id}/timeline`),
    }),
};

export const encounterQueries = {
  all: () => queryRoots.encounters,
  list: (f: EncounterFilter) =>
    queryOptions({
      queryKey: [...encounterQueries.all(), 'list', f],
      queryFn: () => api.get<PageOf<EncounterSummary>>(`/encounters${qs({ ...f })}`),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...encounterQueries.all(), 'detail', id],
      queryFn: () => api.get<Encounter>(`/encounters/${id}`),
    }),
};

export const followUpQueries = {
  all: () => queryRoots.followUps,
  list: (f: FollowUpFilter) =>
    queryOptions({
      queryKey: [...followUpQueries.all(), 'list', f],
      queryFn: () => api.get<PageOf<FollowUp>>(`/follow-ups${qs({ ...f })}`),
      placeholderData: keepPreviousData,
    }),
};

/** Invalidate everything a participant-related write may change (lists and figures). */
function useInvalidate() {
  const invalidate = useInvalidateAfter();
  return () => invalidate('participantData');
}

export function useCreateEncounter() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateEncounterBody) => api.post<Encounter>('/encounters', body),
    onSuccess: () => void invalidate(),
  });
}

export function useCorrectEncounter(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CorrectEncounterBody) => api.patch<Encounter>(`/encounters/${id}`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useVoidEncounter(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: VoidEncounterBody) => api.post<Encounter>(`/encounters/${id}/void`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useCreateParticipant() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateParticipantBody) => api.post<Participant>('/participants', body),
    onSuccess: () => void invalidate(),
  });
}

export function useUpdateParticipant(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: UpdateParticipantBody) =>
      api.patch<Participant>(`/participants/${id}`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useGiveConsent(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: GiveConsentBody) =>
      api.post<Participant>(`/participants/${id}/consents`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useWithdrawConsent(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (consentId: number) =>
      api.post<Participant>(`/participants/${id}/consents/${consentId}/withdraw`),
    onSuccess: () => void invalidate(),
  });
}

export function useTransferParticipant(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TransferParticipantBody) => api.post(`/participants/${id}/transfer`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useCreateReferral(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateReferralBody) => api.post(`/participants/${id}/referrals`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useCreateFollowUp() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: followUpApi.create,
    onSuccess: () => void invalidate(),
  });
}

export function useFollowUpActions(id: number) {
  const invalidate = useInvalidate();
  const opts = { onSuccess: () => void invalidate() };
  return {
    attempt: useMutation({
      mutationFn: (body: FollowUpAttemptBody) => followUpApi.attempt(id, body),
      ...opts,
    }),
    close: useMutation({
      mutationFn: (body: CloseFollowUpBody) => followUpApi.close(id, body),
      ...opts,
    }),
    update: useMutation({
      mutationFn: (body: UpdateFollowUpBody) => followUpApi.update(id, body),
      ...opts,
    }),
  };
}

export function useActivityMutations() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: activityQueries.all() });
  return {
    create: useMutation({
      mutationFn: (body: CreateActivityBody) => api.post<Activity>('/activities', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: UpdateActivityBody & { id: number }) =>
        api.patch<Activity>(`/activities/${id}`, body),
      onSuccess,
    }),
  };
}

/** A UUID per logging form; falls back to getRandomValues where randomUUID is missing (plain http). */
export function newRequestId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
