import { type AuditEntry, type AuditQuery } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import type { Db } from '../../db/client.ts';
import { flagUnusualReads, READ_VOLUME_THRESHOLD } from '@begegnung/domain';
import { csvDateTime, toCsv, type CsvValue } from '../../lib/csv.ts';
import { toXlsx } from '../../lib/xlsx.ts';
import { verifyChainInBatches } from '../../db/audit-chain.ts';
import { verifyChainPg } from '../../db/audit-chain-pg.ts';
import { onPg } from '../../db/engine.ts';
import {
  auditHead,
  auditLabels,
  dailyReads,
  exportAudit,
  insertAudit,
  pgQueryable,
  queryAudit,
  type AuditRecord,
} from './audit.repository.ts';
import { ACTION_DE, entityDe } from './audit.labels.ts';
import { requireRole } from '../access/access.ts';

type Entry = Omit<AuditRecord, 'actorId' | 'actorEmail' | 'ip'>;

export type { AuditRecord } from './audit.repository.ts';
/** Reads other modules need: failed sign-ins and known addresses (sign-in throttling). */
export { countFailedLogins, signedInFrom } from './audit.repository.ts';

/**
 * Record an action outside a request's context (sign-in, retention, the applicant purge):
 * the caller names the actor or the system. Runs inside the caller's transaction.
 */
export const auditAs = async (db: Db, record: AuditRecord) => await insertAudit(db, record);

/** Record what the actor did. Writes run inside the caller's transaction when there is one. */
export async function audit(ctx: ServiceContext, entry: Entry) {
  await insertAudit(ctx.db, {
    ...entry,
    actorId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
    ip: ctx.ip,
  });
}

type AuditRow = Awaited<ReturnType<typeof queryAudit>>['items'][number];
const numericId = (s: string | null) => (s && /^\d+$/.test(s) ? Number(s) : null);

/** Names and codes instead of database ids: actor names, participant and centre codes. */
async function present(ctx: ServiceContext, rows: AuditRow[]): Promise<AuditEntry[]> {
  const ofType = (t: string) =>
    rows.flatMap((r) =>
      r.entityType === t && numericId(r.entityId) ? [numericId(r.entityId)!] : [],
    );
  const labels = await auditLabels(ctx.db, {
    users: [...rows.flatMap((r) => (r.actorId ? [r.actorId] : [])), ...ofType('user')],
    participants: [...rows.flatMap((r) => r.subjects ?? []), ...ofType('participant')],
    centres: ofType('centre'),
  });
  const label = (r: AuditRow): string | null => {
    const id = numericId(r.entityId);
    if (id === null) return r.entityId;
    if (r.entityType === 'participant') return labels.participants.get(id) ?? null;
    if (r.entityType === 'user') return labels.users.get(id) ?? null;
    if (r.entityType === 'centre') return labels.centres.get(id) ?? null;
    return null;
  };
  return rows.map((r) => ({
    ...r,
    actorName: r.actorId ? (labels.users.get(r.actorId) ?? null) : null,
    subjects: (r.subjects ?? []).map((id) => ({ id, code: labels.participants.get(id) ?? null })),
    entityLabel: label(r),
  }));
}

export async function listAudit(ctx: ServiceContext, q: AuditQuery) {
  requireRole(ctx, 'audit_log', 'data_protection');
  const page = await queryAudit(ctx.db, q);
  return { ...page, items: await present(ctx, page.items) };
}

/** Rows in one export at most; narrow the filter for more. */
export const AUDIT_EXPORT_MAX = 100_000;

/** The export's rows and the chain head, built once for both writers (CSV and workbook). */
async function auditExport(ctx: ServiceContext, q: AuditQuery, format: 'csv' | 'xlsx') {
  requireRole(ctx, 'audit_log', 'data_protection');
  const rows = await exportAudit(ctx.db, q, AUDIT_EXPORT_MAX);
  await audit(ctx, {
    action: 'export',
    entityType: 'audit_log',
    entityId: null,
    reason: format === 'csv' ? `${rows.length} rows` : `${rows.length} rows (xlsx)`,
  });
  // The chain head at export time, for printing: a later rewrite of the log changes it.
  const head = await auditHead(ctx.db);
  const table: CsvValue[][] = [
    [
      'Zeit (Europe/Berlin)',
      'Benutzer',
      'E-Mail',
      'Aktion',
      'Objekt',
      'Objekt-Kennung',
      'Gezeigte Personen',
      'Felder',
      'Grund',
      'IP',
      'Prüfsumme',
    ],
    ...(await present(ctx, rows)).map((r, i) => [
      csvDateTime(r.at),
      r.actorName ?? (r.actorId ? `#${r.actorId}` : 'System'),
      r.actorEmail,
      ACTION_DE[r.action],
      entityDe(r.entityType),
      r.entityLabel ?? r.entityId,
      r.subjects.map((x) => x.code ?? `gelöscht (#${x.id})`).join(', '),
      r.changedFields?.join(', '),
      r.reason,
      r.ip,
      rows[i]!.hash,
    ]),
  ];
  const headRow: CsvValue[] = ['Kettenkopf (Stand des Exports)', head?.id, head?.at, head?.hash];
  return { table, headRow };
}

export async function auditCsv(ctx: ServiceContext, q: AuditQuery) {
  const { table, headRow } = await auditExport(ctx, q, 'csv');
  return toCsv([...table, [], headRow]);
}

/** The same export as a workbook: the entries on one sheet, the chain head on a second. */
export async function auditXlsx(ctx: ServiceContext, q: AuditQuery) {
  const { table, headRow } = await auditExport(ctx, q, 'xlsx');
  return toXlsx([
    { name: 'Protokoll', rows: table },
    { name: 'Kettenkopf', header: false, rows: [headRow] },
  ]);
}

/** Walks the hash chain (data_protection); the check itself is audited. */
export async function verifyAuditChain(ctx: ServiceContext) {
  requireRole(ctx, 'audit_log', 'data_protection');
  const report = onPg
    ? await verifyChainPg(pgQueryable(ctx.db))
    : await verifyChainInBatches(ctx.db.$client);
  await audit(ctx, {
    action: 'read',
    entityType: 'audit_chain',
    entityId: null,
    reason: report.ok
      ? `chain intact: ${report.rowsChecked} rows`
      : `chain broken at row ${report.problem!.rowId} (${report.problem!.kind})`,
  });
  return { ...report, checkedAt: new Date().toISOString() };
}

/** Reads of personal data per user and day over the last `days`, unusual days flagged. */
export async function readVolume(ctx: ServiceContext, days: number, now = new Date()) {
  requireRole(ctx, 'audit_log', 'data_protection');
  const from = new Date(now.getTime() - days * 86_400_000).toISOString();
  return {
    days,
    threshold: READ_VOLUME_THRESHOLD,
    rows: flagUnusualReads(await dailyReads(ctx.db, from)),
  };
}
