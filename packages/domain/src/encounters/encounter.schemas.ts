import { Type, type Static } from 'typebox';
import { ApiErrorSchema } from '../common/errors.ts';
import { IdSchema, IsoDate, PaginationQuerySchema } from '../common/pagination.ts';
import { ConsentLanguageSchema } from './participant.schemas.ts';

/** Built-in activities; custom ones have `key: null` and only a name. */
export const ACTIVITY_KEYS = [
  'open_cafe',
  'language_cafe',
  'counselling',
  'accompaniment',
  'sport',
  'excursion',
  'womens_group',
  'homework_help',
  'parents_cafe',
] as const;
export type ActivityKey = (typeof ACTIVITY_KEYS)[number];

export const MAX_DURATION_MINUTES = 12 * 60;
/** A headcount above this is refused as implausible for a neighbourhood centre. */
export const MAX_HEADCOUNT = 150;
export const CORRECTION_WINDOW_DAYS = 14;

const Duration = Type.Integer({ description: 'Minutes' });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM' });

export const ActivitySchema = Type.Object({
  id: Type.Integer(),
  key: Type.Union([Type.Enum(ACTIVITY_KEYS), Type.Null()]),
  name: Type.String(),
  defaultDurationMinutes: Type.Integer(),
  recurring: Type.Boolean(),
  active: Type.Boolean(),
});
export type Activity = Static<typeof ActivitySchema>;

export const CreateActivityBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 80 }),
    defaultDurationMinutes: Type.Integer({ minimum: 5, maximum: MAX_DURATION_MINUTES }),
    recurring: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CreateActivityBody = Static<typeof CreateActivityBodySchema>;

export const UpdateActivityBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 80 })),
    defaultDurationMinutes: Type.Optional(
      Type.Integer({ minimum: 5, maximum: MAX_DURATION_MINUTES }),
    ),
    recurring: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateActivityBody = Static<typeof UpdateActivityBodySchema>;

// Recurring groups -----------------------------------------------------------------------

export const RosterMemberSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  alias: Type.Union([Type.String(), Type.Null()]),
  followUpConsent: Type.Boolean(),
});
export type RosterMember = Static<typeof RosterMemberSchema>;

export const GroupSchema = Type.Object({
  id: Type.Integer(),
  centreId: Type.Integer(),
  activityId: Type.Integer(),
  name: Type.String(),
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
    description: 'ISO weekdays, 1 = Monday',
  }),
  startTime: Type.String(),
  durationMinutes: Type.Integer(),
  active: Type.Boolean(),
  roster: Type.Array(RosterMemberSchema),
});
export type Group = Static<typeof GroupSchema>;

const Weekdays = Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
  minItems: 1,
  maxItems: 7,
  uniqueItems: true,
});
const MemberIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, uniqueItems: true });

export const CreateGroupBodySchema = Type.Object(
  {
    centreId: Type.Integer({ minimum: 1 }),
    activityId: Type.Integer({ minimum: 1 }),
    name: Type.String({ minLength: 2, maxLength: 80 }),
    weekdays: Weekdays,
    startTime: Time,
    durationMinutes: Type.Integer({ minimum: 5, maximum: MAX_DURATION_MINUTES }),
    memberIds: Type.Optional(MemberIds),
  },
  { additionalProperties: false },
);
export type CreateGroupBody = Static<typeof CreateGroupBodySchema>;

export const UpdateGroupBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 80 })),
    weekdays: Type.Optional(Weekdays),
    startTime: Type.Optional(Time),
    durationMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: MAX_DURATION_MINUTES })),
    active: Type.Optional(Type.Boolean()),
    memberIds: Type.Optional(MemberIds),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateGroupBody = Static<typeof UpdateGroupBodySchema>;

export const GroupListQuerySchema = Type.Object({
  centreId: Type.Optional(IdSchema()),
});

// Encounters ----------------------------------------------------------------------------

export const HeadcountsSchema = Type.Object(
  {
    newcomers: Type.Integer(),
    host: Type.Integer({ description: 'Host-society residents' }),
    volunteers: Type.Integer(),
    other: Type.Integer(),
  },
  { additionalProperties: false },
);
export type Headcounts = Static<typeof HeadcountsSchema>;
export const HEADCOUNT_GROUPS = ['newcomers', 'host', 'volunteers', 'other'] as const;

export const AttendeeSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  alias: Type.Union([Type.String(), Type.Null()]),
});

