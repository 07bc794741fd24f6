import { Type, type Static } from 'typebox';
import { IdSchema, IsoDate, PaginationQuerySchema } from '../common/pagination.ts';

/** Purposes a participant can consent to (privacy rule 2, docs/privacy-rules.md). */
export const CONSENT_PURPOSES = ['follow_up_contact', 'named_statistics', 'photos'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const ConsentPurposeSchema = Type.Enum(CONSENT_PURPOSES);

/** Languages the consent is explained in; the printable sheet exists for each. */
export const CONSENT_LANGUAGES = ['de', 'en', 'ar', 'fa', 'uk', 'tr', 'ti', 'ku'] as const;
export type ConsentLanguage = (typeof CONSENT_LANGUAGES)[number];
export const ConsentLanguageSchema = Type.Enum(CONSENT_LANGUAGES);
/** Right-to-left scripts among them (Arabic, Dari/Farsi, Kurdish Sorani). */
export const RTL_LANGUAGES: readonly ConsentLanguage[] = ['ar', 'fa', 'ku'];

export const CONTACT_PREFERENCES = [
  'phone',
  'sms',
  'messenger',
  'in_person',
  'letter',
  'none',
] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];
export const ContactPreferenceSchema = Type.Enum(CONTACT_PREFERENCES);

export const FOLLOW_UP_OUTCOMES = [
  'reached',
  're_engaged',
  'moved_away',
  'declined',
  'unreachable',
] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const FollowUpOutcomeSchema = Type.Enum(FOLLOW_UP_OUTCOMES);

/** Why the system closed an outreach task by itself. */
export const FOLLOW_UP_STATUSES = ['open', 'closed'] as const;

export const FOLLOW_UP_CLOSED_REASONS = ['consent_withdrawn', 'consent_expired'] as const;
export type FollowUpClosedReason = (typeof FOLLOW_UP_CLOSED_REASONS)[number];

export const REFERRAL_SERVICES = [
  'counselling',
  'language_course',
  'job_centre',
  'health',
  'other',
] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];
export const ReferralServiceSchema = Type.Enum(REFERRAL_SERVICES);

const Alias = Type.String({ minLength: 1, maxLength: 60 });
const Notes = Type.String({
  maxLength: 1000,
  description:
    'No health, religion, nationality or other sensitive content (privacy rule 1, docs/privacy-rules.md)',
});
const Languages = Type.Array(Type.String({ minLength: 2, maxLength: 40 }), {
  maxItems: 8,
  uniqueItems: true,
});
const HouseholdSize = Type.Integer({ minimum: 1, maximum: 20 });

export const ConsentSchema = Type.Object({
  id: Type.Integer(),
  purpose: ConsentPurposeSchema,
  givenOn: Type.String(),
  expiresOn: Type.String(),
  withdrawnOn: Type.Union([Type.String(), Type.Null()]),
  language: ConsentLanguageSchema,
  explainedById: Type.Integer(),
  explainedByName: Type.String(),
  valid: Type.Boolean(),
});
export type Consent = Static<typeof ConsentSchema>;

export const ParticipantSummarySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: 'Generated pseudonym, e.g. GRO-7KQ3' }),
  alias: Type.Union([Type.String(), Type.Null()]),
  centreId: Type.Integer(),
  householdSize: Type.Union([Type.Integer(), Type.Null()]),
  movedInAt: Type.Union([Type.String(), Type.Null()]),
  lastSeenOn: Type.Union([Type.String(), Type.Null()]),
  followUpConsent: Type.Boolean({ description: 'Valid follow_up_contact consent today' }),
});
export type ParticipantSummary = Static<typeof ParticipantSummarySchema>;

export const ParticipantSchema = Type.Object({
  ...ParticipantSummarySchema.properties,
  languages: Type.Array(Type.String()),
  district: Type.String(),
  contactPreference: ContactPreferenceSchema,
  notes: Type.Union([Type.String(), Type.Null()], {
    description: 'Null unless canReadNotes (staff of the centre)',
  }),
  createdAt: Type.String(),
  consents: Type.Array(ConsentSchema),
});
export type Participant = Static<typeof ParticipantSchema>;

export const CreateParticipantBodySchema = Type.Object(
  {
    centreId: Type.Integer({ minimum: 1 }),
    alias: Type.Optional(Alias),
    languages: Type.Optional(Languages),
    householdSize: Type.Optional(HouseholdSize),
    district: Type.Optional(Type.String({ maxLength: 120 })),
    movedInAt: Type.Optional(IsoDate),
    contactPreference: Type.Optional(ContactPreferenceSchema),
    notes: Type.Optional(Notes),
    /** Set after the user saw the duplicate hint and still wants a new record. */
    confirmNotDuplicate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateParticipantBody = Static<typeof CreateParticipantBodySchema>;

export const UpdateParticipantBodySchema = Type.Object(
  {
    alias: Type.Optional(Type.Union([Alias, Type.Null()])),
    languages: Type.Optional(Languages),
    householdSize: Type.Optional(Type.Union([HouseholdSize, Type.Null()])),
    district: Type.Optional(Type.String({ maxLength: 120 })),
    movedInAt: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    contactPreference: Type.Optional(ContactPreferenceSchema),
    notes: Type.Optional(Type.Union([Notes, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateParticipantBody = Static<typeof UpdateParticipantBodySchema>;

export const TransferParticipantBodySchema = Type.Object(
  {
    centreId: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 3, maxLength: 300 }),
  },
  { additionalProperties: false },
);
export type TransferParticipantBody = Static<typeof TransferParticipantBodySchema>;

export const PARTICIPANT_SORTS = ['name', 'lastSeenDesc', 'lastSeenAsc', 'code'] as const;
export const ParticipantSortSchema = Type.Enum(PARTICIPANT_SORTS, {
  description:
    'Order: name (alias, else code; default), last seen newest or oldest first (never seen last), code',
});
export type ParticipantSort = (typeof PARTICIPANT_SORTS)[number];

export const ParticipantListQuerySchema = Type.Intersect([
  PaginationQuerySchema,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 60, description: 'Code or alias' })),
    centreId: Type.Optional(IdSchema()),
    withConsent: Type.Optional(Type.Boolean()),
    sort: Type.Optional(ParticipantSortSchema),
  }),
]);
export type ParticipantListQuery = Static<typeof ParticipantListQuerySchema>;

