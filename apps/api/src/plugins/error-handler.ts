import fp from 'fastify-plugin';
import type { FastifyError, FastifyRequest } from 'fastify';
import { DomainError, NOT_FOUND_MESSAGE, type ApiError, type ErrorCode } from '@begegnung/domain';
import { DeniedError, denialAuditSkipped } from '../lib/denial.ts';
import { insertAudit } from '../modules/audit/audit.repository.ts';
import { dbErrorCode } from '../db/errors.ts';

interface Mapped {
  status: number;
  body: ApiError;
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: 'Body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: 'Body must not be empty',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'Body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: 'Content-Length does not match the body',
  },
};

const SQLITE_UNAVAILABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_LOCKED',
]);

/**
 * PostgreSQL SQLSTATEs that mean "the database cannot take this now", not "your input is
 * wrong": insufficient resources (class 53: disk full 53100, out of memory 53200, too many
 * connections 53300), a read-only server or transaction (25006, e.g. a standby after
 * fail-over), connection loss (class 08), shutdown (57P01-57P03), and serialization failures
 * and deadlocks (40001, 40P01) still failing after the transaction's one retry (db/pg-tx.ts).
 */
const PG_UNAVAILABLE = /^(53\d{3}|08\d{3}|57P0[123]|25006|40001|40P01)$/;
/** Node's own codes when the database server cannot be reached at all. */
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/** Integrity violations PostgreSQL reports (unique 23505, foreign key 23503, check 23514). */
const PG_CONFLICT = /^23\d{3}$/;
/**
 * A number the column type cannot hold (22003, e.g. an id of 99999999999999999999 compared with
 * an integer column) or cannot read (22P02). SQLite compares any number and finds no row; on
 * PostgreSQL the statement fails, which is the caller's input, not a server fault. Ids in a
 * route's path or query never get here (the domain's IdSchema caps them, a 400 on both engines);
 * this catches what is left, such as an id in a request body.
 */
const PG_OUT_OF_RANGE = new Set(['22003', '22P02']);

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  return 'VALIDATION_FAILED';
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/**
 * One detail per offending field. TypeBox reports missing and unknown properties on the
 * parent object (params.requiredProperties / additionalProperties), so name the fields
 * themselves, and drop its duplicate "schema is false" entry for each unknown property.
 */
const isBlank = (v: unknown) => typeof v === 'string' && v.trim() === '';
/** The value a JSON pointer such as `/name` or `/consents/0/language` points at in `input`. */
function valueAt(input: unknown, pointer: string | undefined): unknown {
  let at = input;
  for (const key of (pointer ?? '').split('/').slice(1)) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at;
}

function validationDetails(v: ValidationIssue, input: unknown): NonNullable<ApiError['details']> {
  const base = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const at = (name: string) => (base ? `${base}.${name}` : name);
  const params = (v.params ?? {}) as {
    requiredProperties?: string[];
    additionalProperties?: string[];
    missingProperty?: string;
    additionalProperty?: string;
  };
  if (v.keyword === 'boolean' && v.schemaPath?.endsWith('/additionalProperties')) return [];
  const missing =
    params.requiredProperties ?? (params.missingProperty ? [params.missingProperty] : []);
  if (v.keyword === 'required' && missing.length) {
    return missing.map((name) => ({ field: at(name), code: 'required', message: 'is required' }));
  }
  const extra =
    params.additionalProperties ?? (params.additionalProperty ? [params.additionalProperty] : []);
  if (v.keyword === 'additionalProperties' && Array.isArray(extra) && extra.length) {
    return extra.map((name) => ({
      field: at(name),
      code: 'additionalProperties',
      message: 'is not allowed',
    }));
  }
  // A required text sent empty (or only blanks) is missing, not "too short".
  if (v.keyword === 'minLength' && isBlank(valueAt(input, v.instancePath)))
    return [{ field: base || '(root)', code: 'required', message: 'is required' }];
  return [{ field: base || '(root)', code: v.keyword, message: v.message ?? 'invalid' }];
}