export const EncounterSchema = Type.Object({
  id: Type.Integer(),
  centreId: Type.Integer(),
  activityId: Type.Integer(),
  groupId: Type.Union([Type.Integer(), Type.Null()]),
  date: Type.String(),
  startTime: Type.String(),
  durationMinutes: Type.Integer(),
  headcounts: HeadcountsSchema,
  attendees: Type.Array(AttendeeSchema),
  staffIds: Type.Array(Type.Integer()),
  authorId: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  correctable: Type.Boolean({ description: 'The caller may still correct it (14-day window)' }),
  voidedAt: Type.Union([Type.String(), Type.Null()], {
    description: 'Cancelled entries are kept but left out of every figure',
  }),
  voidReason: Type.Union([Type.String(), Type.Null()]),
});
export type Encounter = Static<typeof EncounterSchema>;

export const EncounterSummarySchema = Type.Object({
  id: Type.Integer(),
  centreId: Type.Integer(),
  activityId: Type.Integer(),
  groupId: Type.Union([Type.Integer(), Type.Null()]),
  date: Type.String(),
  startTime: Type.String(),
  durationMinutes: Type.Integer(),
  headcounts: HeadcountsSchema,
  namedCount: Type.Integer(),
  voidedAt: Type.Union([Type.String(), Type.Null()]),
});
export type EncounterSummary = Static<typeof EncounterSummarySchema>;

/** A walk-in: recorded by name only with consent; otherwise counted as an anonymous newcomer. */
export const WalkInSchema = Type.Object(
  {
    alias: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    consentLanguage: Type.Optional(ConsentLanguageSchema),
  },
  { additionalProperties: false },
);
export type WalkIn = Static<typeof WalkInSchema>;

const encounterFields = {
  activityId: Type.Integer({ minimum: 1 }),
  date: IsoDate,
  startTime: Time,
  durationMinutes: Duration,
  headcounts: HeadcountsSchema,
  attendeeIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200, uniqueItems: true }),
  staffIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, uniqueItems: true }),
};

export const CreateEncounterBodySchema = Type.Object(
  {
    centreId: Type.Integer({ minimum: 1 }),
    groupId: Type.Optional(Type.Integer({ minimum: 1 })),
    ...encounterFields,
    staffIds: Type.Optional(encounterFields.staffIds),
    walkIns: Type.Optional(Type.Array(WalkInSchema, { maxItems: 50 })),
    clientRequestId: Type.String({
      pattern: '^[0-9a-fA-F-]{36}$',
      description: 'UUID generated per logging form; a repeat returns the first encounter',
    }),
    confirmDuplicate: Type.Optional(
      Type.Boolean({
        description:
          'Log it although the centre already has a session of this group/activity at this date and time',
      }),
    ),
    correctionReason: Type.Optional(
      Type.String({
        maxLength: 300,
        description:
          'Required (at least 3 characters) when the date lies in a quarter whose report is published (422 CORRECTION_REASON_REQUIRED otherwise); the entry is then listed as a correction since publication',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateEncounterBody = Static<typeof CreateEncounterBodySchema>;

export const CorrectEncounterBodySchema = Type.Object(
  {
    activityId: Type.Optional(encounterFields.activityId),
    date: Type.Optional(encounterFields.date),
    startTime: Type.Optional(encounterFields.startTime),
    durationMinutes: Type.Optional(encounterFields.durationMinutes),
    headcounts: Type.Optional(encounterFields.headcounts),
    attendeeIds: Type.Optional(encounterFields.attendeeIds),
    staffIds: Type.Optional(encounterFields.staffIds),
    reason: Type.String({ minLength: 3, maxLength: 300 }),
  },
  { additionalProperties: false },
);
export type CorrectEncounterBody = Static<typeof CorrectEncounterBodySchema>;

export const VoidEncounterBodySchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 300 }) },
  { additionalProperties: false },
);
export type VoidEncounterBody = Static<typeof VoidEncounterBodySchema>;

/** 409 POSSIBLE_DUPLICATE: the error body plus the session already logged for that slot. */
export const PossibleDuplicateErrorSchema = Type.Object(
  {
    ...ApiErrorSchema.properties,
    existing: Type.Optional(EncounterSummarySchema),
  },
  {
    description:
      'POSSIBLE_DUPLICATE with the existing entry (resend with confirmDuplicate: true), or another conflict (CONSENT_REQUIRED)',
  },
);
export type PossibleDuplicateError = Static<typeof PossibleDuplicateErrorSchema>;

export const EncounterListQuerySchema = Type.Intersect([
  PaginationQuerySchema,
  Type.Object({
    centreId: Type.Optional(IdSchema()),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    includeVoided: Type.Optional(
      Type.Boolean({ description: 'Also list cancelled entries (shown struck through)' }),
    ),
  }),
]);
export type EncounterListQuery = Static<typeof EncounterListQuerySchema>;

export const CentreQuerySchema = Type.Object({ centreId: IdSchema() });
