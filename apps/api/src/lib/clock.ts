import { localNow } from '@begegnung/domain';

/**
 * Today's date in Göttingen (Europe/Berlin), the one meaning of "today" in the API: consent
 * validity, "in the future", effective dates, publishing and retention are judged in local
 * time, so an entry made at 00:30 belongs to the day the centre worker sees on the wall.
 */
export const today = () => localNow().date;

/** The current instant as an ISO timestamp (UTC), for created/updated columns. */
export const nowIso = () => new Date().toISOString();
