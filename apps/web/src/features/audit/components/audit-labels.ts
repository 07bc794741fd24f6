import type { TFunction } from 'i18next';

/** Reasons the API writes in English, shown through the catalogue; others are shown as written. */
const REASONS: [RegExp, string][] = [
  [/^list \((\d+)\)$/, 'list'],
  [/^search \((\d+)\)$/, 'search'],
  [/^out-of-view list \((\d+)\)$/, 'outOfView'],
  [/^timeline$/, 'timeline'],
  [/^subject access$/, 'subjectAccess'],
  [/^erasure preview$/, 'erasurePreview'],
  [/^rosters$/, 'rosters'],
  [/^consent_withdrawn$/, 'consent_withdrawn'],
  [/^consent_expired$/, 'consent_expired'],
  [/^forbidden$/, 'forbidden'],
  [/^not visible$/, 'notVisible'],
  [/^(\d+) rows$/, 'rows'],
  [/^participant \d+: withdrawn$/, 'withdrawn'],
  [/^participant \d+: walk-in$/, 'walkIn'],
  [/^participant \d+: (follow_up_contact|named_statistics|photos)$/, 'purpose'],
  [/^follow-up (\d+)$/, 'followUp'],
];

/** "participant 12": the person is already shown by code under "persons shown". */
const BARE_PARTICIPANT = /^participant \d+$/;

export function reasonLabel(t: TFunction, reason: string | null): string | null {
  if (!reason || BARE_PARTICIPANT.test(reason)) return null;
  for (const [re, key] of REASONS) {
    const m = re.exec(reason);
    if (!m) continue;
    if (key === 'purpose') return t(`audit.purposes.${m[1]}`);
    return t(`audit.reasons.${key}`, { n: m[1] });
  }
  return reason;
}
