import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { MailStatusSchema, ReminderSettingsSchema } from '@begegnung/domain';
import {
  createTestApp,
  expectError,
  expectSchema,
  makeCentre,
  userClient,
  type Client,
  type TestApp,
  q,
} from './helper.ts';
import { makeParticipant, today } from './encounter-fixtures.ts';
import { loadConfig } from '../src/config.ts';

/**
 * Reminder mails against a real SMTP server started here (smtp-server on a free port), which
 * keeps every message it receives.
 */
interface Received {
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (raw += c));
    stream.on('end', () => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

/** A port nobody listens on: taken and released again. */
const closedPort = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as AddressInfo;
    s.close(() => resolve(port));
  });
});

const PUBLIC_URL = 'https://begegnung.stadt.example';
const withMail = await createTestApp({
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: 'Begegnung <begegnung@stadt.example>',
  PUBLIC_URL,
});
const smtpDown = await createTestApp({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(closedPort),
  MAIL_FROM: 'begegnung@stadt.example',
});
const noMail = await createTestApp();

/** Decoded text of a message (quoted-printable: soft breaks and escapes undone, UTF-8). */
const body = (m: Received) =>
  Buffer.from(
    m.raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

interface Setup {
  centre: { id: number; name: string };
  coordinator: Client;
  staff: Client;
}
async function setup(t: TestApp): Promise<Setup> {
  const centre = await makeCentre(t.db);
  return {
    centre,
    coordinator: await userClient(t, ['coordinator']),
    staff: await userClient(t, ['centre_staff'], [centre.id]),
  };
}

async function assign(t: TestApp, s: Setup, dueOn = today()) {
  const p = await makeParticipant(t.db, s.centre.id, { consentBy: s.staff.userId });
  const res = await s.coordinator.request({
    method: 'POST',
    url: '/api/follow-ups',
    payload: { participantId: p.id, assigneeId: s.staff.userId, dueOn, reason: 'Lange nicht da' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { participant: p, followUp: res.json() as { id: number } };
}

const setReminders = async (c: Client, reminders: string) => {
  const res = await c.request({
    method: 'PUT',
    url: '/api/account/reminders',
    payload: { reminders },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const deliveries = async (t: TestApp, userId: number) =>
  (await q(t.db).all(
    'select kind, status, error, digest_day from mail_deliveries where user_id = ? order by id',
    userId,
  )) as {
    kind: string;
    status: string;
    error: string | null;
    digest_day: string | null;
  }[];

describe('reminder mails through a real SMTP server', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(withMail);
  });

  it('says mail is configured, and the default is a mail on assignment', async () => {
    const status = await s.staff.request({ method: 'GET', url: '/api/mail/status' });
    expect(status.statusCode).toBe(200);
    expectSchema(MailStatusSchema, status.json());
    expect(status.json()).toEqual({ configured: true });
    const mine = await s.staff.request({ method: 'GET', url: '/api/account/reminders' });
    expectSchema(ReminderSettingsSchema, mine.json());
    expect(mine.json()).toEqual({
      reminders: 'assignment',
      mailConfigured: true,
      email: s.staff.email,
    });
  });

  it('mails the assignee once, with the centre and a link, without alias or code', async () => {
    const before = inbox.length;
    const { participant } = await assign(withMail, s);
    await withMail.app.notifier.idle();
    const mails = inbox.slice(before);
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.to).toEqual([s.staff.email]);
    const text = body(m);
    expect(text).toContain(s.centre.name);
    expect(text).toContain(`${PUBLIC_URL}/follow-ups`);
    expect(text).not.toContain(participant.alias!);
    expect(text).not.toContain(participant.code);
    expect(text).not.toContain('Lange nicht da'); // the task's reason is free text: never mailed
    expect((await deliveries(withMail, s.staff.userId)).at(-1)).toMatchObject({
      kind: 'assignment',
      status: 'sent',
    });
  });

  it('sends no mail for a task one assigns to oneself', async () => {
    const before = inbox.length;
    const p = await makeParticipant(withMail.db, s.centre.id, { consentBy: s.staff.userId });
    const res = await s.staff.request({
      method: 'POST',
      url: '/api/follow-ups',
      payload: { participantId: p.id, assigneeId: s.staff.userId, dueOn: today(), reason: 'xy' },
    });
    expect(res.statusCode, res.body).toBe(201);
    await withMail.app.notifier.idle();
    expect(inbox.length).toBe(before);
  });

  it('mails a new assignee when a task is handed over', async () => {
    const { followUp } = await assign(withMail, s);
    await withMail.app.notifier.idle();
    const other = await userClient(withMail, ['centre_staff'], [s.centre.id]);
    const before = inbox.length;
    const res = await s.coordinator.request({
      method: 'PATCH',
      url: `/api/follow-ups/${followUp.id}`,
      payload: { assigneeId: other.userId },
    });
    expect(res.statusCode, res.body).toBe(200);
    await withMail.app.notifier.idle();
    expect(inbox.slice(before).map((m) => m.to)).toEqual([[other.email]]);
  });

  it('sends the daily digest once per day and user (the job run twice gives one mail)', async () => {
    const u = await setup(withMail);
    expect((await setReminders(u.staff, 'digest')).reminders).toBe('digest');
    await assign(withMail, u); // due today
    await assign(withMail, u, '2099-01-01'); // not due: not counted
    await withMail.app.notifier.idle();
    const before = inbox.length;
    const first = await withMail.app.notifier.sendDigests();
    const second = await withMail.app.notifier.sendDigests();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(second.sent).toBe(0);
    const mine = inbox.slice(before).filter((m) => m.to.includes(u.staff.email));
    expect(mine).toHaveLength(1);
    const text = body(mine[0]!);
    expect(text).toContain(`${u.centre.name}: 1 fällig`);
    expect(text).toContain(`${PUBLIC_URL}/follow-ups`);
    const digests = (await deliveries(withMail, u.staff.userId)).filter((d) => d.kind === 'digest');
    expect(digests).toEqual([{ kind: 'digest', status: 'sent', error: null, digest_day: today() }]);
  });

  it('sends nothing to a user who turned reminders off', async () => {
    const u = await setup(withMail);
    await setReminders(u.staff, 'off');
    const before = inbox.length;
    await assign(withMail, u);
    await withMail.app.notifier.idle();
    await withMail.app.notifier.sendDigests();
    expect(inbox.slice(before).filter((m) => m.to.includes(u.staff.email))).toHaveLength(0);
    expect(await deliveries(withMail, u.staff.userId)).toEqual([]);
  });

  it('refuses an unknown setting with a clear 400', async () => {
    const res = await s.staff.request({
      method: 'PUT',
      url: '/api/account/reminders',
      payload: { reminders: 'hourly' },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});

describe('a failing SMTP server', () => {
  it('never fails the request; the failure is logged and recorded', async () => {
    const s = await setup(smtpDown);
    await assign(smtpDown, s);
    await smtpDown.app.notifier.idle();
    const [d] = await deliveries(smtpDown, s.staff.userId);
    expect(d).toMatchObject({ kind: 'assignment', status: 'failed' });
    expect(d!.error).toMatch(/ECONNREFUSED|connect/i);
    // A failed digest may be tried again later that day, and then counts once.
    await setReminders(s.staff, 'digest');
    expect((await smtpDown.app.notifier.sendDigests()).failed).toBe(1);
    expect((await smtpDown.app.notifier.sendDigests()).failed).toBe(1);
    expect(
      (await deliveries(smtpDown, s.staff.userId)).filter((x) => x.kind === 'digest'),
    ).toHaveLength(1);
  });
});

describe('without SMTP', () => {
  it('sends nothing, and the status route and the account setting say so', async () => {
    const s = await setup(noMail);
    const status = await s.staff.request({ method: 'GET', url: '/api/mail/status' });
    expect(status.json()).toEqual({ configured: false });
    expect((await setReminders(s.staff, 'digest')).mailConfigured).toBe(false);
    await assign(noMail, s);
    await noMail.app.notifier.idle();
    expect(await noMail.app.notifier.sendDigests()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await deliveries(noMail, s.staff.userId)).toEqual([]);
  });

  it('needs a sender when SMTP is set', () => {
    expect(() => loadConfig({ SMTP_HOST: 'mail.example' })).toThrow(/MAIL_FROM/);
  });
});
