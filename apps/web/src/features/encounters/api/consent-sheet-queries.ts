import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsentLanguage, ConsentSheetInfo } from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';

/** Contacts, retention and reviewed flags the printable consent sheet fills in. */
export const consentSheetQueries = {
  all: () => ['consent-sheet'] as const,
  info: () =>
    queryOptions({
      queryKey: [...consentSheetQueries.all(), 'info'],
      queryFn: () => api.get<ConsentSheetInfo>('/consent-sheet'),
      staleTime: 5 * 60_000,
    }),
};

/** Admin: mark a translation reviewed (the on-screen banner disappears) or not. */
export function useSetReviewed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { language: ConsentLanguage; reviewed: boolean }) =>
      api.put<ConsentSheetInfo>(`/consent-sheet/reviews/${v.language}`, {
        reviewed: v.reviewed,
      }),
    onSuccess: (info) => qc.setQueryData(consentSheetQueries.info().queryKey, info),
  });
}
