import {
  localNow,
  type ConsentLanguage,
  type CreateEncounterBody,
  type Group,
  type Headcounts,
} from '@begegnung/domain';
import { newRequestId } from '../api/encounter-queries.ts';

export interface WalkInDraft {
  alias: string;
  consent: boolean;
  language: ConsentLanguage;
}

export interface NamedPerson {
  id: number;
  code: string;
  alias: string | null;
}

export interface Draft {
  requestId: string;
  groupId: number | null;
  activityId: number;
  date: string;
  startTime: string;
  durationMinutes: number;
  named: NamedPerson[];
  walkIns: WalkInDraft[];
  headcounts: Headcounts;
  confirmDuplicate: boolean;
  /** Asked for when the date lies in a quarter whose report is published. */
  correctionReason?: string;
}

export const EMPTY_COUNTS: Headcounts = { newcomers: 0, host: 0, volunteers: 0, other: 0 };

/** Session time: the group's start if it has begun, otherwise now (a session is never in the future). */
function sessionTime(groupStart: string | undefined) {
  const now = localNow();
  return groupStart && groupStart <= now.time ? groupStart : now.time;
}

/** A fresh entry. Nobody is ticked present: one careless tap must not record a whole roster. */
export function draftFor(group: Group | null, activityId: number, duration: number): Draft {
  return {
    requestId: newRequestId(),
    groupId: group?.id ?? null,
    activityId: group?.activityId ?? activityId,
    date: localNow().date,
    startTime: sessionTime(group?.startTime),
    durationMinutes: group?.durationMinutes ?? duration,
    named: [],
    walkIns: [],
    headcounts: { ...EMPTY_COUNTS },
    confirmDuplicate: false,
  };
}

export function bodyOf(d: Draft, centreId: number): CreateEncounterBody {
  return {
    centreId,
    groupId: d.groupId ?? undefined,
    activityId: d.activityId,
    date: d.date,
    startTime: d.startTime,
    durationMinutes: d.durationMinutes,
    headcounts: d.headcounts,
    attendeeIds: d.named.map((n) => n.id),
    walkIns: d.walkIns.map((w) => ({
      ...(w.alias.trim() ? { alias: w.alias.trim() } : {}),
      ...(w.consent ? { consentLanguage: w.language } : {}),
    })),
    clientRequestId: d.requestId,
    ...(d.confirmDuplicate ? { confirmDuplicate: true } : {}),
    ...(d.correctionReason?.trim() ? { correctionReason: d.correctionReason.trim() } : {}),
  };
}
