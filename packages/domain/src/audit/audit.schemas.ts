import { Type, type Static } from 'typebox';
import { IdSchema, PaginationQuerySchema } from '../common/pagination.ts';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'read',
  'export',
  'login',
  'login_failed',
  'logout',
  'denied',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AuditActionSchema = Type.Enum(AUDIT_ACTIONS);

/** Object types the audit log names; every one has a German label (catalogue test). */
export const AUDIT_ENTITY_TYPES = [
  'activity',
  'application',
  'application_document',
  'application_retention',
  'audit_log',
  'centre',
  'centre_need',
  'consent',
  'consent_text',
  'cost_assumption',
  'criteria_set',
  'encounter',
  'follow_up',
  'follow_up_attempt',
  'group',
  'import',
  'import_mapping',
  'operator',
  'participant',
  'participation',
  'post',
  'privacy',
  'privacy_notice',
  'records_of_processing',
  'referral',
  'reminder_settings',
  'report',
  'retention',
  'scenario',
  'scenario_comparison',
  'scorecard',
  'screening_result',
  'selection_record',
  'self_disclosure',
  'session',
  'settings',
  'sso_settings',
  'staffing',
  'user',
  'vacancy',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  action: AuditActionSchema,
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  changedFields: Type.Union([Type.Array(Type.String()), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  /** Display name of the acting user (null for the system or an unknown email). */
  actorName: Type.Union([Type.String(), Type.Null()]),
  /** The participants this row showed or changed, by pseudonymous code (null once erased). */
  subjects: Type.Array(
    Type.Object({ id: Type.Integer(), code: Type.Union([Type.String(), Type.Null()]) }),
  ),
  /** Readable handle of the object, e.g. a participant code instead of its database id. */
  entityLabel: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditQuerySchema = Type.Intersect([
  PaginationQuerySchema,
  Type.Object({
    actorId: Type.Optional(IdSchema()),
    action: Type.Optional(AuditActionSchema),
    entityType: Type.Optional(Type.String({ maxLength: 60 })),
    entityId: Type.Optional(Type.String({ maxLength: 60 })),
    /** A user: part of the email or display name. */
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    /** Every row that showed or changed this participant, e.g. GRO-7KQ3. */
    participantCode: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9]{1,6}-[0-9A-Za-z]{3,12}$', maxLength: 20 }),
    ),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
  }),
]);
export type AuditQuery = Static<typeof AuditQuerySchema>;

/** Which top-level fields differ between two snapshots: recorded for updates. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

export const AUDIT_CHAIN_PROBLEMS = [
  'missing',
  'unsealed',
  'broken_link',
  'altered',
  'reordered',
] as const;
export type AuditChainProblemKind = (typeof AUDIT_CHAIN_PROBLEMS)[number];

const ChainHeadSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  hash: Type.Union([Type.String(), Type.Null()]),
});

/** Result of walking the audit log's hash chain (GET /api/audit/verify, npm run audit:verify). */
export const AuditChainReportSchema = Type.Object({
  ok: Type.Boolean(),
  rowsChecked: Type.Integer({ description: 'Rows found intact before the first problem' }),
  head: Type.Union([ChainHeadSchema, Type.Null()], {
    description: 'Last intact row: print or store its hash to detect a later rewrite',
  }),
  problem: Type.Union([
    Type.Object({
      kind: Type.Enum(AUDIT_CHAIN_PROBLEMS),
      rowId: Type.Integer({ description: 'The first row where the chain no longer holds' }),
      message: Type.String(),
    }),
    Type.Null(),
  ]),
  checkedAt: Type.String(),
});
export type AuditChainReport = Static<typeof AuditChainReportSchema>;
