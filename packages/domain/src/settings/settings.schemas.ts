import { Type, type Static } from 'typebox';

/**
 * Programme-wide settings an admin changes at run time (not deployment config). Each has a
 * default from the brief, so a fresh database behaves sensibly before anyone touches them.
 */
export const SETTINGS_DEFAULTS = {
  /** Out of view: moved into their own flat within the last N months … */
  outOfViewMovedWithinMonths: 12,
  /** … and not seen for M weeks. */
  outOfViewNotSeenWeeks: 6,
  /** Participant identity is erased this long after the last contact (privacy rule 6, docs/privacy-rules.md). */
  participantRetentionMonths: 24,
  /** Applicant data is purged this long after the rejection was received (privacy rule 6, docs/privacy-rules.md). */
  applicantRetentionMonths: 6,
  /** A session ends after this many minutes without a request (beside its absolute lifetime). */
  sessionIdleMinutes: 30,
  /** Re-engaged counts only when the person attends within this many weeks after closing. */
  reEngagedWithinWeeks: 8,
} as const;
export type SettingKey = keyof typeof SETTINGS_DEFAULTS;
export const SETTING_KEYS = Object.keys(SETTINGS_DEFAULTS) as SettingKey[];

/** Allowed range per setting: wide enough for any city, narrow enough to catch typos. */
export const SETTING_RANGES: Record<SettingKey, { minimum: number; maximum: number }> = {
  outOfViewMovedWithinMonths: { minimum: 1, maximum: 60 },
  outOfViewNotSeenWeeks: { minimum: 1, maximum: 52 },
  participantRetentionMonths: { minimum: 1, maximum: 120 },
  applicantRetentionMonths: { minimum: 1, maximum: 60 },
  sessionIdleMinutes: { minimum: 5, maximum: 720 },
  reEngagedWithinWeeks: { minimum: 1, maximum: 52 },
};

const setting = (k: SettingKey, description: string) =>
  Type.Integer({ ...SETTING_RANGES[k], description });

export const SettingsSchema = Type.Object({
  outOfViewMovedWithinMonths: setting(
    'outOfViewMovedWithinMonths',
    'Out of view: moved into own flat within the last N months',
  ),
  outOfViewNotSeenWeeks: setting('outOfViewNotSeenWeeks', 'Out of view: not seen for M weeks'),
  participantRetentionMonths: setting(
    'participantRetentionMonths',
    'Months after the last contact before participant identity is erased',
  ),
  applicantRetentionMonths: setting(
    'applicantRetentionMonths',
    'Months after a rejection was received before applicant data is purged',
  ),
  sessionIdleMinutes: setting(
    'sessionIdleMinutes',
    'Minutes without a request after which a session ends (idle timeout)',
  ),
  reEngagedWithinWeeks: setting(
    'reEngagedWithinWeeks',
    'An outreach task closed as re-engaged counts only when the person attends an encounter within this many weeks after closing',
  ),
});
export type Settings = Static<typeof SettingsSchema>;

export const UpdateSettingsBodySchema = Type.Partial(SettingsSchema, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateSettingsBody = Static<typeof UpdateSettingsBodySchema>;
