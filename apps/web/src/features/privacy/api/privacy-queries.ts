import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicantMatch,
  EraseApplicantBody,
  EraseBody,
  ErasurePreview,
  ErasureResult,
  RecordsOfProcessing,
  RetentionPreview,
  RetentionRun,
} from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';
import { queryRoots, useInvalidateAfter } from '../../../lib/query-keys.ts';

const enc = encodeURIComponent;

export const privacyQueries = {
  erasurePreview: (code: string) =>
    queryOptions({
      queryKey: [...queryRoots.privacy, 'erasure', code],
      queryFn: () => api.get<ErasurePreview>(`/privacy/participants/${enc(code)}/erasure`),
      retry: false,
    }),
  applicants: (email: string) =>
    queryOptions({
      queryKey: [...queryRoots.privacy, 'applicants', email],
      queryFn: () => api.get<ApplicantMatch[]>(`/privacy/applicants?email=${enc(email)}`),
      retry: false,
    }),
  retention: () =>
    queryOptions({
      queryKey: [...queryRoots.privacy, 'retention'],
      queryFn: () => api.get<RetentionPreview>('/privacy/retention'),
    }),
  records: () =>
    queryOptions({
      queryKey: [...queryRoots.privacy, 'records'],
      queryFn: () => api.get<RecordsOfProcessing>('/privacy/records'),
    }),
};

/** Download links (plain GETs with the session cookie; the browser saves the file). */
export const exportUrl = (code: string, format: 'json' | 'pdf') =>
  `/api/privacy/participants/${enc(code)}/export${format === 'pdf' ? '.pdf' : ''}`;

export function useErase(code: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: (body: EraseBody) =>
      api.post<ErasureResult>(`/privacy/participants/${enc(code)}/erase`, body),
    onSuccess: () => {
      qc.removeQueries({ queryKey: privacyQueries.erasurePreview(code).queryKey });
      void invalidate('erasure');
    },
  });
}

export function useRunRetention() {
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: () => api.post<RetentionRun>('/privacy/retention/run'),
    // Retention erases people and applicants: every list and figure they were in.
    onSuccess: () => void Promise.all([invalidate('erasure'), invalidate('applicantErasure')]),
  });
}

export const applicantExportUrl = (id: number, format: 'json' | 'pdf') =>
  `/api/privacy/applicants/${id}/export${format === 'pdf' ? '.pdf' : ''}`;

export function useEraseApplicant(email: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: ({ id, ...body }: EraseApplicantBody & { id: number }) =>
      api.post<{ id: number; documents: number }>(`/privacy/applicants/${id}/erase`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: privacyQueries.applicants(email).queryKey });
      void invalidate('applicantErasure');
    },
  });
}
