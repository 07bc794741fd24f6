import type { SettingKey, UpdateSettingsBody } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransaction } from '../../lib/tx.ts';
import { audit, requireRole } from '../audit/audit.service.ts';
import * as repo from './settings.repository.ts';

const ENTITY = 'settings';

/** Every signed-in user may read them: the UI explains lists and retention with them. */
export const getSettings = (ctx: ServiceContext) => repo.readSettings(ctx.db);

export function updateSettings(ctx: ServiceContext, body: UpdateSettingsBody) {
  requireRole(ctx, ENTITY, 'admin');
  const before = repo.readSettings(ctx.db);
  const changed = (Object.entries(body) as [SettingKey, number][]).filter(
    ([k, v]) => before[k] !== v,
  );
  if (changed.length > 0) {
    inTransaction(ctx, (tx) => {
      for (const [k, v] of changed) repo.writeSetting(tx.db, k, v, ctx.actor.userId);
      audit(tx, {
        action: 'update',
        entityType: ENTITY,
        entityId: null,
        changedFields: changed.map(([k]) => k),
      });
    });
  }
  return repo.readSettings(ctx.db);
}
