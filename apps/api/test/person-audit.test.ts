import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  AuditEntrySchema,
  ConsentSheetInfoSchema,
  SubjectExportSchema,
  type SubjectExport,
} from '@begegnung/domain';
import {
  createTestApp,
  expectError,
  expectSchema,
  makeCentre,
  userClient,
  type Client,
  q,
} from './helper.ts';
import { makeFollowUp, makeGroup, makeParticipant, today } from './encounter-fixtures.ts';
import { consents } from '../src/db/tables.ts';

const t = await createTestApp();
const centre = await makeCentre(t.db);
const other = await makeCentre(t.db);
let staff: Client;
let otherStaff: Client;
let coordinator: Client;
let dpo: Client;
let admin: Client;

beforeAll(async () => {
  staff = await userClient(t, ['centre_staff'], [centre.id]);
  otherStaff = await userClient(t, ['centre_staff'], [other.id]);
  coordinator = await userClient(t, ['coordinator']);
  dpo = await userClient(t, ['data_protection']);
  admin = await userClient(t, ['admin']);
});

const get = (c: Client, url: string) => c.request({ method: 'GET', url });
const nameOf = (c: Client) => c.email.split('@')[0]!;

/** A consenting participant whose consent was explained in `language`. */
async function person(centreId: number, language: 'de' | 'ar' | 'uk' = 'de') {
  const p = await makeParticipant(t.db, centreId);
  await t.db.insert(consents).values({
    participantId: p.id,
    purpose: 'follow_up_contact',
    givenOn: addDays(today(), -10),
    expiresOn: addDays(today(), 300),
    language,
    explainedById: staff.userId,
  });
  return p;
}

