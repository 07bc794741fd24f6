import { Type, type Static } from 'typebox';

/**
 * Stable error codes. The web app branches on these, never on message text.
 * Add new codes here; the API error handler and the UI catalogues follow.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'ACCOUNT_LOCKED',
  'SESSION_EXPIRED',
  'CURRENT_PASSWORD_WRONG',
  'CSRF_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'EMAIL_TAKEN',
  'CENTRE_CODE_TAKEN',
  'OPERATOR_IN_USE',
  'CENTRE_IN_USE',
  'CENTRE_REQUIRED_FOR_STAFF',
  'UNKNOWN_CENTRE',
  'UNKNOWN_OPERATOR',
  'PASSWORD_TOO_WEAK',
  'CANNOT_DEACTIVATE_SELF',
  'LAST_ADMIN',
  'INVALID_FTE',
  'INVALID_SHARES',
  'SHARES_NOT_ONE',
  'ILLEGAL_STATUS_TRANSITION',
  'BUDGET_YEARS_ORDER',
  'DATES_ORDER',
  'POST_CODE_TAKEN',
  'OPERATOR_REQUIRED',
  'UNKNOWN_POST',
  'INVALID_OVERHEAD',
  'SCENARIO_NAME_TAKEN',
  'SCENARIO_OUTCOME_UNDOCUMENTED',
  // Participants and encounters
  'ENCOUNTER_IN_FUTURE',
  'ENCOUNTER_BEFORE_CENTRE_OPENED',
  'DURATION_OUT_OF_RANGE',
  'HEADCOUNT_OUT_OF_RANGE',
  'ATTENDEE_NOT_AT_CENTRE',
  'CONSENT_REQUIRED',
  'CORRECTION_WINDOW_CLOSED',
  'POSSIBLE_DUPLICATE',
  'EMPTY_ENCOUNTER',
  'ENCOUNTER_VOIDED',
  'UNKNOWN_ACTIVITY',
  'UNKNOWN_GROUP',
  'UNKNOWN_STAFF',
  'FOLLOW_UP_CLOSED',
  'CONSENT_ALREADY_WITHDRAWN',
  'INVALID_CONSENT_DATES',
  'SAME_CENTRE',
  'SOURCE_LANGUAGE',
  // Hiring
  'CRITERIA_FROZEN',
  'INVALID_CRITERIA',
  'VACANCY_NOT_DRAFT',
  'VACANCY_NOT_OPEN',
  'ABORT_REASON_REQUIRED',
  'UNKNOWN_MEMBER',
  'MEMBER_IS_APPLICANT',
  'UNKNOWN_CRITERION',
  'MUST_INVITE',
  'REASON_REQUIRED',
  'SCORE_OUT_OF_RANGE',
  'APPLICATION_NOT_IN_VACANCY',
  'CANDIDATE_NOT_INVITED',
  'SCORECARD_HIDDEN',
  'SCORECARD_LOCKED',
  'SCORECARD_NOT_SUBMITTED',
  'NOT_A_PDF',
  'FILE_TOO_LARGE',
  'REASONS_REQUIRED',
  'APPLICATION_PURGED',
  'PROTECTED_CRITERION',
  'SCORECARD_INCOMPLETE',
  'POST_NOT_APPROVED',
  'MIXED_EMPLOYERS',
  'BODY_NOT_RESPONSIBLE',
  // Reporting
  'PERIOD_INVALID',
  'PERIOD_TOO_LONG',
  'RATE_LIMITED',
  'CONFIRMATION_MISMATCH',
  'LEGAL_HOLD',
  'ALREADY_ERASED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  'UNKNOWN_PAY_GROUP',
  'NEED_SOURCE_REQUIRED',
  'CORRECTION_REASON_REQUIRED',
  'REPORT_ALREADY_PUBLISHED',
  'REPORT_PERIOD_NOT_QUARTER',
  'REPORT_PERIOD_NOT_OVER',
  // Single sign-on (OpenID Connect)
  'SSO_NOT_CONFIGURED',
  'SSO_REQUIRED',
  'SSO_NO_BREAK_GLASS',
  'SSO_FAILED',
  'SSO_NO_ACCESS',
  'SSO_ISSUER_INVALID',
  'SSO_SECRET_REQUIRED',
  // Import from spreadsheets
  'IMPORT_SENSITIVE_COLUMN',
  'IMPORT_FORMULA_REFUSED',
  'IMPORT_FILE_TOO_LARGE',
  'IMPORT_TOO_MANY_ROWS',
  'IMPORT_UNSUPPORTED_FILE',
  'IMPORT_UNREADABLE',
  'IMPORT_EMPTY',
  'IMPORT_HEADER_INVALID',
  'IMPORT_MAPPING_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorSchema = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable error code' }),
    message: Type.String({ description: 'Human-readable explanation (English)' }),
    details: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'JSON pointer or field name' }),
          code: Type.String(),
          message: Type.String(),
        }),
      ),
    ),
  },
  { description: 'Error body: one shape for every error' },
);
export type ApiError = Static<typeof ApiErrorSchema>;

/** A rule violation raised by services; the API error handler maps it to HTTP. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ApiError['details'];
  /** Further fields of the error body (e.g. `existing` for POSSIBLE_DUPLICATE). */
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    status = 400,
    details?: ApiError['details'],
    extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.extra = extra;
  }
}

/** One message for every 404, so a hidden object and a missing one answer the same. */
export const NOT_FOUND_MESSAGE = 'Not found, or not visible to you';

export const notFound = (_entity?: string) => new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE, 404);
export const forbidden = (message = 'You are not allowed to do this') =>
  new DomainError('FORBIDDEN', message, 403);
