import type { SelectionRecord } from '@begegnung/domain';

/** German labels and formatting shared by the selection-record exports (Markdown, PDF). */

export const RESULT_DE: Record<string, string> = {
  met: 'erfüllt',
  partly: 'teilweise',
  not_met: 'nicht erfüllt',
  unclear: 'unklar',
};
export const KIND_DE: Record<string, string> = {
  required: 'Muss',
  preferred: 'Soll',
  desirable: 'Kann',
};
export const STATUS_DE: Record<string, string> = {
  draft: 'Entwurf',
  published: 'veröffentlicht',
  closed: 'Bewerbungsfrist beendet',
  decided: 'entschieden',
  aborted: 'abgebrochen',
  received: 'eingegangen',
  screened: 'gesichtet',
  invited: 'eingeladen',
  interviewed: 'Gespräch geführt',
  offered: 'Angebot',
  hired: 'eingestellt',
  rejected: 'abgesagt',
  withdrawn: 'zurückgezogen',
};
export const SUGGESTION_DE: Record<string, string> = {
  meets_required: 'Mussanforderungen erfüllt',
  needs_review: 'menschliche Prüfung nötig',
  incomplete: 'Sichtung unvollständig',
};
export const BODY_DE: Record<string, string> = {
  staff_council: 'Personalrat',
  equality_officer: 'Gleichstellungsbeauftragte',
  disability_representative: 'Schwerbehindertenvertretung',
};
export const RESPONSE_DE: Record<string, string> = {
  pending: 'ausstehend',
  consent: 'Zustimmung',
  no_objection: 'keine Einwände',
  objection: 'Einwände',
  comments: 'Stellungnahme',
};
export const REC_DE: Record<string, string> = {
  strong_yes: 'klar ja',
  yes: 'ja',
  no: 'nein',
  strong_no: 'klar nein',
};

export const EVIDENCE_DE: Record<string, string> = {
  certificate: 'Urkunde / Zeugnis',
  employment_record: 'Arbeitszeugnisse',
  cv: 'Lebenslauf',
  language_certificate: 'Sprachnachweis',
  interview: 'Interviewfrage',
};

export const deDate = (iso: string | null) =>
  iso ? iso.slice(0, 10).split('-').reverse().join('.') : '–';
export const deNumber = (n: number | null) => (n === null ? '–' : n.toFixed(2).replace('.', ','));

export function criterionLabel(record: SelectionRecord, id: number) {
  const i = record.criteriaSet.criteria.findIndex((c) => c.id === id);
  return i < 0 ? `#${id}` : `K${i + 1}`;
}

export const EMPLOYER_NOTE: Record<SelectionRecord['employer'], string> = {
  city: 'Arbeitgeberin ist die Stadt: Personalrat (NPersVG), Gleichstellungsbeauftragte (§ 9 NKomVG) und Schwerbehindertenvertretung sind zu beteiligen; schwerbehinderte und gleichgestellte Bewerbende sind einzuladen, sofern sie nicht offensichtlich ungeeignet sind (§ 165 SGB IX).',
  operator:
    'Arbeitgeber ist der Träger (Verein): Die Beteiligung seiner Arbeitnehmervertretung (BetrVG bzw. kirchliches Recht) und die Pflichten gegenüber schwerbehinderten Bewerbenden (§ 164 SGB IX) liegen beim Träger selbst; der städtische Personalrat ist nicht zuständig.',
  mixed:
    'Stellen verschiedener Arbeitgeber in einem Verfahren: Für die städtischen Stellen gelten die Beteiligung der städtischen Gremien und § 165 SGB IX, für die Stellen des Trägers dessen eigene Pflichten.',
};

export const lateCardsText = (c: SelectionRecord['candidates'][number]) =>
  c.lateCards
    .map(
      (l) =>
        `${l.memberName} (Fassung ${l.revision}) nach Einsicht in andere Bögen am ${deDate(l.seenOthersAt)}`,
    )
    .join('; ');
