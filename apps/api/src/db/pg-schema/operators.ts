import { pgTable, integer, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';

export const operators = pgTable('operators', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  legalForm: text('legal_form', { enum: ['e_v', 'kaoer', 'ggmbh', 'city', 'other'] }).notNull(),
  ...timestamps,
});
