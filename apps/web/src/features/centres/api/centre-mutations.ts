import { useMutation } from '@tanstack/react-query';
import type { Centre, CreateCentreBody, UpdateCentreBody } from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';
import { useInvalidateAfter } from '../../../lib/query-keys.ts';

function useInvalidate() {
  const invalidate = useInvalidateAfter();
  return () => void invalidate('centres');
}

export function useCreateCentre() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateCentreBody) => api.post<Centre>('/centres', body),
    onSuccess: invalidate,
  });
}

export function useUpdateCentre(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: UpdateCentreBody) => api.patch<Centre>(`/centres/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteCentre(id: number) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => api.delete(`/centres/${id}`), onSuccess: invalidate });
}
