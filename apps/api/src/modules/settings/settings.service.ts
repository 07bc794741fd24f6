import {
  DomainError,
  isSourceLanguage,
  type ConsentLanguage,
  type ConsentSheetInfo,
  type NoticeKey,
  type SettingKey,
  type UpdatePrivacyNoticeBody,
  type UpdateSettingsBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import * as repo from './settings.repository.ts';

const ENTITY = 'settings';

/** Every signed-in user may read them: the UI explains lists and retention with them. */
/** Reads other modules use inside their own checks and transactions (no role gate). */
export { readNotice, readReviews, readSettings } from './settings.repository.ts';

export const getSettings = async (ctx: ServiceContext) => await repo.readSettings(ctx.db);

export async function updateSettings(ctx: ServiceContext, body: UpdateSettingsBody) {
  requireRole(ctx, ENTITY, 'admin');
  const before = await repo.readSettings(ctx.db);
  const changed = (Object.entries(body) as [SettingKey, number][]).filter(
    ([k, v]) => before[k] !== v,
  );
  if (changed.length > 0) {
    await inTransactionAsync(ctx, async (tx) => {
      for (const [k, v] of changed) await repo.writeSetting(tx.db, k, v, ctx.actor.userId);
      await audit(tx, {
        action: 'update',
        entityType: ENTITY,
        entityId: null,
        changedFields: changed.map(([k]) => k),
      });
    });
  }
  return await repo.readSettings(ctx.db);
}

/** Controller, DPO, supervisory authority, recipients: shown on the consent sheet and in exports. */
export const getNotice = async (ctx: ServiceContext) => await repo.readNotice(ctx.db);

export async function updateNotice(ctx: ServiceContext, body: UpdatePrivacyNoticeBody) {
  requireRole(ctx, 'privacy_notice', 'admin');
  const before = await repo.readNotice(ctx.db);
  const changed = (Object.entries(body) as [NoticeKey, string][])
    .map(([k, v]) => [k, v.trim()] as const)
    .filter(([k, v]) => before[k] !== v);
  if (changed.length > 0) {
    await inTransactionAsync(ctx, async (tx) => {
      for (const [k, v] of changed) await repo.writeNotice(tx.db, k, v, ctx.actor.userId);
      await audit(tx, {
        action: 'update',
        entityType: 'privacy_notice',
        entityId: null,
        changedFields: changed.map(([k]) => k),
      });
    });
  }
  return await repo.readNotice(ctx.db);
}

/** What the printable consent sheet needs besides its texts: contacts, retention, reviews. */
export async function consentSheetInfo(ctx: ServiceContext): Promise<ConsentSheetInfo> {
  return {
    notice: await repo.readNotice(ctx.db),
    retentionMonths: (await repo.readSettings(ctx.db)).participantRetentionMonths,
    reviews: await repo.readReviews(ctx.db),
  };
}

/** An admin marks a translation reviewed (or not); German is the source and stays reviewed. */
export async function setReviewed(
  ctx: ServiceContext,
  language: ConsentLanguage,
  reviewed: boolean,
) {
  requireRole(ctx, 'consent_text', 'admin');
  if (isSourceLanguage(language)) {
    throw new DomainError('SOURCE_LANGUAGE', 'German is the source text and always reviewed', 409);
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.writeReview(tx.db, language, reviewed, ctx.actor.userId);
    await audit(tx, {
      action: 'update',
      entityType: 'consent_text',
      entityId: language,
      changedFields: ['reviewed'],
      reason: reviewed ? 'reviewed' : 'review withdrawn',
    });
  });
  return await consentSheetInfo(ctx);
}
