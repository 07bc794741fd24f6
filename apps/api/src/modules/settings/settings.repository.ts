import { sql } from 'drizzle-orm';
import { SETTINGS_DEFAULTS, SETTING_KEYS, type SettingKey, type Settings } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';

/** Stored values over the defaults; unknown keys in the table are ignored. */
export function readSettings(db: Db): Settings {
  const out: Settings = { ...SETTINGS_DEFAULTS };
  for (const row of db.select().from(settings).all()) {
    if ((SETTING_KEYS as string[]).includes(row.key)) out[row.key as SettingKey] = row.value;
  }
  return out;
}

export function writeSetting(db: Db, key: SettingKey, value: number, userId: number) {
  db.insert(settings)
    .values({ key, value, updatedById: userId })
    .onConflictDoUpdate({
      target: settings.key,
      set: {
        value,
        updatedById: userId,
        updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      },
    })
    .run();
}
