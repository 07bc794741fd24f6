import { queryOptions, useMutation } from '@tanstack/react-query';
import type {
  AllocationsBody,
  AssignmentList,
  CentreNeed,
  Comparison,
  CostAssumption,
  CreateAssignmentBody,
  CreateCostAssumptionBody,
  CreatePostBody,
  CreateScenarioBody,
  NeedsBody,
  Post,
  PostSummary,
  Scenario,
  ScenarioLinesBody,
  StatusChangeBody,
  UpdateCostAssumptionBody,
  UpdatePostBody,
  UpdateScenarioBody,
} from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';
import { queryRoots, useInvalidateAfter } from '../../../lib/query-keys.ts';

export interface ComparisonFilter {
  ids?: string;
  fromYear: number;
  toYear: number;
}

export const postQueries = {
  all: () => queryRoots.posts,
  list: () =>
    queryOptions({
      queryKey: [...queryRoots.posts, 'list'],
      queryFn: () => api.get<PostSummary[]>('/posts'),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...queryRoots.posts, 'detail', id],
      queryFn: () => api.get<Post>(`/posts/${id}`),
    }),
  assignments: (id: number) =>
    queryOptions({
      queryKey: [...queryRoots.posts, 'assignments', id],
      queryFn: () => api.get<AssignmentList>(`/posts/${id}/assignments`),
    }),
};

export const scenarioQueries = {
  all: () => queryRoots.scenarios,
  list: () =>
    queryOptions({
      queryKey: [...queryRoots.scenarios, 'list'],
      queryFn: () => api.get<Scenario[]>('/scenarios'),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...queryRoots.scenarios, 'detail', id],
      queryFn: () => api.get<Scenario>(`/scenarios/${id}`),
    }),
  comparison: (f: ComparisonFilter) =>
    queryOptions({
      queryKey: [...queryRoots.scenarios, 'comparison', f],
      queryFn: () => api.get<Comparison>(`/scenario-comparison${qs({ ...f })}`),
    }),
  needs: () =>
    queryOptions({
      queryKey: [...queryRoots.scenarios, 'needs'],
      queryFn: () => api.get<CentreNeed[]>('/staffing/needs'),
    }),
  costs: () =>
    queryOptions({
      queryKey: [...queryRoots.scenarios, 'costs'],
      queryFn: () => api.get<CostAssumption[]>('/cost-assumptions'),
    }),
};

export const comparisonCsvUrl = (f: ComparisonFilter) =>
  `/api/scenario-comparison.csv${qs({ ...f })}`;
export const comparisonXlsxUrl = (f: ComparisonFilter) =>
  `/api/scenario-comparison.xlsx${qs({ ...f })}`;

function useInvalidate() {
  const invalidate = useInvalidateAfter();
  return () => void invalidate('posts');
}

const useMut = <TBody, TResult>(fn: (body: TBody) => Promise<TResult>) => {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: fn, onSuccess: invalidate });
};

export const useCreatePost = () => useMut((b: CreatePostBody) => api.post<Post>('/posts', b));
export const useUpdatePost = (id: number) =>
  useMut((b: UpdatePostBody) => api.patch<Post>(`/posts/${id}`, b));
export const useChangeStatus = (id: number) =>
  useMut((b: StatusChangeBody) => api.post<Post>(`/posts/${id}/status`, b));
export const useSetAllocations = (id: number) =>
  useMut((b: AllocationsBody) => api.put<Post>(`/posts/${id}/allocations`, b));
export const useAddAssignment = (id: number) =>
  useMut((b: CreateAssignmentBody) => api.post<AssignmentList>(`/posts/${id}/assignments`, b));
export const useDeleteAssignment = (id: number) =>
  useMut((assignmentId: number) => api.delete(`/posts/${id}/assignments/${assignmentId}`));

export const useCreateScenario = () =>
  useMut((b: CreateScenarioBody) => api.post<Scenario>('/scenarios', b));
export const useUpdateScenario = (id: number) =>
  useMut((b: UpdateScenarioBody) => api.patch<Scenario>(`/scenarios/${id}`, b));
export const useDeleteScenario = (id: number) =>
  useMut((_: void) => api.delete(`/scenarios/${id}`));
export const useCopyScenario = () =>
  useMut((id: number) => api.post<Scenario>(`/scenarios/${id}/copy`, {}));
export const useSetLines = (id: number) =>
  useMut((b: ScenarioLinesBody) => api.put<Scenario>(`/scenarios/${id}/lines`, b));
export const useSetNeeds = () =>
  useMut((b: NeedsBody) => api.put<CentreNeed[]>('/staffing/needs', b));
export const useCreateCost = () =>
  useMut((b: CreateCostAssumptionBody) => api.post<CostAssumption>('/cost-assumptions', b));
export const useUpdateCost = () =>
  useMut(({ id, ...b }: UpdateCostAssumptionBody & { id: number }) =>
    api.patch<CostAssumption>(`/cost-assumptions/${id}`, b),
  );
