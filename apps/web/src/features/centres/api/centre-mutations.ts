import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Centre, CreateCentreBody, UpdateCentreBody } from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';
import { centreQueries, operatorQueries } from '../../../lib/reference-data.ts';

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: centreQueries.all() });
    void qc.invalidateQueries({ queryKey: operatorQueries.all() });
  };
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
