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
];

export function reasonLabel(t: TFunction, reason: string | null): string | null {
  if (!reason) return null;
  for (const [re, key] of REASONS) {
    const m = re.exec(reason);
    if (m) return t(`audit.reasons.${key}`, { n: m[1] });
  }
  return reason;
}
