import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, User } from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';

export interface UserFilter {
  q?: string;
  role?: string;
  limit: number;
  offset: number;
}

export const userQueries = {
  all: () => ['users'] as const,
  list: (f: UserFilter) =>
    queryOptions({
      queryKey: [...userQueries.all(), 'list', f],
      queryFn: () => api.get<{ items: User[]; total: number }>(`/users${qs({ ...f })}`),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...userQueries.all(), 'detail', id],
      queryFn: () => api.get<User>(`/users/${id}`),
    }),
};

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>('/users', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: userQueries.all() }),
  });
}

export function useUpdateUser(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => api.patch<User>(`/users/${id}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: userQueries.all() }),
  });
}

export function useResetPassword(id: number) {
  return useMutation({
    mutationFn: (password: string) => api.post(`/users/${id}/password`, { password }),
  });
}
