/**
 * From a parsed row to the body the existing services take: the column mapping (saved,
 * suggested from the headings, or sent by the client), reading each mapped cell as its field's
 * type, and the row key that makes a re-import of the same row a no-op. Only the shape of a
 * value is checked here (a date that is no date, a number that is no number); every rule about
 * participants, consents and encounters stays in their services, which the import calls.
 */
import { createHash } from 'node:crypto';
import { Value } from 'typebox/value';
import {
  CONSENT_LANGUAGES,
  CONSENT_PURPOSES,
  CreateParticipantBodySchema,
  importFields,
  REQUIRED_IMPORT_FIELDS,
  type ConsentLanguage,
  type ConsentPurpose,
  type ImportField,
  type ImportKind,
  type ImportMapping,
  type ImportProblem,
} from '@begegnung/domain';

/** Lower case, umlauts folded, letters and digits only. */
export const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');

/** Headings recognised for each field (folded), German first. */
const SYNONYMS: Record<ImportField, string[]> = {
  code: [
    'codebisher',
    'bisherigercode',
    'code',
    'teilnehmendencode',
    'pseudonym',
    'kennung',
    'previouscode',
    'sourcecode',
  ],
  alias: ['alias', 'vorname', 'rufname', 'name', 'firstname', 'spitzname', 'aliasvorname'],
  languages: ['sprachen', 'sprache', 'languages', 'gesprochenesprachen'],
  householdSize: [
    'haushaltsgrosse',
    'haushaltsgroesse',
    'haushalt',
    'personenimhaushalt',
    'householdsize',
    'household',
  ],
  district: ['stadtteil', 'district', 'quartier', 'wohnviertel', 'viertel'],
  movedInAt: [
    'eingezogenam',
    'einzug',
    'einzugsdatum',
    'eigenewohnungseit',
    'eigenewohnung',
    'movedinat',
    'movedin',
    'eingezogen',
  ],
  consentPurposes: [
    'einwilligungen',
    'einwilligung',
    'einwilligungszwecke',
    'zwecke',
    'consentpurposes',
    'consents',
    'consent',
  ],
  consentGivenOn: [
    'einwilligungerteiltam',
    'erteiltam',
    'einwilligungvom',
    'consentgivenon',
    'consentgiven',
    'givenon',
  ],
  consentExpiresOn: [
    'einwilligunggultigbis',
    'einwilligunggueltigbis',
    'gultigbis',
    'gueltigbis',
    'einwilligungbis',
    'consentexpireson',
    'consentexpires',
    'expireson',
  ],
  consentLanguage: [
    'sprachederaufklarung',
    'aufklarungssprache',
    'einwilligungssprache',
    'aufgeklartin',
    'consentlanguage',
    'languageofconsent',
  ],
  date: ['datum', 'date', 'tag'],
  startTime: ['beginn', 'uhrzeit', 'startzeit', 'start', 'starttime', 'time', 'von'],
  activity: ['angebot', 'aktivitat', 'activity', 'veranstaltung', 'angebotsart'],
  durationMinutes: [
    'dauer',
    'dauerminuten',
    'dauerinminuten',
    'dauermin',
    'duration',
    'durationminutes',
    'minuten',
  ],
  newcomers: ['neuzugezogene', 'neuzugezogen', 'gefluchtete', 'newcomers', 'anzahlneuzugezogene'],
  host: [
    'aufnahmegesellschaft',
    'nachbarschaft',
    'anwohnende',
    'host',
    'hostsociety',
    'anzahlaufnahmegesellschaft',
  ],
  volunteers: ['ehrenamtliche', 'freiwillige', 'volunteers', 'anzahlehrenamtliche'],
  other: ['sonstige', 'andere', 'other', 'anzahlsonstige'],
  attendeeCodes: [
    'teilnehmende',
    'teilnehmendecodes',
    'namentlich',
    'codes',
    'attendees',
    'attendeecodes',
    'attendeescodes',
    'namentlichteilnehmende',
  ],
};

/** A mapping guessed from the headings: each field takes the first column whose heading matches. */
export function suggestMapping(kind: ImportKind, columns: readonly string[]): ImportMapping {
  const folded = columns.map(fold);
  const used = new Set<number>();
  const out: ImportMapping = {};
  for (const f of importFields(kind)) {
    const i = folded.findIndex((c, j) => !used.has(j) && SYNONYMS[f].includes(c));
    out[f] = i >= 0 ? columns[i]! : null;
    if (i >= 0) used.add(i);
  }
  return out;
}

/** A mapping's problems against the file: unknown fields, missing columns, a column used twice. */
export function mappingProblems(
  kind: ImportKind,
  mapping: ImportMapping,
  columns: readonly string[],
) {
  const fields = new Set<string>(importFields(kind));
  const out: { field: string; code: string; message: string }[] = [];
  const used = new Map<string, string>();
  for (const [field, column] of Object.entries(mapping)) {
    if (!fields.has(field))
      out.push({ field, code: 'unknown_field', message: `Unknown field ${field}` });
    if (column == null) continue;
    if (!columns.includes(column)) out.push({ field, code: 'unknown_column', message: column });
    if (used.has(column)) out.push({ field, code: 'column_twice', message: column });
    used.set(column, field);
  }
  for (const f of REQUIRED_IMPORT_FIELDS[kind]) {
    if (!mapping[f]) out.push({ field: f, code: 'required', message: `Map a column to ${f}` });
  }
  return out;
}