export const GiveConsentBodySchema = Type.Object(
  {
    purpose: ConsentPurposeSchema,
    givenOn: Type.Optional(IsoDate),
    expiresOn: Type.Optional(IsoDate),
    language: ConsentLanguageSchema,
  },
  { additionalProperties: false },
);
export type GiveConsentBody = Static<typeof GiveConsentBodySchema>;

export const ConsentParamsSchema = Type.Object({
  id: IdSchema(),
  consentId: IdSchema(),
});

// Follow-ups and referrals ---------------------------------------------------------------

export const FollowUpAttemptSchema = Type.Object({
  id: Type.Integer(),
  attemptedOn: Type.String(),
  outcome: FollowUpOutcomeSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  byName: Type.String(),
});
export type FollowUpAttempt = Static<typeof FollowUpAttemptSchema>;

export const FollowUpSchema = Type.Object({
  id: Type.Integer(),
  participantId: Type.Integer(),
  participantCode: Type.String(),
  participantAlias: Type.Union([Type.String(), Type.Null()]),
  centreId: Type.Integer(),
  assigneeId: Type.Integer(),
  assigneeName: Type.String(),
  dueOn: Type.String(),
  reason: Type.String(),
  status: Type.Enum(FOLLOW_UP_STATUSES),
  outcome: Type.Union([FollowUpOutcomeSchema, Type.Null()]),
  closedOn: Type.Union([Type.String(), Type.Null()]),
  /** Set when the system closed the task because consent lapsed; such a task is not actionable. */
  closedReason: Type.Union([Type.Enum(FOLLOW_UP_CLOSED_REASONS), Type.Null()]),
  attempts: Type.Array(FollowUpAttemptSchema),
});
export type FollowUp = Static<typeof FollowUpSchema>;

export const CreateFollowUpBodySchema = Type.Object(
  {
    participantId: Type.Integer({ minimum: 1 }),
    assigneeId: Type.Integer({ minimum: 1 }),
    dueOn: IsoDate,
    reason: Type.String({ minLength: 2, maxLength: 300 }),
  },
  { additionalProperties: false },
);
export type CreateFollowUpBody = Static<typeof CreateFollowUpBodySchema>;

export const UpdateFollowUpBodySchema = Type.Object(
  {
    assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
    dueOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFollowUpBody = Static<typeof UpdateFollowUpBodySchema>;

export const FollowUpAttemptBodySchema = Type.Object(
  {
    attemptedOn: Type.Optional(IsoDate),
    outcome: FollowUpOutcomeSchema,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type FollowUpAttemptBody = Static<typeof FollowUpAttemptBodySchema>;

export const CloseFollowUpBodySchema = Type.Object(
  { outcome: FollowUpOutcomeSchema },
  { additionalProperties: false },
);
export type CloseFollowUpBody = Static<typeof CloseFollowUpBodySchema>;

export const FollowUpListQuerySchema = Type.Intersect([
  PaginationQuerySchema,
  Type.Object({
    status: Type.Optional(Type.Enum(FOLLOW_UP_STATUSES)),
    mine: Type.Optional(Type.Boolean()),
    centreId: Type.Optional(IdSchema()),
    participantId: Type.Optional(IdSchema()),
  }),
]);
export type FollowUpListQuery = Static<typeof FollowUpListQuerySchema>;

export const ReferralSchema = Type.Object({
  id: Type.Integer(),
  participantId: Type.Integer(),
  service: ReferralServiceSchema,
  referredOn: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  byName: Type.String(),
});
export type Referral = Static<typeof ReferralSchema>;

export const CreateReferralBodySchema = Type.Object(
  {
    service: ReferralServiceSchema,
    referredOn: Type.Optional(IsoDate),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateReferralBody = Static<typeof CreateReferralBodySchema>;

export const TIMELINE_KINDS = [
  'encounter',
  'follow_up',
  'follow_up_attempt',
  'referral',
  'consent_given',
  'consent_withdrawn',
  'transfer',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineItemSchema = Type.Object({
  kind: Type.Enum(TIMELINE_KINDS),
  on: Type.String({ description: 'Date (YYYY-MM-DD)' }),
  refId: Type.Integer(),
  label: Type.String({ description: 'Short machine-ish label: activity key, outcome, purpose …' }),
  detail: Type.Union([Type.String(), Type.Null()]),
});
export type TimelineItem = Static<typeof TimelineItemSchema>;

export const StaffOptionSchema = Type.Object({
  id: Type.Integer(),
  displayName: Type.String(),
});
export type StaffOption = Static<typeof StaffOptionSchema>;
