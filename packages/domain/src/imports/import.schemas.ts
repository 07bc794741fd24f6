import { Type, type Static } from 'typebox';
import { IdSchema } from '../common/pagination.ts';

/**
 * Import from the lists centres already keep (issue 16 part 1): a spreadsheet (.xlsx or .csv)
 * of participants or of past sessions, mapped column by column onto these fields.
 */
export const IMPORT_KINDS = ['participants', 'sessions'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const ImportKindSchema = Type.Enum(IMPORT_KINDS);

/**
 * Fields a participants list can fill. Consent: one set of dates for the listed purposes.
 * `code` is the person's code in the list's source (another centre's pseudonym): never stored,
 * it only tells apart people without an alias in the row key.
 */
export const PARTICIPANT_IMPORT_FIELDS = [
  'code',
  'alias',
  'languages',
  'householdSize',
  'district',
  'movedInAt',
  'consentPurposes',
  'consentGivenOn',
  'consentExpiresOn',
  'consentLanguage',
] as const;

/** Fields a sessions list can fill; attendees are participant codes of the centre. */
export const SESSION_IMPORT_FIELDS = [
  'date',
  'startTime',
  'activity',
  'durationMinutes',
  'newcomers',
  'host',
  'volunteers',
  'other',
  'attendeeCodes',
] as const;

export type ImportField =
  (typeof PARTICIPANT_IMPORT_FIELDS)[number] | (typeof SESSION_IMPORT_FIELDS)[number];

export const importFields = (kind: ImportKind): readonly ImportField[] =>
  kind === 'participants' ? PARTICIPANT_IMPORT_FIELDS : SESSION_IMPORT_FIELDS;

/** Fields a row must have a value for (a mapping must name a column for them). */
export const REQUIRED_IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  participants: [],
  sessions: ['date', 'activity'],
};

/**
 * Largest upload (bytes of the file, before base64) and most data rows per file. Every row runs
 * through the participant/encounter services inside one transaction, which on SQLite holds the
 * one connection: 2,000 participants with two consents each took 5–9 s here (2 cores), 1,000
 * about half that; a centre's list is rarely more than a few hundred rows.
 */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 1000;

/** Stable codes of row problems (German and English texts in the web catalogue). */
export const IMPORT_PROBLEM_CODES = [
  'MISSING_VALUE',
  'INVALID_DATE',
  'INVALID_TIME',
  'INVALID_NUMBER',
  'INVALID_VALUE',
  'DATE_IN_FUTURE',
  'UNKNOWN_PURPOSE',
  'UNKNOWN_CONSENT_LANGUAGE',
  'CONSENT_LANGUAGE_MISSING',
  'CONSENT_DATES_WITHOUT_PURPOSE',
  'INVALID_CONSENT_DATES',
  'POSSIBLE_DUPLICATE',
  'DUPLICATE_IN_FILE',
  'UNKNOWN_ACTIVITY',
  'UNKNOWN_PARTICIPANT',
  'CONSENT_REQUIRED',
  'ENCOUNTER_IN_FUTURE',
  'ENCOUNTER_BEFORE_CENTRE_OPENED',
  'DURATION_OUT_OF_RANGE',
  'HEADCOUNT_OUT_OF_RANGE',
  'EMPTY_ENCOUNTER',
  'CORRECTION_REASON_REQUIRED',
  'FORMULA_REFUSED',
  'REFUSED',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** Field → column header of the uploaded file (null or absent: not imported). */
export const ImportMappingSchema = Type.Record(
  Type.String({ pattern: '^[a-zA-Z]{1,40}$' }),
  Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  { description: 'Field → column header in the file (null: not imported)' },
);
export type ImportMapping = Record<string, string | null>;

export const ImportFileBodySchema = Type.Object(
  {
    centreId: Type.Integer({ minimum: 1 }),
    kind: ImportKindSchema,
    fileName: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Name of the uploaded file; .xlsx or .csv',
    }),
    content: Type.String({
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
      description: `The file's bytes, base64-encoded (at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB before encoding: 413 IMPORT_FILE_TOO_LARGE; a larger body 413 PAYLOAD_TOO_LARGE)`,
    }),
    mapping: Type.Optional(ImportMappingSchema),
    saveMapping: Type.Optional(
      Type.Boolean({ description: 'Save this mapping as the centre’s mapping for this kind' }),
    ),
  },
  { additionalProperties: false },
);
export type ImportFileBody = Static<typeof ImportFileBodySchema>;

export const RejectedRowsBodySchema = Type.Object(
  {
    ...ImportFileBodySchema.properties,
    lang: Type.Optional(Type.Enum(['de', 'en'] as const)),
  },
  { additionalProperties: false },
);
export type RejectedRowsBody = Static<typeof RejectedRowsBodySchema>;

export const ImportProblemSchema = Type.Object({
  code: Type.String({ description: 'One of IMPORT_PROBLEM_CODES' }),
  field: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()], {
    description: 'E.g. the codes of the probable duplicates or of attendees without consent',
  }),
});
export type ImportProblem = Static<typeof ImportProblemSchema>;

export const IMPORT_ROW_STATUSES = ['ok', 'problem', 'already_imported', 'imported'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export const ImportRowSchema = Type.Object({
  rowNumber: Type.Integer({ description: 'Row number in the file (the header is row 1)' }),
  status: Type.Enum(IMPORT_ROW_STATUSES),
  values: Type.Record(Type.String(), Type.String(), {
    description: 'Mapped fields as read from the file',
  }),
  problems: Type.Array(ImportProblemSchema),
});
export type ImportRow = Static<typeof ImportRowSchema>;

export const ImportCountsSchema = Type.Object({
  total: Type.Integer(),
  ok: Type.Integer({ description: 'Valid rows (preview: would be imported)' }),
  imported: Type.Integer({ description: 'Rows imported by this request (0 in a preview)' }),
  problems: Type.Integer(),
  alreadyImported: Type.Integer(),
});

export const ImportResultSchema = Type.Object({
  kind: ImportKindSchema,
  centreId: Type.Integer(),
  committed: Type.Boolean(),
  columns: Type.Array(Type.String(), { description: 'Column headers of the file' }),
  fields: Type.Array(Type.String(), { description: 'Fields this kind can import' }),
  mapping: ImportMappingSchema,
  mappingSource: Type.Enum(['request', 'saved', 'suggested'] as const),
  rows: Type.Array(ImportRowSchema),
  counts: ImportCountsSchema,
});
export type ImportResult = Static<typeof ImportResultSchema>;

export const ImportMappingQuerySchema = Type.Object({
  centreId: IdSchema(),
  kind: ImportKindSchema,
});

export const SavedImportMappingSchema = Type.Object({
  centreId: Type.Integer(),
  kind: ImportKindSchema,
  mapping: Type.Union([ImportMappingSchema, Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type SavedImportMapping = Static<typeof SavedImportMappingSchema>;
