import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, SettingsSchema } from '@begegnung/domain';
import { anon, auditRows, createTestApp, expectError, expectSchema, userClient } from './helper.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);
const staff = await userClient(t, ['coordinator']);

const patch = (client: typeof admin, payload: unknown) =>
  client.request({ method: 'PATCH', url: '/api/settings', payload: payload as object });

describe('settings', () => {
  it('starts with the defaults from the brief', async () => {
    const res = await staff.request({ method: 'GET', url: '/api/settings' });
    expect(res.statusCode).toBe(200);
    expectSchema(SettingsSchema, res.json());
    expect(res.json()).toEqual(SETTINGS_DEFAULTS);
  });

  it('lets an admin change one value, keeps the others, audits the changed key only', async () => {
    const res = await patch(admin, { outOfViewNotSeenWeeks: 8, outOfViewMovedWithinMonths: 12 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...SETTINGS_DEFAULTS, outOfViewNotSeenWeeks: 8 });
    const rows = await auditRows(t.db, { entity_type: 'settings' });
    expect(rows.at(-1)).toMatchObject({ action: 'update', actor_id: admin.userId });
    expect(JSON.parse(String(rows.at(-1)!.changed_fields))).toEqual(['outOfViewNotSeenWeeks']);
    const again = await staff.request({ method: 'GET', url: '/api/settings' });
    expect(again.json().outOfViewNotSeenWeeks).toBe(8);
  });

  it.each([
    [{ outOfViewNotSeenWeeks: 0 }],
    [{ outOfViewNotSeenWeeks: 53 }],
    [{ participantRetentionMonths: 1.5 }],
    [{ applicantRetentionMonths: '6' }],
    [{ unknownSetting: 3 }],
    [{}],
  ])('refuses %j with 400 VALIDATION_FAILED and changes nothing', async (body) => {
    const before = (await staff.request({ method: 'GET', url: '/api/settings' })).json();
    expectError(await patch(admin, body), 400, 'VALIDATION_FAILED');
    expect((await staff.request({ method: 'GET', url: '/api/settings' })).json()).toEqual(before);
  });

  it('refuses non-admins (403, audited) and anonymous callers (401)', async () => {
    expectError(await patch(staff, { outOfViewNotSeenWeeks: 4 }), 403, 'FORBIDDEN');
    expect((await auditRows(t.db, { entity_type: 'settings', action: 'denied' })).length).toBe(1);
    expectError(await anon(t, { method: 'GET', url: '/api/settings' }), 401, 'UNAUTHENTICATED');
  });
});
