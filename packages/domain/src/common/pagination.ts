import { Type, type Static, type TSchema } from 'typebox';

export const MAX_PAGE_SIZE = 200;

export const PaginationQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
export type PaginationQuery = Static<typeof PaginationQuerySchema>;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

/**
 * The largest row id: PostgreSQL's `integer` (SQLite's rowid is wider; ids live in the
 * range both engines share).
 */
export const MAX_ID = 2_147_483_647;

/**
 * A row id in a route's path or query string: 1 … MAX_ID, so a wider number is refused with
 * 400 VALIDATION_FAILED on both engines before any query runs (PostgreSQL would otherwise
 * refuse it in the query, SQLite find nothing).
 */
export const IdSchema = () => Type.Integer({ minimum: 1, maximum: MAX_ID });

export const IdParamsSchema = Type.Object({ id: IdSchema() });
export type IdParams = Static<typeof IdParamsSchema>;

export const IsoDateTime = Type.String({ format: 'date-time' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const OkSchema = Type.Object({ ok: Type.Literal(true) });
