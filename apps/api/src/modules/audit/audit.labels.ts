import { AUDIT_ENTITY_TYPES, type AuditAction, type AuditEntityType } from '@begegnung/domain';

/** German labels for the audit CSV (the screen uses the web catalogues with the same keys). */
export const ACTION_DE: Record<AuditAction, string> = {
  create: 'angelegt',
  update: 'geändert',
  delete: 'gelöscht',
  read: 'gelesen',
  export: 'exportiert',
  login: 'Anmeldung',
  login_failed: 'Anmeldung fehlgeschlagen',
  logout: 'Abmeldung',
  denied: 'abgelehnt',
};

export const ENTITY_DE: Record<AuditEntityType, string> = {
  activity: 'Angebot',
  application: 'Bewerbung',
  application_document: 'Bewerbungsunterlage',
  application_retention: 'Aufbewahrung Bewerbung',
  audit_log: 'Protokoll',
  centre: 'Zentrum',
  centre_need: 'Bedarfszahlen',
  consent: 'Einwilligung',
  consent_text: 'Einwilligungstext',
  cost_assumption: 'Kostenannahme',
  criteria_set: 'Anforderungsprofil',
  encounter: 'Begegnung',
  follow_up: 'Nachgehender Kontakt',
  follow_up_attempt: 'Kontaktversuch',
  group: 'Gruppe',
  import: 'Import',
  import_mapping: 'Spaltenzuordnung Import',
  operator: 'Träger',
  participant: 'Teilnehmende Person',
  participation: 'Beteiligung',
  post: 'Stelle',
  privacy: 'Datenschutz',
  privacy_notice: 'Datenschutzhinweise',
  records_of_processing: 'Verarbeitungsverzeichnis',
  referral: 'Vermittlung',
  reminder_settings: 'Erinnerungen per E-Mail',
  report: 'Bericht',
  retention: 'Löschfristen',
  scenario: 'Szenario',
  scenario_comparison: 'Szenarienvergleich',
  scorecard: 'Bewertungsbogen',
  sso_settings: 'Einstellungen Stadt-Konto (SSO)',
  screening_result: 'Sichtung',
  selection_record: 'Auswahlvermerk',
  self_disclosure: 'Selbstauskunft',
  session: 'Sitzung',
  settings: 'Einstellungen',
  staffing: 'Personalbemessung',
  user: 'Benutzer',
  vacancy: 'Ausschreibung',
};

export const entityDe = (t: string) =>
  (AUDIT_ENTITY_TYPES as readonly string[]).includes(t) ? ENTITY_DE[t as AuditEntityType] : t;

const berlin = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
/** ISO UTC timestamp → "04.12.2026, 13:45:12" in Göttingen time. */
export const berlinTime = (iso: string) => berlin.format(new Date(iso));