/** The complete mapping for this kind (every field present, null when not mapped). */
export const fullMapping = (kind: ImportKind, m: ImportMapping): ImportMapping =>
  Object.fromEntries(importFields(kind).map((f) => [f, m[f] ?? null]));

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-03-01`, `1.3.2026`, `01.03.26` (20xx), `01/03/2026`; null when no real date. */
export function readDate(s: string): string | null {
  let y: number, m: number, d: number;
  let g: RegExpMatchArray | null;
  if ((g = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/)))
    [y, m, d] = [+g[1]!, +g[2]!, +g[3]!];
  else if ((g = s.match(/^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/))) {
    [d, m, y] = [+g[1]!, +g[2]!, +g[3]!];
    if (y < 100) y += 2000;
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  if (y < 1900) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** `9:30`, `09:30`, `09:30:00`, `9.30` → `09:30`. */
export function readTime(s: string): string | null {
  const g = s.match(/^(\d{1,2})[:.](\d{2})(?::\d{2})?$/);
  if (!g || +g[1]! > 23 || +g[2]! > 59) return null;
  return `${pad(+g[1]!)}:${g[2]}`;
}

/** A whole number ≥ 0 (`3`, `3.0`, `3,0`). */
export function readCount(s: string): number | null {
  const g = s.match(/^(\d{1,6})(?:[.,]0+)?$/);
  return g ? Number(g[1]) : null;
}

const split = (s: string) =>
  s
    .split(/[,;/|\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const PURPOSE_WORDS: Record<string, ConsentPurpose> = {
  followupcontact: 'follow_up_contact',
  nachgehenderkontakt: 'follow_up_contact',
  nachgehendekontaktaufnahme: 'follow_up_contact',
  kontakt: 'follow_up_contact',
  kontaktaufnahme: 'follow_up_contact',
  namedstatistics: 'named_statistics',
  namentlichestatistik: 'named_statistics',
  statistik: 'named_statistics',
  photos: 'photos',
  fotos: 'photos',
};

const LANGUAGE_WORDS: Record<string, ConsentLanguage> = {
  deutsch: 'de',
  german: 'de',
  englisch: 'en',
  english: 'en',
  arabisch: 'ar',
  arabic: 'ar',
  dari: 'fa',
  farsi: 'fa',
  persisch: 'fa',
  persian: 'fa',
  darifarsi: 'fa',
  ukrainisch: 'uk',
  ukrainian: 'uk',
  turkisch: 'tr',
  turkish: 'tr',
  tigrinya: 'ti',
  tigrinisch: 'ti',
  kurdisch: 'ku',
  kurdish: 'ku',
};

export const readPurpose = (s: string): ConsentPurpose | null =>
  (CONSENT_PURPOSES as readonly string[]).includes(s.trim())
    ? (s.trim() as ConsentPurpose)
    : (PURPOSE_WORDS[fold(s)] ?? null);

export const readConsentLanguage = (s: string): ConsentLanguage | null =>
  (CONSENT_LANGUAGES as readonly string[]).includes(s.trim().toLowerCase())
    ? (s.trim().toLowerCase() as ConsentLanguage)
    : (LANGUAGE_WORDS[fold(s)] ?? null);

/** The mapped cells of one row, by field (unmapped fields absent). */
export function mappedValues(
  kind: ImportKind,
  mapping: ImportMapping,
  columns: readonly string[],
  cells: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of importFields(kind)) {
    const col = mapping[f];
    if (!col) continue;
    const i = columns.indexOf(col);
    if (i >= 0) out[f] = (cells[i] ?? '').trim();
  }
  return out;
}

const problem = (
  code: ImportProblem['code'],
  field: string | null,
  detail: string | null = null,
) => ({
  code,
  field,
  detail,
});

export interface ParticipantInput {
  code?: string;
  alias: string;
  languages: string[];
  householdSize?: number;
  district?: string;
  movedInAt?: string;
  consent: {
    purposes: ConsentPurpose[];
    givenOn?: string;
    expiresOn?: string;
    language?: ConsentLanguage;
  };
}

export function readParticipant(v: Record<string, string>) {
  const problems: ImportProblem[] = [];
  const alias = (v.alias ?? '').replace(/\s+/g, ' ').trim();
  const input: ParticipantInput = {
    ...(v.code ? { code: v.code.trim().toUpperCase() } : {}),
    alias,
    languages: split(v.languages ?? ''),
    consent: { purposes: [] },
  };
  if (v.householdSize) {
    const n = readCount(v.householdSize);
    if (n === null) problems.push(problem('INVALID_NUMBER', 'householdSize', v.householdSize));
    else input.householdSize = n;
  }
  if (v.district) input.district = v.district;
  if (v.movedInAt) {
    const d = readDate(v.movedInAt);
    if (!d) problems.push(problem('INVALID_DATE', 'movedInAt', v.movedInAt));
    else input.movedInAt = d;
  }
  for (const p of split(v.consentPurposes ?? '')) {
    const purpose = readPurpose(p);
    if (!purpose) problems.push(problem('UNKNOWN_PURPOSE', 'consentPurposes', p));
    else if (!input.consent.purposes.includes(purpose)) input.consent.purposes.push(purpose);
  }
  for (const f of ['consentGivenOn', 'consentExpiresOn'] as const) {
    if (!v[f]) continue;
    const d = readDate(v[f]);
    if (!d) problems.push(problem('INVALID_DATE', f, v[f]));
    else input.consent[f === 'consentGivenOn' ? 'givenOn' : 'expiresOn'] = d;
  }
  if (v.consentLanguage) {
    const l = readConsentLanguage(v.consentLanguage);
    if (!l)
      problems.push(problem('UNKNOWN_CONSENT_LANGUAGE', 'consentLanguage', v.consentLanguage));
    else input.consent.language = l;
  }
  const anyConsent = split(v.consentPurposes ?? '').length > 0;
  if (anyConsent && !v.consentLanguage)
    problems.push(problem('CONSENT_LANGUAGE_MISSING', 'consentLanguage'));
  if (!anyConsent && (v.consentGivenOn || v.consentExpiresOn))
    problems.push(problem('CONSENT_DATES_WITHOUT_PURPOSE', 'consentPurposes'));
  // The same shape the participants route checks its body against.
  const body = {
    centreId: 1,
    alias: input.alias || undefined,
    languages: input.languages,
    householdSize: input.householdSize,
    district: input.district,
    movedInAt: input.movedInAt,
  };
  const clean = JSON.parse(JSON.stringify(body)) as object;
  if (!Value.Check(CreateParticipantBodySchema, clean)) {
    const seen = new Set<string>();
    for (const e of Value.Errors(CreateParticipantBodySchema, clean)) {
      const field = e.instancePath.split('/')[1] ?? null;
      if (field && !seen.has(field) && !problems.some((p) => p.field === field)) {
        seen.add(field);
        problems.push(
          problem(
            field === 'householdSize' ? 'INVALID_NUMBER' : 'INVALID_VALUE',
            field,
            v[field] ?? null,
          ),
        );
      }
    }
  }
  return { input, problems };
}

export interface SessionInput {
  date: string;
  startTime: string;
  activity: string;
  durationMinutes?: number;
  headcounts: { newcomers: number; host: number; volunteers: number; other: number };
  attendeeCodes: string[];
}

export function readSession(v: Record<string, string>) {
  const problems: ImportProblem[] = [];
  const input: SessionInput = {
    date: '',
    startTime: '00:00',
    activity: (v.activity ?? '').trim(),
    headcounts: { newcomers: 0, host: 0, volunteers: 0, other: 0 },
    attendeeCodes: [],
  };
  if (!v.date) problems.push(problem('MISSING_VALUE', 'date'));
  else {
    const d = readDate(v.date);
    if (!d) problems.push(problem('INVALID_DATE', 'date', v.date));
    else input.date = d;
  }
  if (v.startTime) {
    const t = readTime(v.startTime);
    if (!t) problems.push(problem('INVALID_TIME', 'startTime', v.startTime));
    else input.startTime = t;
  }
  if (!input.activity) problems.push(problem('MISSING_VALUE', 'activity'));
  if (v.durationMinutes) {
    const n = readCount(v.durationMinutes);
    if (n === null) problems.push(problem('INVALID_NUMBER', 'durationMinutes', v.durationMinutes));
    else input.durationMinutes = n;
  }
  for (const f of ['newcomers', 'host', 'volunteers', 'other'] as const) {
    if (!v[f]) continue;
    const n = readCount(v[f]);
    if (n === null) problems.push(problem('INVALID_NUMBER', f, v[f]));
    else input.headcounts[f] = n;
  }
  input.attendeeCodes = [
    ...new Set(
      (v.attendeeCodes ?? '')
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
  return { input, problems };
}

/**
 * The row key: a hash of centre, kind and the row as read (normalised), so the same row in the
 * same or a later file is recognised; a changed row is a new row.
 */
export function rowKey(centreId: number, kind: ImportKind, input: ParticipantInput | SessionInput) {
  const norm =
    'alias' in input
      ? {
          ...input,
          alias: input.alias.toLowerCase(),
          languages: input.languages.map((l) => l.toLowerCase()).sort(),
          consent: { ...input.consent, purposes: [...input.consent.purposes].sort() },
        }
      : {
          ...input,
          activity: fold(input.activity),
          attendeeCodes: [...input.attendeeCodes].sort(),
        };
  return createHash('sha256')
    .update(`${kind}\u0000${centreId}\u0000${JSON.stringify(norm)}`)
    .digest('hex');
}

/** A UUID-shaped id from the row key: the encounter's clientRequestId, so a repeat is a no-op too. */
export const requestIdFromKey = (key: string) =>
  `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${key.slice(16, 20)}-${key.slice(20, 32)}`;
