import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import {
  ErasurePreviewSchema,
  ROLES,
  RecordsOfProcessingSchema,
  SubjectExportSchema,
  addMonths,
} from '@begegnung/domain';
import { applyRetention } from '../src/ops/retention.ts';
import { withTransactionAsync } from '../src/lib/tx.ts';
import { insertAudit } from '../src/modules/audit/audit.repository.ts';
import { encounterAttendees, followUpAttempts } from '../src/db/tables.ts';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  makeCentre,
  roleClient,
  userClient,
  q,
} from './helper.ts';
import { makeEncounter, makeFollowUp, makeParticipant, today } from './encounter-fixtures.ts';

const t = await createTestApp();
const dpo = await userClient(t, ['data_protection']);
const centre = await makeCentre(t.db);
const staff = await userClient(t, ['centre_staff'], [centre.id]);

const sql = async (text: string, ...args: unknown[]) => q(t.db).all(text, ...args);
const one = async <T>(text: string, ...args: unknown[]) => (await q(t.db).get(text, ...args)) as T;

/** A participant with consent, two named attendances, a follow-up with an attempt. */
async function richParticipant(lastDate = today()) {
  const p = await makeParticipant(t.db, centre.id, { consentBy: staff.userId, alias: 'Amal' });
  const e1 = await makeEncounter(t.db, centre.id, staff.userId, { date: lastDate, newcomers: 2 });
  const e2 = await makeEncounter(t.db, centre.id, staff.userId, { date: lastDate, newcomers: 0 });
  for (const e of [e1, e2])
    await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
  const f = await makeFollowUp(t.db, p.id, staff.userId);
  await t.db
    .insert(followUpAttempts)
    .values({ followUpId: f.id, attemptedOn: lastDate, outcome: 'reached', byId: staff.userId });
  return { p, e1, e2 };
}

const get = (url: string, client = dpo) => client.request({ method: 'GET', url });

