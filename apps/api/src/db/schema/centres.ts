import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { operators } from './operators.ts';
import { timestamps } from './columns.ts';

export const centres = sqliteTable(
  'centres',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    code: text('code').notNull().unique(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'restrict' }),
    address: text('address').notNull(),
    district: text('district').notNull(),
    openingHours: text('opening_hours').notNull().default(''),
    openedOn: text('opened_on'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [index('centres_operator_idx').on(t.operatorId)],
);
