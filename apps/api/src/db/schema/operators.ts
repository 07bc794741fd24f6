import { LEGAL_FORMS } from '@begegnung/domain';
import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns.ts';

export const operators = sqliteTable('operators', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  legalForm: text('legal_form', { enum: LEGAL_FORMS }).notNull(),
  ...timestamps,
});
