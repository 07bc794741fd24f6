import { Type, type Static } from 'typebox';
import { RoleSchema } from '../auth/roles.ts';
import { AuditActionSchema, AuditQuerySchema } from '../audit/audit.schemas.ts';
import {
  ConsentLanguageSchema,
  ConsentPurposeSchema,
  ContactPreferenceSchema,
  FollowUpOutcomeSchema,
  ReferralServiceSchema,
} from '../encounters/participant.schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) =>
  Type.Union([s, Type.Null()]);

/** A participant code such as GRO-7KQ3: the only handle the privacy tools take. */
export const ParticipantCodeParamsSchema = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9]{1,6}-[0-9A-Z]{3,12}$', description: 'e.g. GRO-7KQ3' }),
});

/** Everything held about one participant (GDPR Art. 15 access, Art. 20 portability). */
export const SubjectExportSchema = Type.Object({
  generatedAt: Type.String(),
  subject: Type.Object({
    code: Type.String(),
    centre: Type.String(),
    alias: Nullable(Type.String()),
    languages: Type.Array(Type.String()),
    householdSize: Nullable(Type.Integer()),
    district: Type.String(),
    movedInAt: Nullable(Type.String()),
    contactPreference: ContactPreferenceSchema,
    notes: Nullable(Type.String()),
    createdAt: Type.String(),
  }),
  consents: Type.Array(
    Type.Object({
      purpose: ConsentPurposeSchema,
      givenOn: Type.String(),
      expiresOn: Type.String(),
      withdrawnOn: Nullable(Type.String()),
      language: ConsentLanguageSchema,
    }),
  ),
  encounters: Type.Array(
    Type.Object({
      date: Type.String(),
      startTime: Type.String(),
      durationMinutes: Type.Integer(),
      activity: Type.String(),
      centre: Type.String(),
    }),
  ),
  followUps: Type.Array(
    Type.Object({
      dueOn: Type.String(),
      reason: Type.String(),
      status: Type.String(),
      outcome: Nullable(FollowUpOutcomeSchema),
      closedOn: Nullable(Type.String()),
      attempts: Type.Array(
        Type.Object({
          attemptedOn: Type.String(),
          outcome: FollowUpOutcomeSchema,
          note: Nullable(Type.String()),
        }),
      ),
    }),
  ),
  referrals: Type.Array(
    Type.Object({
      service: ReferralServiceSchema,
      referredOn: Type.String(),
      note: Nullable(Type.String()),
    }),
  ),
  groups: Type.Array(Type.String()),
  transfers: Type.Array(
    Type.Object({
      on: Type.String(),
      from: Type.String(),
      to: Type.String(),
      reason: Type.String(),
    }),
  ),
  /**
   * Every audited read and write that showed or changed this person (Art. 15(1)(c)): when
   * (UTC and Göttingen time), who, what and in which screen or list.
   */
  accessLog: Type.Array(
    Type.Object({
      at: Type.String(),
      atLocal: Type.String({ description: 'Europe/Berlin, e.g. 04.12.2026, 13:45:12' }),
      action: AuditActionSchema,
      actionLabel: Type.String(),
      entityType: Type.String(),
      by: Type.String({ description: 'Staff member (display name) or "System"' }),
      screen: Type.String({ description: 'German label of the screen, list or export' }),
    }),
  ),
  /** The Art. 15(1)(a)–(h) information in German, with the configured contacts. */
  information: Type.Object({
    controller: Type.String(),
    dpo: Type.String(),
    purposes: Type.Array(Type.String()),
    legalBasis: Type.String(),
    categories: Type.Array(Type.String()),
    recipients: Type.String(),
    retention: Type.String(),
    source: Type.String(),
    rights: Type.String(),
    complaint: Type.String(),
    automatedDecision: Type.String(),
  }),
  /** The same information in the language the consent was explained in, where a text exists. */
  translation: Type.Object({
    language: ConsentLanguageSchema,
    languageName: Type.String(),
    available: Type.Boolean(),
    reviewed: Type.Boolean(),
    note: Nullable(Type.String()),
    lines: Type.Array(Type.String()),
  }),
});
export type SubjectExport = Static<typeof SubjectExportSchema>;

/** What an erasure removes; shown before the data-protection officer confirms. */
export const ErasurePreviewSchema = Type.Object({
  code: Type.String(),
  identityFields: Type.Array(Type.String(), { description: 'Identity fields that hold a value' }),
  consents: Type.Integer(),
  attendances: Type.Integer({ description: 'Named attendances that become anonymous counts' }),
  followUps: Type.Integer(),
  referrals: Type.Integer(),
  groupMemberships: Type.Integer(),
  transfers: Type.Integer(),
});
export type ErasurePreview = Static<typeof ErasurePreviewSchema>;

export const EraseBodySchema = Type.Object(
  {
    reason: Type.String({ minLength: 5, maxLength: 500 }),
    confirmCode: Type.String({ minLength: 1, maxLength: 20, description: 'Must repeat the code' }),
  },
  { additionalProperties: false },
);
export type EraseBody = Static<typeof EraseBodySchema>;

export const ErasureResultSchema = Type.Intersect([
  ErasurePreviewSchema,
  Type.Object({ erasedAt: Type.String() }),
]);
export type ErasureResult = Static<typeof ErasureResultSchema>;

