import { sqliteTable, integer, text, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { isoNow } from './columns.ts';
import { users } from './users.ts';
import { centres } from './centres.ts';
import { participants, encounters } from './encounters.ts';

/** A centre's saved column mapping per import kind (JSON: field → column header). */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    mapping: text('mapping').notNull(),
    updatedAt: text('updated_at').notNull().default(isoNow),
    updatedById: integer('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.kind] })],
);

/**
 * Rows already imported, by row key (a hash of centre, kind and the normalised row), so that
 * importing the same file again changes nothing.
 */
export const importedRows = sqliteTable(
  'imported_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    rowKey: text('row_key').notNull(),
    /** The participant or encounter the row made; erasing a participant erases its key too. */
    participantId: integer('participant_id').references(() => participants.id, {
      onDelete: 'cascade',
    }),
    encounterId: integer('encounter_id').references(() => encounters.id, { onDelete: 'cascade' }),
    importedAt: text('imported_at').notNull().default(isoNow),
    importedById: integer('imported_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('imported_rows_key_unique').on(t.centreId, t.kind, t.rowKey)],
);
