import { pgTable, integer, text, index, boolean } from 'drizzle-orm/pg-core';
import { operators } from './operators.ts';
import { timestamps } from './columns.ts';

export const centres = pgTable(
  'centres',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    code: text('code').notNull().unique(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'restrict' }),
    address: text('address').notNull(),
    district: text('district').notNull(),
    openingHours: text('opening_hours').notNull().default(''),
    openedOn: text('opened_on'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('centres_operator_idx').on(t.operatorId)],
);
