import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateOperatorBody, Operator, UpdateOperatorBody } from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';
import { operatorQueries } from '../../../lib/reference-data.ts';

export function useSaveOperator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: CreateOperatorBody | UpdateOperatorBody }) =>
      id ? api.patch<Operator>(`/operators/${id}`, body) : api.post<Operator>('/operators', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: operatorQueries.all() }),
  });
}

export function useDeleteOperator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/operators/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: operatorQueries.all() }),
  });
}
