import { Type, type Static } from 'typebox';
import { PaginationQuerySchema } from '../common/pagination.ts';

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
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditQuerySchema = Type.Intersect([
  PaginationQuerySchema,
  Type.Object({
    actorId: Type.Optional(Type.Integer({ minimum: 1 })),
    action: Type.Optional(AuditActionSchema),
    entityType: Type.Optional(Type.String({ maxLength: 60 })),
    entityId: Type.Optional(Type.String({ maxLength: 60 })),
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
