/**
 * Reasons written into the download of rejected rows, in the language of the staff UI (the
 * screens take the same texts from the web catalogue, keyed by the same codes).
 */
import type { ImportProblem, ImportProblemCode } from '@begegnung/domain';

type Lang = 'de' | 'en';

const TEXTS: Record<ImportProblemCode, Record<Lang, string>> = {
  MISSING_VALUE: { de: 'Pflichtangabe fehlt', en: 'Required value missing' },
  INVALID_DATE: { de: 'Kein gültiges Datum (TT.MM.JJJJ)', en: 'Not a valid date (DD.MM.YYYY)' },
  INVALID_TIME: { de: 'Keine gültige Uhrzeit (HH:MM)', en: 'Not a valid time (HH:MM)' },
  INVALID_NUMBER: { de: 'Keine gültige Zahl', en: 'Not a valid number' },
  INVALID_VALUE: { de: 'Ungültiger Wert', en: 'Invalid value' },
  DATE_IN_FUTURE: { de: 'Datum liegt in der Zukunft', en: 'Date lies in the future' },
  UNKNOWN_PURPOSE: { de: 'Unbekannter Einwilligungszweck', en: 'Unknown consent purpose' },
  UNKNOWN_CONSENT_LANGUAGE: {
    de: 'Unbekannte Sprache der Aufklärung',
    en: 'Unknown language of the consent explanation',
  },
  CONSENT_LANGUAGE_MISSING: {
    de: 'Einwilligung ohne Sprache der Aufklärung',
    en: 'Consent without the language it was explained in',
  },
  CONSENT_DATES_WITHOUT_PURPOSE: {
    de: 'Einwilligungsdaten ohne Zweck',
    en: 'Consent dates without a purpose',
  },
  INVALID_CONSENT_DATES: {
    de: 'Einwilligungsdaten unstimmig (erteilt spätestens heute, gültig höchstens 36 Monate)',
    en: 'Consent dates do not fit (given today or earlier, valid at most 36 months)',
  },
  POSSIBLE_DUPLICATE: { de: 'Wahrscheinlich schon erfasst', en: 'Probably already recorded' },
  DUPLICATE_IN_FILE: { de: 'Doppelt in der Datei', en: 'Twice in the file' },
  UNKNOWN_ACTIVITY: { de: 'Unbekanntes Angebot', en: 'Unknown activity' },
  UNKNOWN_PARTICIPANT: {
    de: 'Unbekannter Teilnehmenden-Code in diesem Zentrum',
    en: 'Unknown participant code at this centre',
  },
  CONSENT_REQUIRED: {
    de: 'Namentlich genannt ohne gültige Einwilligung',
    en: 'Named without valid consent',
  },
  ENCOUNTER_IN_FUTURE: { de: 'Termin liegt in der Zukunft', en: 'Session lies in the future' },
  ENCOUNTER_BEFORE_CENTRE_OPENED: {
    de: 'Termin vor Eröffnung des Zentrums',
    en: 'Session before the centre opened',
  },
  DURATION_OUT_OF_RANGE: {
    de: 'Dauer außerhalb des zulässigen Bereichs',
    en: 'Duration out of range',
  },
  HEADCOUNT_OUT_OF_RANGE: {
    de: 'Anzahl außerhalb des zulässigen Bereichs',
    en: 'Headcount out of range',
  },
  EMPTY_ENCOUNTER: { de: 'Niemand erfasst', en: 'Nobody recorded' },
  CORRECTION_REASON_REQUIRED: {
    de: 'Quartal schon veröffentlicht: bitte einzeln mit Begründung nachtragen',
    en: 'Quarter already published: add it singly with a reason',
  },
  FORMULA_REFUSED: { de: 'Formel abgelehnt', en: 'Formula refused' },
  REFUSED: { de: 'Abgelehnt', en: 'Refused' },
};

export function problemText(p: ImportProblem, lang: Lang, fieldLabel: (f: string) => string) {
  const base = TEXTS[p.code as ImportProblemCode]?.[lang] ?? TEXTS.REFUSED[lang];
  const field = p.field ? ` (${fieldLabel(p.field)})` : '';
  return `${base}${field}${p.detail ? `: ${p.detail}` : ''}`;
}

/** Column titles of the fields, for the reasons and for the participant export. */
export const FIELD_LABELS: Record<string, Record<Lang, string>> = {
  code: { de: 'Code (bisher)', en: 'Previous code' },
  alias: { de: 'Alias', en: 'Alias' },
  languages: { de: 'Sprachen', en: 'Languages' },
  householdSize: { de: 'Haushaltsgröße', en: 'Household size' },
  district: { de: 'Stadtteil', en: 'District' },
  movedInAt: { de: 'Eingezogen am', en: 'Moved in' },
  consentPurposes: { de: 'Einwilligungen', en: 'Consent purposes' },
  consentGivenOn: { de: 'Einwilligung erteilt am', en: 'Consent given on' },
  consentExpiresOn: { de: 'Einwilligung gültig bis', en: 'Consent expires on' },
  consentLanguage: { de: 'Sprache der Aufklärung', en: 'Consent language' },
  date: { de: 'Datum', en: 'Date' },
  startTime: { de: 'Beginn', en: 'Start time' },
  activity: { de: 'Angebot', en: 'Activity' },
  durationMinutes: { de: 'Dauer (Minuten)', en: 'Duration (minutes)' },
  newcomers: { de: 'Neuzugezogene', en: 'Newcomers' },
  host: { de: 'Aufnahmegesellschaft', en: 'Host society' },
  volunteers: { de: 'Ehrenamtliche', en: 'Volunteers' },
  other: { de: 'Sonstige', en: 'Other' },
  attendeeCodes: { de: 'Teilnehmende (Codes)', en: 'Attendees (codes)' },
};
