import { localNow, REMINDER_DEFAULT, type ReminderMode } from '@begegnung/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Mailer } from '../../lib/mailer.ts';
import * as repo from './reminders.repository.ts';

export interface DigestResult {
  sent: number;
  failed: number;
  /** Users whose digest for the day had already gone out. */
  skipped: number;
}

/**
 * Sends reminder mails after the request's transaction committed. Never throws into a request:
 * a failing SMTP server is logged and recorded in `mail_deliveries` (status 'failed').
 * Messages hold the centre's name and a link into the app, nothing about the person.
 */
export interface Notifier {
  readonly configured: boolean;
  /** A task was (re)assigned by `byUserId`; mails the assignee in the background. */
  followUpAssigned(e: { followUpId: number; assigneeId: number; byUserId: number }): void;
  /** Today's digests (at most one per user and day); for the daily scheduler. */
  sendDigests(now?: Date): Promise<DigestResult>;
  /** Resolves when every mail started so far has been sent or has failed (tests, shutdown). */
  idle(): Promise<void>;
}

const modeOf = (r: string | null | undefined): ReminderMode =>
  (r as ReminderMode | null | undefined) ?? REMINDER_DEFAULT;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function assignmentMail(locale: 'de' | 'en', centre: string, link: string) {
  return locale === 'en'
    ? {
        subject: `Begegnung: a new outreach task for you (${centre})`,
        text: `Hello,\n\nan outreach task at ${centre} has been assigned to you.\n\nOpen it in Begegnung: ${link}\n\nYou can change which reminders you get under "My account".\n`,
      }
    : {
        subject: `Begegnung: Neue Aufgabe der nachgehenden Arbeit (${centre})`,
        text: `Guten Tag,\n\nIhnen wurde eine Aufgabe der nachgehenden Arbeit im ${centre} zugewiesen.\n\nÖffnen Sie sie in Begegnung: ${link}\n\nWelche Erinnerungen Sie bekommen, stellen Sie unter „Mein Konto“ ein.\n`,
      };
}

export function digestMail(
  locale: 'de' | 'en',
  rows: { centreName: string; due: number; overdue: number }[],
  link: string,
) {
  const total = rows.reduce((a, r) => a + r.due, 0);
  if (locale === 'en') {
    const lines = rows.map(
      (r) => `- ${r.centreName}: ${r.due} due${r.overdue ? `, of which ${r.overdue} overdue` : ''}`,
    );
    return {
      subject: `Begegnung: ${total} outreach task${total === 1 ? '' : 's'} due`,
      text: `Hello,\n\nthese outreach tasks assigned to you are due today or overdue:\n\n${lines.join('\n')}\n\nOpen your tasks in Begegnung: ${link}\n\nYou can change which reminders you get under "My account".\n`,
    };
  }
  const lines = rows.map(
    (r) =>
      `- ${r.centreName}: ${r.due} fällig${r.overdue ? `, davon ${r.overdue} überfällig` : ''}`,
  );
  return {
    subject: `Begegnung: ${total} ${total === 1 ? 'Aufgabe' : 'Aufgaben'} der nachgehenden Arbeit fällig`,
    text: `Guten Tag,\n\ndiese Ihnen zugewiesenen Aufgaben der nachgehenden Arbeit sind heute fällig oder überfällig:\n\n${lines.join('\n')}\n\nIhre Aufgaben in Begegnung: ${link}\n\nWelche Erinnerungen Sie bekommen, stellen Sie unter „Mein Konto“ ein.\n`,
  };
}

export function createNotifier(opts: {
  db: Db;
  mailer: Mailer | null;
  publicUrl: string;
  log: FastifyBaseLogger;
}): Notifier {
  const { db, mailer, publicUrl, log } = opts;
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
    return p;
  };
  const link = `${publicUrl}/follow-ups`;

  async function deliver(id: number, to: string, mail: { subject: string; text: string }) {
    try {
      await mailer!.send({ to, ...mail });
      await repo.finishDelivery(db, id, null);
      return true;
    } catch (e) {
      log.error({ err: e, delivery: id }, 'reminder mail failed');
      try {
        await repo.finishDelivery(db, id, errorText(e));
      } catch (e2) {
        log.error({ err: e2, delivery: id }, 'could not record the failed mail');
      }
      return false;
    }
  }

  return {
    configured: mailer !== null,

    followUpAssigned({ followUpId, assigneeId, byUserId }) {
      if (!mailer || assigneeId === byUserId) return;
      void track(
        (async () => {
          try {
            const f = await repo.assignmentFacts(db, followUpId);
            if (!f || !f.active || f.userId !== assigneeId || modeOf(f.reminders) === 'off') return;
            const id = await repo.insertDelivery(db, {
              userId: f.userId,
              kind: 'assignment',
              followUpId,
            });
            await deliver(id, f.email, assignmentMail(f.locale ?? 'de', f.centreName, link));
          } catch (e) {
            log.error({ err: e, followUpId }, 'reminder mail not sent');
          }
        })(),
      );
    },

    async sendDigests(now = new Date()) {
      const result: DigestResult = { sent: 0, failed: 0, skipped: 0 };
      if (!mailer) return result;
      const day = localNow(now).date;
      const rows = await repo.dueForDigest(db, day);
      const byUser = new Map<number, typeof rows>();
      for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
      for (const [userId, list] of byUser) {
        const id = await repo.claimDigest(db, userId, day);
        if (id === null) {
          result.skipped++;
          continue;
        }
        const u = list[0]!;
        const ok = await track(deliver(id, u.email, digestMail(u.locale ?? 'de', list, link)));
        if (ok) result.sent++;
        else result.failed++;
      }
      return result;
    },

    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
