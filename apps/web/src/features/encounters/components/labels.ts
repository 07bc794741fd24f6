import type { Activity } from '@begegnung/domain';

/** Built-in activities are translated by key; custom ones show their name. */
export const activityLabel = (
  t: (k: string, o?: Record<string, unknown>) => string,
  a: Activity | undefined,
) => (a ? (a.key ? t(`encounters.activityKeys.${a.key}`, { defaultValue: a.name }) : a.name) : '—');

export const participantLabel = (p: { code: string; alias: string | null }) =>
  p.alias ? `${p.alias} · ${p.code}` : p.code;
