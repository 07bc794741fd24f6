import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { activities, importedRows, importMappings, participants } from '../../db/tables.ts';

export async function findMapping(db: Db, centreId: number, kind: string) {
  return (
    await db
      .select()
      .from(importMappings)
      .where(and(eq(importMappings.centreId, centreId), eq(importMappings.kind, kind)))
      .limit(1)
  )[0];
}

export async function saveMapping(
  db: Db,
  row: { centreId: number; kind: string; mapping: string; updatedById: number },
) {
  await db
    .insert(importMappings)
    .values(row)
    .onConflictDoUpdate({
      target: [importMappings.centreId, importMappings.kind],
      set: {
        mapping: row.mapping,
        updatedById: row.updatedById,
        updatedAt: new Date().toISOString(),
      },
    });
}

/** Which of these row keys this centre already imported for this kind. */
export async function importedKeys(db: Db, centreId: number, kind: string, keys: string[]) {
  if (!keys.length) return new Set<string>();
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .select({ key: importedRows.rowKey })
      .from(importedRows)
      .where(
        and(
          eq(importedRows.centreId, centreId),
          eq(importedRows.kind, kind),
          inArray(importedRows.rowKey, keys.slice(i, i + 500)),
        ),
      );
    for (const r of rows) out.add(r.key);
  }
  return out;
}

export async function insertImportedRow(db: Db, row: typeof importedRows.$inferInsert) {
  await db.insert(importedRows).values(row);
}

export const allActivities = async (db: Db) =>
  await db
    .select({
      id: activities.id,
      key: activities.key,
      name: activities.name,
      active: activities.active,
      defaultDurationMinutes: activities.defaultDurationMinutes,
    })
    .from(activities);

/** Participant ids by code among this centre's participants. */
export async function participantsByCode(db: Db, centreId: number, codes: string[]) {
  if (!codes.length) return [];
  return await db
    .select({ id: participants.id, code: participants.code })
    .from(participants)
    .where(and(eq(participants.centreId, centreId), inArray(participants.code, codes)));
}

export async function codesOf(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .select({ id: participants.id, code: participants.code })
    .from(participants)
    .where(inArray(participants.id, ids));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** A centre's participants for the export, by alias (erased identities have none). */
export async function participantsOfCentre(db: Db, centreId: number) {
  return await db
    .select({
      id: participants.id,
      code: participants.code,
      alias: participants.alias,
      languages: participants.languages,
      householdSize: participants.householdSize,
      district: participants.district,
      movedInAt: participants.movedInAt,
    })
    .from(participants)
    .where(eq(participants.centreId, centreId))
    .orderBy(asc(participants.alias), asc(participants.id));
}
