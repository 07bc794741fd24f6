import type { ApplicationStatus, VacancyStatus } from '@begegnung/domain';

type Tone = 'neutral' | 'success' | 'muted' | 'accent';

export const vacancyTone = (s: VacancyStatus): Tone =>
  s === 'published'
    ? 'success'
    : s === 'aborted'
      ? 'muted'
      : s === 'decided'
        ? 'accent'
        : 'neutral';

export const applicationTone = (s: ApplicationStatus): Tone =>
  s === 'hired' || s === 'offered'
    ? 'success'
    : s === 'rejected' || s === 'withdrawn'
      ? 'muted'
      : s === 'invited' || s === 'interviewed'
        ? 'accent'
        : 'neutral';
