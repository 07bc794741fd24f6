import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Application,
  ApplicationStatusBody,
  ApplicationSummary,
  CreateApplicationBody,
  CreateParticipationBody,
  CreateVacancyBody,
  CriterionInput,
  DecisionBody,
  MembersBody,
  PurgeResult,
  RetentionBody,
  Scorecard,
  ScorecardBody,
  ScorecardList,
  ScorecardRevisionBody,
  ScoreMatrix,
  ScreeningBody,
  SelectionRecord,
  SelfDisclosureBody,
  Vacancy,
  VacancyStatusBody,
  VacancySummary,
  CandidateUser,
  SelfDisclosure,
} from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

/** Users who may sit on a panel or an oversight body (the API's CandidateUser). */
export type EligibleMember = CandidateUser;
export type { SelfDisclosure };

export const hiringQueries = {
  all: () => queryRoots.hiring,
  vacancies: () =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'vacancies'],
      queryFn: () => api.get<VacancySummary[]>('/vacancies'),
    }),
  vacancy: (id: number) =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'vacancy', id],
      queryFn: () => api.get<Vacancy>(`/vacancies/${id}`),
    }),
  applications: (vacancyId: number) =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'applications', vacancyId],
      queryFn: () => api.get<ApplicationSummary[]>(`/vacancies/${vacancyId}/applications`),
    }),
  application: (id: number) =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'application', id],
      queryFn: () => api.get<Application>(`/applications/${id}`),
    }),
  scorecards: (applicationId: number) =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'scorecards', applicationId],
      queryFn: () => api.get<ScorecardList>(`/applications/${applicationId}/scorecards`),
    }),
  scoreMatrix: (vacancyId: number) =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'score-matrix', vacancyId],
      queryFn: () => api.get<ScoreMatrix>(`/vacancies/${vacancyId}/score-matrix`),
    }),
  selection: (vacancyId: number) =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'selection', vacancyId],
      queryFn: () => api.get<SelectionRecord>(`/vacancies/${vacancyId}/selection-record`),
    }),
  eligibleMembers: () =>
    queryOptions({
      queryKey: [...queryRoots.hiring, 'eligible-members'],
      queryFn: () => api.get<EligibleMember[]>('/vacancies/eligible-members'),
    }),
};

export const selectionPdfUrl = (id: number) => `/api/vacancies/${id}/selection-record.pdf`;
export const selectionMarkdownUrl = (id: number) => `/api/vacancies/${id}/selection-record.md`;
export const documentUrl = (applicationId: number, docId: number) =>
  `/api/applications/${applicationId}/documents/${docId}`;

/** Every hiring mutation refreshes the hiring queries (cheap, and never stale). */
function useHiringMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: hiringQueries.all() }),
  });
}

export const useCreateVacancy = () =>
  useHiringMutation((body: CreateVacancyBody) => api.post<Vacancy>('/vacancies', body));
export const useVacancyStatus = (id: number) =>
  useHiringMutation((body: VacancyStatusBody) =>
    api.post<Vacancy>(`/vacancies/${id}/status`, body),
  );
export const useReplaceCriteria = (id: number) =>
  useHiringMutation((criteria: CriterionInput[]) =>
    api.put<Vacancy>(`/vacancies/${id}/criteria`, { criteria }),
  );
export const useNewCriteriaVersion = (id: number) =>
  useHiringMutation((body: { reason: string; criteria: CriterionInput[] }) =>
    api.post<Vacancy>(`/vacancies/${id}/criteria-versions`, body),
  );
export const useSetMembers = (id: number) =>
  useHiringMutation((body: MembersBody) => api.put<Vacancy>(`/vacancies/${id}/members`, body));
export const useAddParticipation = (id: number) =>
  useHiringMutation((body: CreateParticipationBody) =>
    api.post<Vacancy>(`/vacancies/${id}/participations`, body),
  );
export const useCreateApplication = (vacancyId: number) =>
  useHiringMutation((body: CreateApplicationBody) =>
    api.post<Application>(`/vacancies/${vacancyId}/applications`, body),
  );
export const useApplicationStatus = (id: number) =>
  useHiringMutation((body: ApplicationStatusBody) =>
    api.post<Application>(`/applications/${id}/status`, body),
  );
export const useScreening = (id: number) =>
  useHiringMutation((body: ScreeningBody) =>
    api.put<Application>(`/applications/${id}/screening`, body),
  );
export const useRetention = (id: number) =>
  useHiringMutation((body: RetentionBody) =>
    api.patch<Application>(`/applications/${id}/retention`, body),
  );
export const useUploadDocument = (id: number) =>
  useHiringMutation((file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<Application>(`/applications/${id}/documents`, form);
  });
export const useRecordSelfDisclosure = (id: number) =>
  useHiringMutation((body: SelfDisclosureBody) =>
    api.put<{ ok: true }>(`/applications/${id}/self-disclosure`, body),
  );
export const useReadSelfDisclosure = (id: number) =>
  useMutation({
    mutationFn: (reason: string) =>
      api.post<SelfDisclosure>(`/applications/${id}/self-disclosure/read`, { reason }),
  });
export const useSaveScorecard = (vacancyId: number) =>
  useHiringMutation((body: ScorecardBody) =>
    api.post<Scorecard>(`/vacancies/${vacancyId}/scorecards`, body),
  );
export const useReviseScorecard = (cardId: number) =>
  useHiringMutation((body: ScorecardRevisionBody) =>
    api.post<Scorecard>(`/scorecards/${cardId}/revisions`, body),
  );
export const useDecision = (vacancyId: number) =>
  useHiringMutation((body: DecisionBody) =>
    api.put<SelectionRecord>(`/vacancies/${vacancyId}/decision`, body),
  );
export const usePurge = () =>
  useHiringMutation((dryRun: boolean) => api.post<PurgeResult>('/hiring/purge', { dryRun }));
