import {
  CONSENT_TEXTS,
  type ConsentLanguage,
  type ConsentTextReview,
  type PrivacyNotice,
  type SubjectExport,
} from '@begegnung/domain';
import { ACTION_DE, berlinTime, entityDe } from '../audit/audit.labels.ts';
import type { accessLogOf } from './privacy.repository.ts';

type AccessRow = Awaited<ReturnType<typeof accessLogOf>>[number];

/** Which screen, list or export a logged action came from, in German. */
export function screenDe(r: Pick<AccessRow, 'action' | 'entityType' | 'reason'>): string {
  const reason = r.reason ?? '';
  if (r.entityType === 'participant') {
    if (reason.startsWith('out-of-view list')) return 'Liste „Aus dem Blick“';
    if (reason.startsWith('search')) return 'Suche nach Teilnehmenden';
    if (reason.startsWith('list')) return 'Teilnehmendenliste';
    if (reason === 'timeline') return 'Verlauf der Person';
    if (reason === 'subject access') return 'Auskunft nach Art. 15 DSGVO';
    if (reason === 'erasure preview') return 'Löschvorschau (Datenschutz)';
    if (r.action === 'read') return 'Personenseite';
  }
  if (r.entityType === 'follow_up' && reason.startsWith('list'))
    return 'Nachgehende Kontakte (Liste)';
  if (r.entityType === 'follow_up' && reason.startsWith('consent_'))
    return 'Automatisch: Einwilligung erloschen';
  if (r.entityType === 'group')
    return reason === 'rosters' ? 'Gruppen und Teilnehmerlisten' : 'Gruppe';
  if (r.entityType === 'encounter')
    return r.action === 'read' ? 'Begegnung' : 'Erfassung einer Begegnung';
  return entityDe(r.entityType);
}

export function presentAccessLog(rows: AccessRow[]): SubjectExport['accessLog'] {
  return rows.map((r) => ({
    at: r.at,
    atLocal: berlinTime(r.at),
    action: r.action,
    actionLabel: ACTION_DE[r.action],
    entityType: r.entityType,
    by: r.actorName ?? (r.actorId === null ? 'System' : (r.actorEmail ?? 'unbekannt')),
    screen: screenDe(r),
  }));
}

const PURPOSES_DE = [
  'Namentliche Erfassung bei Angeboten der Nachbarschaftszentren und nachgehender Kontakt, wenn Sie länger nicht gekommen sind (nur mit Einwilligung „Kontakt“)',
  'Anonyme, zusammengefasste Statistik für die Stadt (Teilnahme, Begegnungen mit der Aufnahmegesellschaft)',
  'Vermittlung an andere Beratungsstellen, wenn Sie das wünschen',
];

/** Art. 15(1)(a)–(h) in German; contacts and recipients come from the admin's settings. */
export function informationDe(
  notice: PrivacyNotice,
  retentionMonths: number,
): SubjectExport['information'] {
  return {
    controller: notice.controller,
    dpo: notice.dpo,
    purposes: PURPOSES_DE,
    legalBasis:
      'Ihre Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO); anonyme Zählungen im öffentlichen Interesse (Art. 6 Abs. 1 Buchst. e DSGVO).',
    categories: [
      'Pseudonymer Code, Zentrum, auf Wunsch Vorname oder Spitzname',
      'Sprachen, Haushaltsgröße, Stadtteil, Einzugsdatum in die eigene Wohnung, Kontaktweg',
      'Einwilligungen, Teilnahme an Angeboten, nachgehende Kontakte, Vermittlungen, Notizen der Mitarbeitenden',
    ],
    recipients: notice.recipients,
    retention: `Ihre Angaben werden ${retentionMonths} Monate nach dem letzten Kontakt gelöscht; anonyme Zählungen bleiben. Das Zugriffsprotokoll wird unveränderbar aufbewahrt.`,
    source:
      'Die Angaben stammen von Ihnen selbst; Mitarbeitende des Nachbarschaftszentrums haben sie eingetragen.',
    rights:
      'Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21 DSGVO). Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen.',
    complaint: `Sie können sich bei der Aufsichtsbehörde beschweren: ${notice.supervisoryAuthority}`,
    automatedDecision:
      'Es findet keine automatisierte Entscheidung einschließlich Profiling statt.',
  };
}

/**
 * The information in the consent language. Every consent language has a text; until an admin
 * marks it reviewed the note says the German version is authoritative.
 */
export function translationFor(
  language: ConsentLanguage,
  notice: PrivacyNotice,
  retentionMonths: number,
  reviews: ConsentTextReview[],
): SubjectExport['translation'] {
  const text = CONSENT_TEXTS[language];
  const reviewed = reviews.find((r) => r.language === language)?.reviewed ?? false;
  if (language === 'de') {
    return {
      language,
      languageName: text.language,
      available: false,
      reviewed: true,
      note: null,
      lines: [],
    };
  }
  const a = text.art13;
  return {
    language,
    languageName: text.language,
    available: true,
    reviewed,
    note: reviewed
      ? null
      : 'Diese Übersetzung ist noch nicht geprüft; maßgeblich ist die deutsche Fassung.',
    lines: [
      a.heading,
      `${a.controller}: ${notice.controller}`,
      `${a.dpo}: ${notice.dpo}`,
      a.legalBasis,
      `${a.recipients}: ${notice.recipients}`,
      a.storage.replace('{months}', String(retentionMonths)),
      a.source,
      a.yourRights,
      `${a.complaint}: ${notice.supervisoryAuthority}`,
      a.noAutomated,
    ],
  };
}