async function accessExport(code: string): Promise<SubjectExport> {
  const res = await get(dpo, `/api/privacy/participants/${code}/export`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as SubjectExport;
  expectSchema(SubjectExportSchema, body);
  return body;
}

describe('a person shown on a list appears in their access export', () => {
  it('records list, search, out-of-view, follow-up and roster reads per person', async () => {
    const p = await person(centre.id);
    const bystander = await person(other.id);
    await q(t.db).run(
      'update participants set moved_in_at = ? where id = ?',
      addDays(today(), -120),
      p.id,
    );
    await makeFollowUp(t.db, p.id, staff.userId);
    await makeGroup(t.db, centre.id, [p.id]);

    expect((await get(staff, '/api/participants?limit=200')).statusCode).toBe(200);
    expect((await get(staff, `/api/participants?q=${p.code}`)).statusCode).toBe(200);
    expect((await get(coordinator, '/api/reporting/out-of-view')).statusCode).toBe(200);
    expect((await get(coordinator, '/api/follow-ups')).statusCode).toBe(200);
    expect((await get(staff, '/api/groups')).statusCode).toBe(200);
    expect((await get(otherStaff, '/api/participants')).statusCode).toBe(200);

    const x = await accessExport(p.code);
    const seen = x.accessLog.map((a) => `${a.by} · ${a.actionLabel} · ${a.screen}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        `${nameOf(staff)} · gelesen · Teilnehmendenliste`,
        `${nameOf(staff)} · gelesen · Suche nach Teilnehmenden`,
        `${nameOf(coordinator)} · gelesen · Liste „Aus dem Blick“`,
        `${nameOf(coordinator)} · gelesen · Nachgehende Kontakte (Liste)`,
        `${nameOf(staff)} · gelesen · Gruppen und Teilnehmerlisten`,
      ]),
    );
    // Staff of another centre never saw this person, so they are not in the log.
    expect(x.accessLog.some((a) => a.by === nameOf(otherStaff))).toBe(false);
    // The export lists itself, in Göttingen time.
    const last = x.accessLog.at(-1)!;
    expect(last).toMatchObject({ action: 'export', by: nameOf(dpo) });
    expect(last.atLocal).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/);

    // And the bystander's export holds only the other centre's list read.
    const y = await accessExport(bystander.code);
    expect(y.accessLog.some((a) => a.by === nameOf(staff))).toBe(false);
    expect(y.accessLog.some((a) => a.by === nameOf(otherStaff))).toBe(true);
  });
});

describe('audit screen search', () => {
  it('finds every row that showed a person by code, with names and codes instead of ids', async () => {
    const p = await person(centre.id);
    await get(staff, '/api/participants?limit=200');
    await get(coordinator, `/api/participants/${p.id}`);
    const res = await get(dpo, `/api/audit?participantCode=${p.code.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    for (const e of page.items) expectSchema(AuditEntrySchema, e);
    const list = page.items.find(
      (e: { reason: string | null; actorId: number }) =>
        e.actorId === staff.userId && e.reason?.startsWith('list'),
    );
    expect(list.actorName).toBe(nameOf(staff));
    expect(list.subjects).toEqual(expect.arrayContaining([{ id: p.id, code: p.code }]));
    const single = page.items.find((e: { actorId: number }) => e.actorId === coordinator.userId);
    expect(single).toMatchObject({ entityType: 'participant', entityLabel: p.code });
    // Someone else's code does not match these rows.
    const q = await person(other.id);
    const none = (
      await get(dpo, `/api/audit?participantCode=${q.code}&user=${nameOf(coordinator)}`)
    ).json();
    expect(none.total).toBe(0);
  });

  it('filters by user (email or name part) and combines with action', async () => {
    const res = await get(dpo, `/api/audit?user=${encodeURIComponent(nameOf(staff))}&action=read`);
    const page = res.json();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((e: { actorId: number }) => e.actorId === staff.userId)).toBe(true);
  });

  it('rejects a malformed code (400) and keeps the search for data protection only (403)', async () => {
    expectError(await get(dpo, '/api/audit?participantCode=x'), 400, 'VALIDATION_FAILED');
    expectError(await get(coordinator, '/api/audit?participantCode=GRO-ABCD'), 403, 'FORBIDDEN');
  });

  it('treats the subjects index as append-only', async () => {
    await expect(q(t.db).run('delete from audit_subjects')).rejects.toThrow(/append-only/);
    await expect(q(t.db).run('update audit_subjects set participant_id = 1')).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('Art. 15 information', () => {
  it('contains purposes, recipients, retention, source, rights, complaint and contacts', async () => {
    const x = await accessExport((await person(centre.id)).code);
    expect(x.information.controller).toContain('Stadt Göttingen');
    expect(x.information.complaint).toContain(
      'Landesbeauftragte für den Datenschutz Niedersachsen',
    );
    expect(x.information.retention).toContain('24 Monate');
    expect(x.information.purposes.length).toBeGreaterThan(0);
    expect(x.information.rights).toMatch(/Art\. 15.*Art\. 21/);
    expect(x.translation).toMatchObject({ language: 'de', available: false });
  });

  it('uses the configured contacts and the consent language, with a note until reviewed', async () => {
    const dpoText = 'Frau Muster, Datenschutz der Stadt, datenschutz@example.org';
    const patched = await admin.request({
      method: 'PATCH',
      url: '/api/settings/privacy-notice',
      payload: { dpo: dpoText },
    });
    expect(patched.statusCode).toBe(200);
    const p = await person(centre.id, 'ar');
    let x = await accessExport(p.code);
    expect(x.information.dpo).toBe(dpoText);
    expect(x.translation).toMatchObject({ language: 'ar', available: true, reviewed: false });
    expect(x.translation.note).toMatch(/nicht geprüft/);
    expect(x.translation.lines.join('\n')).toContain(dpoText);

    const reviewed = await admin.request({
      method: 'PUT',
      url: '/api/consent-sheet/reviews/ar',
      payload: { reviewed: true },
    });
    expect(reviewed.statusCode).toBe(200);
    x = await accessExport(p.code);
    expect(x.translation).toMatchObject({ reviewed: true, note: null });
  });
});

describe('consent sheet reviews', () => {
  it('lists every language, German reviewed; only admins change a flag, never German', async () => {
    const res = await get(staff, '/api/consent-sheet');
    expect(res.statusCode).toBe(200);
    const info = res.json();
    expectSchema(ConsentSheetInfoSchema, info);
    expect(info.reviews.find((r: { language: string }) => r.language === 'de').reviewed).toBe(true);
    expect(info.retentionMonths).toBe(24);
    const put = (c: Client, lang: string, body: unknown) =>
      c.request({ method: 'PUT', url: `/api/consent-sheet/reviews/${lang}`, payload: body });
    expectError(await put(staff, 'uk', { reviewed: true }), 403, 'FORBIDDEN');
    expectError(await put(admin, 'de', { reviewed: false }), 409, 'SOURCE_LANGUAGE');
    expectError(await put(admin, 'xx', { reviewed: true }), 400, 'VALIDATION_FAILED');
    expectError(await put(admin, 'uk', { reviewed: 'yes' }), 400, 'VALIDATION_FAILED');
    const ok = (await put(admin, 'uk', { reviewed: true })).json();
    expect(ok.reviews.find((r: { language: string }) => r.language === 'uk')).toMatchObject({
      reviewed: true,
      updatedByName: nameOf(admin),
    });
  });

  it('refuses empty or unknown privacy-notice fields', async () => {
    const patch = (payload: unknown) =>
      admin.request({ method: 'PATCH', url: '/api/settings/privacy-notice', payload });
    expectError(await patch({}), 400, 'VALIDATION_FAILED');
    expectError(await patch({ dpo: '' }), 400, 'VALIDATION_FAILED');
    expectError(await patch({ surname: 'x' }), 400, 'VALIDATION_FAILED');
  });
});
