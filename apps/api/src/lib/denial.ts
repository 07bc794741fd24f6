import { DomainError, type ErrorCode } from '@begegnung/domain';

/**
 * A refusal that names what was refused. The error handler writes the audit row for every
 * 401, 403 and 404 an API route answers (after any transaction rolled back, so the row
 * survives); this class only lends it the object's type, id and a reason.
 */
export class DeniedError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    status: 401 | 403 | 404,
    readonly entityType: string,
    readonly entityId: string | number | null,
    readonly reason: string,
  ) {
    super(code, message, status);
  }
}

const skip = new WeakSet<object>();

/** Marks an error the error handler must not audit as a denial (already audited, or no denial). */
export function skipDenialAudit<E extends object>(error: E): E {
  skip.add(error);
  return error;
}

export const denialAuditSkipped = (error: object) => skip.has(error);
