import { Type } from 'typebox';
import { ApiErrorSchema, DomainError } from '@begegnung/domain';
import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../types.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, MALFORMED_JSON or a rule code)',
  401: 'Not signed in (UNAUTHENTICATED)',
  403: 'Not allowed (FORBIDDEN, CSRF_INVALID)',
  404: 'Not found, or not visible to you (NOT_FOUND)',
  409: 'Conflicts with existing data',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  429: 'Too many requests (RATE_LIMITED)',
};

/** Response schemas for the error statuses a route can answer with. */
export function errors(...statuses: number[]) {
  const out: Record<number, typeof ApiErrorSchema> = {};
  for (const s of [...statuses, 429]) {
    out[s] = Type.Object(ApiErrorSchema.properties, {
      description: ERROR_DESCRIPTIONS[s] ?? 'Error',
    });
  }
  return out;
}

const FILE_TYPES = {
  'application/pdf': 'PDF document',
  'text/csv': 'CSV file (semicolons, UTF-8 with BOM)',
  'text/markdown': 'Markdown document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    'Excel workbook (.xlsx): typed cells, one sheet per table',
} as const;

/** The 200 response of a file download, as the OpenAPI document shows it. */
export function fileResponse(type: keyof typeof FILE_TYPES) {
  const format =
    type === 'application/pdf' || type.startsWith('application/vnd.') ? { format: 'binary' } : {};
  return {
    200: {
      description: FILE_TYPES[type],
      content: { [type]: { schema: Type.Unsafe<Buffer | string>({ type: 'string', ...format }) } },
    },
  };
}

/** Build the service context for a signed-in request (routes run `authenticate` first). */
export function ctx(request: FastifyRequest): ServiceContext {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Please sign in', 401);
  return {
    db: request.server.db,
    actor: request.actor,
    ip: request.ip,
    notify: request.server.notifier,
  };
}