describe('subject access (Art. 15/20)', () => {
  it('exports everything about a participant as JSON and audits the export', async () => {
    const { p } = await richParticipant();
    const res = await get(`/api/privacy/participants/${p.code}/export`);
    expect(res.statusCode).toBe(200);
    expectSchema(SubjectExportSchema, res.json());
    const x = res.json();
    expect(x.subject).toMatchObject({ code: p.code, alias: 'Amal', centre: centre.name });
    expect(x.encounters).toHaveLength(2);
    expect(x.consents).toEqual([expect.objectContaining({ purpose: 'follow_up_contact' })]);
    expect(x.followUps[0].attempts).toEqual([expect.objectContaining({ outcome: 'reached' })]);
    expect(res.headers['content-disposition']).toContain(`auskunft-${p.code}.json`);
    expect(
      await auditRows(t.db, {
        action: 'export',
        entity_type: 'participant',
        entity_id: String(p.id),
      }),
    ).toHaveLength(1);
  });

  it('exports a readable PDF with the same content', async () => {
    const { p } = await richParticipant();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/participants/${p.code}/export.pdf`,
      headers: { cookie: dpo.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await new PDFParse({ data: res.rawPayload }).getText()).text;
    expect(text).toContain('Auskunft über gespeicherte Daten');
    expect(text).toContain(p.code);
    expect(text).toContain('Amal');
    expect(text).toContain('Namentliche Teilnahme an Angeboten (2)');
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expectError(await get('/api/privacy/participants/GRO-ZZZZ/export'), 404, 'NOT_FOUND');
    expectError(
      await get('/api/privacy/participants/drop%20table/export'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('is for data protection only: every other role gets an audited 403', async () => {
    const { p } = await richParticipant();
    for (const role of ROLES.filter((r) => r !== 'data_protection')) {
      const client = await roleClient(t, role);
      expectError(
        await get(`/api/privacy/participants/${p.code}/export`, client),
        403,
        'FORBIDDEN',
      );
      expect(await auditRows(t.db, { actor_id: client.userId, action: 'denied' })).toHaveLength(1);
    }
    expectError(
      await anon(t, { method: 'GET', url: `/api/privacy/participants/${p.code}/export` }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('erasure on request (Art. 17)', () => {
  it('previews exactly what will go', async () => {
    const { p } = await richParticipant();
    const res = await get(`/api/privacy/participants/${p.code}/erasure`);
    expect(res.statusCode).toBe(200);
    expectSchema(ErasurePreviewSchema, res.json());
    expect(res.json()).toEqual({
      code: p.code,
      identityFields: ['alias'],
      consents: 1,
      attendances: 2,
      followUps: 1,
      referrals: 0,
      groupMemberships: 0,
      transfers: 0,
    });
  });

  it('removes the identity, keeps every headcount true, and audits only the code', async () => {
    const { p, e1, e2 } = await richParticipant();
    const totals = async () =>
      (
        await one<{ n: number }>(
          `select sum(e.newcomers) + (select count(*) from encounter_attendees a where a.encounter_id in (?, ?)) as n
         from encounters e where e.id in (?, ?)`,
          e1.id,
          e2.id,
          e1.id,
          e2.id,
        )
      ).n;
    const before = await totals();
    const res = await dpo.request({
      method: 'POST',
      url: `/api/privacy/participants/${p.code}/erase`,
      payload: { reason: 'Antrag per E-Mail vom 28.11.', confirmCode: p.code.toLowerCase() },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: p.code, attendances: 2, consents: 1 });
    expect(await totals()).toBe(before);
    expect(
      (await one<{ newcomers: number }>('select newcomers from encounters where id = ?', e1.id))
        .newcomers,
    ).toBe(3);
    expect(await sql('select * from participants where id = ?', p.id)).toEqual([]);
    for (const table of ['consents', 'follow_ups', 'encounter_attendees', 'group_members'])
      expect(await sql(`select * from ${table} where participant_id = ?`, p.id)).toEqual([]);
    const row = (await auditRows(t.db, { action: 'delete', entity_type: 'participant' })).at(-1)!;
    expect(row).toMatchObject({ entity_id: p.code, actor_id: dpo.userId });
    expect(row.reason).not.toContain('Amal');
    expectError(await get(`/api/privacy/participants/${p.code}/export`), 404, 'NOT_FOUND');
  });

  it('refuses without the repeated code or a reason, and changes nothing', async () => {
    const { p } = await richParticipant();
    const erase = (payload: unknown) =>
      dpo.request({ method: 'POST', url: `/api/privacy/participants/${p.code}/erase`, payload });
    const body = expectError(
      await erase({ reason: 'Antrag vom 1.12.', confirmCode: 'GRO-XXXX' }),
      400,
      'CONFIRMATION_MISMATCH',
    );
    expect(body.details).toEqual([expect.objectContaining({ field: 'confirmCode' })]);
    expectError(await erase({ confirmCode: p.code }), 400, 'VALIDATION_FAILED');
    expectError(await erase({ reason: 'x', confirmCode: p.code }), 400, 'VALIDATION_FAILED');
    expect(await sql('select id from participants where id = ?', p.id)).toHaveLength(1);
    expect(
      await sql('select * from encounter_attendees where participant_id = ?', p.id),
    ).toHaveLength(2);
  });

  it('is refused to centre staff, who may not erase even their own centre’s people', async () => {
    const { p } = await richParticipant();
    expectError(
      await staff.request({
        method: 'POST',
        url: `/api/privacy/participants/${p.code}/erase`,
        payload: { reason: 'Bitte löschen', confirmCode: p.code },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await sql('select id from participants where id = ?', p.id)).toHaveLength(1);
  });
});

describe('retention', () => {
  it('erases participants without contact for longer than the setting, idempotently, with a dry run', async () => {
    const old = (await richParticipant(addMonths(today(), -30))).p;
    await q(t.db).run(
      'update participants set created_at = ? where id = ?',
      `${addMonths(today(), -31)}T10:00:00.000Z`,
      old.id,
    );
    await q(t.db).run(
      'update consents set given_on = ? where participant_id = ?',
      addMonths(today(), -31),
      old.id,
    );
    // Created and consented long ago, but attended three months ago: the attendance keeps them.
    const recent = (await richParticipant(addMonths(today(), -3))).p;
    await q(t.db).run(
      'update participants set created_at = ? where id = ?',
      `${addMonths(today(), -31)}T10:00:00.000Z`,
      recent.id,
    );
    await q(t.db).run(
      'update consents set given_on = ? where participant_id = ?',
      addMonths(today(), -31),
      recent.id,
    );
    await q(t.db).run(
      'update follow_up_attempts set attempted_on = ? where follow_up_id in (select id from follow_ups where participant_id = ?)',
      addMonths(today(), -31),
      recent.id,
    );

    const preview = (await get('/api/privacy/retention')).json();
    expect(preview.retentionMonths).toBe(24);
    expect(preview.participants.map((x: { code: string }) => x.code)).toContain(old.code);
    expect(preview.participants.map((x: { code: string }) => x.code)).not.toContain(recent.code);
    expect(await sql('select id from participants where id = ?', old.id)).toHaveLength(1); // dry run

    const run = await dpo.request({ method: 'POST', url: '/api/privacy/retention/run' });
    expect(run.statusCode).toBe(200);
    expect(run.json().erasedParticipants).toBe(preview.total);
    expect(await sql('select id from participants where id = ?', old.id)).toEqual([]);
    expect(await sql('select id from participants where id = ?', recent.id)).toHaveLength(1);
    expect((await auditRows(t.db, { entity_id: old.code, action: 'delete' }))[0]!.reason).toMatch(
      /^retention/,
    );

    expect((await applyRetention(t.db, new Date())).erasedParticipants).toBe(0);
  });

  it('follows the configured period', async () => {
    const p = (await richParticipant(addMonths(today(), -8))).p;
    await q(t.db).run(
      'update participants set created_at = ? where id = ?',
      `${addMonths(today(), -9)}T10:00:00.000Z`,
      p.id,
    );
    await q(t.db).run(
      'update consents set given_on = ? where participant_id = ?',
      addMonths(today(), -9),
      p.id,
    );
    expect((await applyRetention(t.db, new Date())).erasedParticipants).toBe(0);
    await q(t.db).run(
      "insert into settings (key, value) values ('participantRetentionMonths', 6) on conflict (key) do update set value = excluded.value",
    );
    expect(
      (await applyRetention(t.db, new Date(), { actorId: null, actorEmail: 'system:retention' }))
        .erasedParticipants,
    ).toBe(1);
    expect(await sql('select id from participants where id = ?', p.id)).toEqual([]);
    await q(t.db).run("delete from settings where key = 'participantRetentionMonths'");
  });
});

describe('record of processing (Art. 30)', () => {
  it('lists stored fields from the live schema, the configured retention and row counts', async () => {
    const res = await get('/api/privacy/records');
    expect(res.statusCode).toBe(200);
    expectSchema(RecordsOfProcessingSchema, res.json());
    const participants = res
      .json()
      .activities.find((a: { key: string }) => a.key === 'participants');
    expect(participants.fields).toContain('alias');
    expect(participants.retention).toEqual({ kind: 'months_after_last_contact', months: 24 });
    expect(participants.rows).toBe(
      (await one<{ n: number }>('select count(*) as n from participants')).n,
    );
    const applicants = res.json().activities.find((a: { key: string }) => a.key === 'applicants');
    expect(applicants.retention).toEqual({ kind: 'months_after_rejection', months: 6 });
    expect(applicants.fields).not.toContain('migration_background');
    const disclosure = res
      .json()
      .activities.find((a: { key: string }) => a.key === 'self_disclosures');
    expect(disclosure).toMatchObject({ legalBasis: 'art9_2a', rolesWithAccess: ['admin'] });
    expect(disclosure.fields).toContain('migration_background');
    for (const word of res.json().excludedCategories)
      expect(participants.fields.join(' ')).not.toMatch(new RegExp(word, 'i'));
  });
});

describe('audit export and read volume', () => {
  it('exports the filtered log as CSV and records the export', async () => {
    const res = await get('/api/audit/export.csv?action=export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Zeit (Europe/Berlin);Benutzer;E-Mail;Aktion;Objekt;Objekt-Kennung;Gezeigte Personen;Felder;Grund;IP;Prüfsumme',
    );
    // Header, one line per row, a blank line, and the chain head at export time.
    const rows = lines.slice(1, -2);
    const exported = await auditRows(t.db, { action: 'export' });
    expect(rows.length).toBe(exported.length - 1); // the CSV export itself is logged after
    // German labels and local time, not English internals and UTC.
    expect(rows.every((l) => l.split(';')[3] === 'exportiert')).toBe(true);
    expect(rows[0]).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2};/);
    expect(rows.map((l) => l.split(';')[10])).toEqual(
      exported
        .slice(0, -1)
        .reverse()
        .map((r) => (r as unknown as { hash: string }).hash),
    );
    const head = lines.at(-1)!.split(';');
    expect(head[0]).toBe('Kettenkopf (Stand des Exports)');
    expect(head[3]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('counts reads per user and day and flags unusual volumes', async () => {
    const heavy = await userClient(t, ['coordinator']);
    await withTransactionAsync(t.db, async (db) => {
      for (let i = 0; i < 250; i++)
        await insertAudit(db, {
          actorId: heavy.userId,
          actorEmail: 'heavy@test',
          action: 'read',
          entityType: 'participant',
          entityId: '1',
        });
    });
    const res = await get('/api/audit/read-volume?days=7');
    expect(res.statusCode).toBe(200);
    const row = res.json().rows.find((r: { actorId: number }) => r.actorId === heavy.userId);
    expect(row).toMatchObject({
      reads: 250,
      flagged: true,
      day: new Date().toISOString().slice(0, 10),
    });
    expectError(await get('/api/audit/read-volume?days=0'), 400, 'VALIDATION_FAILED');
    expectError(await get('/api/audit/read-volume', staff), 403, 'FORBIDDEN');
  });
});
