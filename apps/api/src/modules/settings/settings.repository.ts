import { eq } from 'drizzle-orm';
import {
  CONSENT_LANGUAGES,
  NOTICE_KEYS,
  PRIVACY_NOTICE_DEFAULTS,
  SETTINGS_DEFAULTS,
  SETTING_KEYS,
  isSourceLanguage,
  type ConsentTextReview,
  type NoticeKey,
  type PrivacyNotice,
  type SettingKey,
  type Settings,
} from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { consentTextReviews, settings, textSettings, users } from '../../db/tables.ts';
import { sqlNow } from '../../db/engine.ts';
import { withTransactionAsync } from '../../lib/tx.ts';
import { authChanged } from '../auth/auth-cache.ts';

/** Stored values over the defaults; unknown keys in the table are ignored. */
export async function readSettings(db: Db): Promise<Settings> {
  const out: Settings = { ...SETTINGS_DEFAULTS };
  for (const row of await db.select().from(settings)) {
    if ((SETTING_KEYS as string[]).includes(row.key)) out[row.key as SettingKey] = row.value;
  }
  return out;
}

/** Writes one setting; the session cache (which holds the idle timeout) hears of it in the same transaction. */
export async function writeSetting(db: Db, key: SettingKey, value: number, userId: number) {
  await withTransactionAsync(db, async (tx) => {
    await tx
      .insert(settings)
      .values({ key, value, updatedById: userId })
      .onConflictDoUpdate({
        target: settings.key,
        set: {
          value,
          updatedById: userId,
          updatedAt: sqlNow,
        },
      });
    await authChanged(tx, { settings: true });
  });
}

/** Privacy-notice texts: stored values over PRIVACY_NOTICE_DEFAULTS. */
export async function readNotice(db: Db): Promise<PrivacyNotice> {
  const out: PrivacyNotice = { ...PRIVACY_NOTICE_DEFAULTS };
  for (const row of await db.select().from(textSettings)) {
    if ((NOTICE_KEYS as string[]).includes(row.key)) out[row.key as NoticeKey] = row.value;
  }
  return out;
}

export async function writeNotice(db: Db, key: NoticeKey, value: string, userId: number) {
  await db
    .insert(textSettings)
    .values({ key, value, updatedById: userId })
    .onConflictDoUpdate({
      target: textSettings.key,
      set: { value, updatedById: userId, updatedAt: sqlNow },
    });
}

/** Review state of every consent-sheet language; German, the source text, is always reviewed. */
export async function readReviews(db: Db): Promise<ConsentTextReview[]> {
  const rows = await db
    .select({
      language: consentTextReviews.language,
      reviewed: consentTextReviews.reviewed,
      updatedAt: consentTextReviews.updatedAt,
      updatedByName: users.displayName,
    })
    .from(consentTextReviews)
    .leftJoin(users, eq(users.id, consentTextReviews.updatedById));
  return CONSENT_LANGUAGES.map((language) => {
    const r = rows.find((x) => x.language === language);
    return {
      language,
      reviewed: isSourceLanguage(language) || (r?.reviewed ?? false),
      updatedAt: r?.updatedAt ?? null,
      updatedByName: r?.updatedByName ?? null,
    };
  });
}

export async function writeReview(db: Db, language: string, reviewed: boolean, userId: number) {
  await db
    .insert(consentTextReviews)
    .values({ language, reviewed, updatedById: userId })
    .onConflictDoUpdate({
      target: consentTextReviews.language,
      set: {
        reviewed,
        updatedById: userId,
        updatedAt: sqlNow,
      },
    });
}