/** Dry run of the participant retention rule: who would be erased today. */
export const RetentionPreviewSchema = Type.Object({
  asOf: Type.String(),
  retentionMonths: Type.Integer(),
  cutoff: Type.String({ description: 'Last contact before this date → identity erased' }),
  total: Type.Integer(),
  participants: Type.Array(
    Type.Object({ code: Type.String(), centreCode: Type.String(), lastContactOn: Type.String() }),
    { description: 'At most 200 listed' },
  ),
});
export type RetentionPreview = Static<typeof RetentionPreviewSchema>;

export const RetentionRunSchema = Type.Object({
  ranAt: Type.String(),
  expiredSessions: Type.Integer(),
  erasedParticipants: Type.Integer(),
  closedFollowUps: Type.Integer({ description: 'Outreach closed because consent lapsed' }),
});
export type RetentionRun = Static<typeof RetentionRunSchema>;

/** GDPR Art. 30 record of processing, generated from the schema, settings and row counts. */
export const PROCESSING_ACTIVITIES = [
  'participants',
  'encounters',
  'follow_ups',
  'staff_accounts',
  'audit_log',
] as const;
export type ProcessingActivity = (typeof PROCESSING_ACTIVITIES)[number];

export const RecordsOfProcessingSchema = Type.Object({
  generatedAt: Type.String(),
  activities: Type.Array(
    Type.Object({
      key: Type.String(),
      legalBasis: Type.String({ description: 'Key of the legal basis, e.g. art6_1e, art6_1a' }),
      fields: Type.Array(Type.String(), { description: 'Stored columns, from the live schema' }),
      rolesWithAccess: Type.Array(RoleSchema),
      retention: Type.Object({
        kind: Type.String({ description: 'months_after_last_contact, session_ttl, …' }),
        months: Nullable(Type.Integer()),
      }),
      rows: Type.Integer(),
    }),
  ),
  excludedCategories: Type.Array(Type.String(), {
    description:
      'Special categories the schema has no field for (privacy rule 1, docs/privacy-rules.md)',
  }),
});
export type RecordsOfProcessing = Static<typeof RecordsOfProcessingSchema>;

/** Reads of personal data per user and day; unusually many are flagged for review. */
export const READ_VOLUME_THRESHOLD = 200;
export const ReadVolumeQuerySchema = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 30 })),
});
export const ReadVolumeSchema = Type.Object({
  days: Type.Integer(),
  threshold: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      actorId: Nullable(Type.Integer()),
      actorEmail: Nullable(Type.String()),
      day: Type.String(),
      reads: Type.Integer(),
      flagged: Type.Boolean(),
    }),
  ),
});
export type ReadVolume = Static<typeof ReadVolumeSchema>;

export { AuditQuerySchema as AuditExportQuerySchema };

// Applicants -------------------------------------------------------------------------------

export const ApplicantSearchQuerySchema = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254, description: 'Exact, case-insensitive' }),
});
export const ApplicantMatchSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  vacancy: Type.String(),
  receivedOn: Type.String(),
  status: Type.String(),
  legalHold: Type.Boolean(),
  purgedAt: Nullable(Type.String()),
});
export type ApplicantMatch = Static<typeof ApplicantMatchSchema>;

/** Everything stored about one applicant (GDPR Art. 15/20), including the evaluation. */
export const ApplicantExportSchema = Type.Object({
  generatedAt: Type.String(),
  applicant: Type.Object({
    id: Type.Integer(),
    vacancy: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    receivedOn: Type.String(),
    severelyDisabled: Type.Boolean(),
    status: Type.String(),
    rejectionSentOn: Nullable(Type.String()),
    rejectionReceivedOn: Nullable(Type.String()),
    legalHold: Type.Boolean(),
    talentPoolUntil: Nullable(Type.String()),
    purgedAt: Nullable(Type.String()),
  }),
  documents: Type.Array(
    Type.Object({ filename: Type.String(), size: Type.Integer(), uploadedAt: Type.String() }),
  ),
  selfDisclosure: Nullable(
    Type.Object({
      migrationBackground: Type.String(),
      consentGivenAt: Type.String(),
      consentTextVersion: Type.String(),
    }),
  ),
  screening: Type.Array(
    Type.Object({ criterion: Type.String(), result: Type.String(), note: Type.String() }),
  ),
  scorecards: Type.Array(
    Type.Object({
      stage: Type.String(),
      revision: Type.Integer(),
      ratings: Type.Array(Type.Object({ criterion: Type.String(), score: Type.Integer() })),
      recommendation: Nullable(Type.String()),
      notes: Type.String(),
      submittedAt: Nullable(Type.String()),
    }),
  ),
  ranking: Nullable(Type.Object({ rank: Nullable(Type.Integer()), reason: Type.String() })),
  accessLog: Type.Array(
    Type.Object({ at: Type.String(), action: AuditActionSchema, entityType: Type.String() }),
  ),
});
export type ApplicantExport = Static<typeof ApplicantExportSchema>;

export const EraseApplicantBodySchema = Type.Object(
  {
    reason: Type.String({ minLength: 5, maxLength: 500 }),
    confirmId: Type.Integer({ minimum: 1, description: 'Must repeat the application id' }),
  },
  { additionalProperties: false },
);
export type EraseApplicantBody = Static<typeof EraseApplicantBodySchema>;

export const ApplicantErasureSchema = Type.Object({
  id: Type.Integer(),
  erasedAt: Type.String(),
  documents: Type.Integer(),
  selfDisclosure: Type.Boolean(),
});
