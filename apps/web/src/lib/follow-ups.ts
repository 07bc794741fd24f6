import type {
  CloseFollowUpBody,
  CreateFollowUpBody,
  FollowUp,
  FollowUpAttemptBody,
  UpdateFollowUpBody,
} from '@begegnung/domain';
import { api } from './api-client.ts';

/**
 * Follow-up (outreach) task writes: one path for the participant screens and the out-of-view
 * list. Callers invalidate with `useInvalidateAfter()('participantData')`.
 */
export const followUpApi = {
  create: (body: CreateFollowUpBody) => api.post<FollowUp>('/follow-ups', body),
  attempt: (id: number, body: FollowUpAttemptBody) =>
    api.post<FollowUp>(`/follow-ups/${id}/attempts`, body),
  close: (id: number, body: CloseFollowUpBody) =>
    api.post<FollowUp>(`/follow-ups/${id}/close`, body),
  update: (id: number, body: UpdateFollowUpBody) => api.patch<FollowUp>(`/follow-ups/${id}`, body),
};
