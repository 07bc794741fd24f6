import { Type, type Static } from 'typebox';

/**
 * Reminder mails a user gets (issue 16):
 * - `off`: none;
 * - `assignment`: one mail when someone else assigns an outreach task to them (the default:
 *   a task given by someone else is the one event a person cannot see without opening the app);
 * - `digest`: the assignment mails, and at most one mail a day listing open tasks that are due
 *   or overdue, per centre (opt-in: the tasks are on the follow-up list anyway).
 * Mails name the centre and link into the app, never the person (no alias, no code, no reason).
 */
export const REMINDER_MODES = ['off', 'assignment', 'digest'] as const;
export type ReminderMode = (typeof REMINDER_MODES)[number];
export const REMINDER_DEFAULT: ReminderMode = 'assignment';

export const ReminderModeSchema = Type.Enum(REMINDER_MODES, {
  description: 'off | assignment (on assignment) | digest (on assignment and a daily digest)',
});

export const MailStatusSchema = Type.Object({
  /** SMTP and a sender are configured; without them nothing is sent. */
  configured: Type.Boolean(),
});
export type MailStatus = Static<typeof MailStatusSchema>;

export const ReminderSettingsSchema = Type.Object({
  reminders: ReminderModeSchema,
  /** Whether the server can send mail at all (SMTP configured). */
  mailConfigured: Type.Boolean(),
  /** The address reminders go to (the account's email). */
  email: Type.String(),
});
export type ReminderSettings = Static<typeof ReminderSettingsSchema>;

export const ReminderSettingsBodySchema = Type.Object(
  { reminders: ReminderModeSchema },
  { additionalProperties: false },
);
export type ReminderSettingsBody = Static<typeof ReminderSettingsBodySchema>;
