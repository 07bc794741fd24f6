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

export const IdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type IdParams = Static<typeof IdParamsSchema>;

export const IsoDateTime = Type.String({ format: 'date-time' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const OkSchema = Type.Object({ ok: Type.Literal(true) });