/** `input` is the part of the request that failed validation (body, query, params). */
export function mapError(error: FastifyError & { code?: string }, input?: unknown): Mapped {
  const mapped = mapAny(error, input);
  // One body for every 404: another centre's record and a missing one must look alike.
  if (mapped.status === 404)
    return { status: 404, body: { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE } };
  return mapped;
}

function mapAny(error: FastifyError & { code?: string }, input: unknown): Mapped {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      body: {
        code: error.code,
        message: error.message,
        ...(error.details && { details: error.details }),
        ...error.extra,
      },
    };
  }
  if (error.validation) {
    return {
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: `Invalid ${error.validationContext ?? 'input'}`,
        details: error.validation.flatMap((v) => validationDetails(v, input)),
      },
    };
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return { status: known.status, body: { code: known.code, message: known.message } };
  // drizzle wraps the driver's error (pg: always) in a DrizzleQueryError without a code.
  const dbCode = dbErrorCode(error);
  const sqliteCode = dbCode?.startsWith('SQLITE_') ? dbCode : undefined;
  if (sqliteCode) {
    const base = sqliteCode.split('_').slice(0, 2).join('_');
    if (SQLITE_UNAVAILABLE.has(base)) {
      return {
        status: 503,
        body: { code: 'SERVICE_UNAVAILABLE', message: 'Storage is unavailable; try again shortly' },
      };
    }
    if (base === 'SQLITE_CONSTRAINT') {
      return { status: 409, body: { code: 'CONFLICT', message: 'Conflicts with existing data' } };
    }
  }
  if (dbCode && (PG_UNAVAILABLE.test(dbCode) || NET_UNAVAILABLE.has(dbCode))) {
    return {
      status: 503,
      body: { code: 'SERVICE_UNAVAILABLE', message: 'Storage is unavailable; try again shortly' },
    };
  }
  if (dbCode && PG_OUT_OF_RANGE.has(dbCode) && !error.statusCode) {
    return {
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: 'A value is out of range for its field' },
    };
  }
  if (dbCode && PG_CONFLICT.test(dbCode) && !error.statusCode) {
    return { status: 409, body: { code: 'CONFLICT', message: 'Conflicts with existing data' } };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, body: { code: statusCode(status), message: error.message } };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
  };
}

const DENIALS = new Set([401, 403, 404]);

/**
 * Every denial an API route answers (401, 403 incl. CSRF, 404 for hidden or missing objects)
 * is audited here, in one place, after any transaction of the request rolled back. Unknown
 * routes are not (no object, and scanners would flood the log; they are rate limited instead).
 */
async function auditDenial(request: FastifyRequest, error: Error, status: number, code: string) {
  if (!DENIALS.has(status) || !request.url.startsWith('/api/')) return;
  if (denialAuditSkipped(error) || !request.routeOptions.url) return;
  const denied = error instanceof DeniedError ? error : null;
  try {
    await insertAudit(request.server.db, {
      actorId: request.actor?.userId ?? null,
      actorEmail: request.actor?.email ?? null,
      action: 'denied',
      entityType: denied?.entityType ?? 'route',
      entityId: denied ? denied.entityId : `${request.method} ${request.routeOptions.url}`,
      reason: denied?.reason ?? code,
      ip: request.ip,
    });
  } catch (err) {
    request.log.error({ err }, 'could not audit a denial');
  }
}

/** One error shape for every response: `{ code, message, details? }`; 5xx details masked. */
export const errorHandlerPlugin = fp(async (app) => {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const part = error.validationContext;
    const input =
      part === 'body'
        ? request.body
        : part === 'querystring'
          ? request.query
          : part === 'params'
            ? request.params
            : undefined;
    const { status, body } = mapError(error, input);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status }, 'request refused');
    await auditDenial(request, error, status, body.code);
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (status === 429 && headers) reply.headers(headers);
    return reply.code(status).send(body);
  });
});
