import { LEGAL_FORMS } from '@begegnung/domain';
import { pgTable, integer, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';

export const operators = pgTable('operators', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  legalForm: text('legal_form', { enum: LEGAL_FORMS }).notNull(),
  ...timestamps,
});
