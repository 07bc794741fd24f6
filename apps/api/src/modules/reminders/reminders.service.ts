import {
  REMINDER_DEFAULT,
  type ReminderSettings,
  type ReminderSettingsBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import * as repo from './reminders.repository.ts';

/** One's own reminder choice; any signed-in user, for their own account only. */
export async function getReminderSettings(
  ctx: ServiceContext,
  mailConfigured: boolean,
): Promise<ReminderSettings> {
  return {
    reminders: (await repo.findPreference(ctx.db, ctx.actor.userId)) ?? REMINDER_DEFAULT,
    mailConfigured,
    email: ctx.actor.email,
  };
}

export async function setReminderSettings(
  ctx: ServiceContext,
  body: ReminderSettingsBody,
  mailConfigured: boolean,
): Promise<ReminderSettings> {
  const before = (await repo.findPreference(ctx.db, ctx.actor.userId)) ?? REMINDER_DEFAULT;
  await inTransactionAsync(ctx, async (tx) => {
    await repo.savePreference(tx.db, ctx.actor.userId, body.reminders);
    await audit(tx, {
      action: 'update',
      entityType: 'reminder_settings',
      entityId: ctx.actor.userId,
      changedFields: before === body.reminders ? [] : ['reminders'],
      reason: `${before} → ${body.reminders}`,
    });
  });
  return await getReminderSettings(ctx, mailConfigured);
}
