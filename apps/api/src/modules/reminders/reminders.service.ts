import {
  REMINDER_DEFAULT,
  type ReminderSettings,
  type ReminderSettingsBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransaction } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import * as repo from './reminders.repository.ts';

/** One's own reminder choice; any signed-in user, for their own account only. */
export function getReminderSettings(
  ctx: ServiceContext,
  mailConfigured: boolean,
): ReminderSettings {
  return {
    reminders: repo.findPreference(ctx.db, ctx.actor.userId) ?? REMINDER_DEFAULT,
    mailConfigured,
    email: ctx.actor.email,
  };
}

export function setReminderSettings(
  ctx: ServiceContext,
  body: ReminderSettingsBody,
  mailConfigured: boolean,
): ReminderSettings {
  const before = repo.findPreference(ctx.db, ctx.actor.userId) ?? REMINDER_DEFAULT;
  inTransaction(ctx, (tx) => {
    repo.savePreference(tx.db, ctx.actor.userId, body.reminders);
    audit(tx, {
      action: 'update',
      entityType: 'reminder_settings',
      entityId: ctx.actor.userId,
      changedFields: before === body.reminders ? [] : ['reminders'],
      reason: `${before} → ${body.reminders}`,
    });
  });
  return getReminderSettings(ctx, mailConfigured);
}
