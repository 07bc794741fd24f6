import {
  addDays,
  addMonths,
  isoWeekday,
  localNow,
  participantCode,
  type ConsentLanguage,
} from '@begegnung/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { onPg } from '../db/engine.ts';
import { rawAll, rawRun } from '../db/raw.ts';
import { withTransactionAsync } from '../lib/tx.ts';

/** `text` with each `?` bound to the next parameter, as drizzle SQL for either engine. */
function bind(text: string, params: readonly unknown[]): SQL {
  const parts = text.split('?');
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((p, i) => chunks.push(sql`${p}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks, sql``);
}

/**
 * The generator's statements on either engine. SQLite: better-sqlite3 statements prepared once
 * and run at once (thousands of rows in one transaction, fast). PostgreSQL: the same SQL with
 * bound parameters through drizzle on the transaction's connection; `insert` appends
 * `returning id`; rows nobody needs an id of (`run`, `many`) are buffered and written as
 * multi-row inserts by `flush`, to save thousands of round trips.
 */
function statements(db: Db) {
  const flushers: (() => Promise<void>)[] = [];
  /** Rows of `head` (`insert into t (a, b) values`), `width` values each, written on flush. */
  const buffered = (head: string, width: number) => {
    const one = `(${Array(width).fill('?').join(',')})`;
    const rows: (readonly unknown[])[] = [];
    flushers.push(async () => {
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await rawRun(db)(bind(`${head} ${chunk.map(() => one).join(',')}`, chunk.flat()));
      }
      rows.length = 0;
    });
    return async (add: readonly (readonly unknown[])[]) => void rows.push(...add);
  };
  return {
    all: <T>(text: string) => rawAll(db)<T>(sql.raw(text)),
    insert: (text: string): ((...params: unknown[]) => Promise<number>) => {
      if (!onPg) {
        const st = db.$client.prepare(text);
        return async (...params) => Number(st.run(...params).lastInsertRowid);
      }
      return async (...params) =>
        Number((await rawAll(db)<{ id: number }>(bind(`${text} returning id`, params)))[0]!.id);
    },
    /** One row of an `insert into t (…) values (?,…)`. */
    run: (text: string): ((...params: unknown[]) => Promise<void>) => {
      if (!onPg) {
        const st = db.$client.prepare(text);
        return async (...params) => void st.run(...params);
      }
      const head = text.slice(0, text.lastIndexOf('('));
      const add = buffered(head, text.split('?').length - 1);
      return (...params) => add([params]);
    },
    /** Several rows of `head` (`insert into t (a, b) values`), `width` values each. */
    many: (head: string, width: number) => {
      if (!onPg) {
        const st = db.$client.prepare(`${head} (${Array(width).fill('?').join(',')})`);
        return async (rows: readonly (readonly unknown[])[]) => {
          for (const row of rows) st.run(...row);
        };
      }
      return buffered(head, width);
    },
    /** Writes the buffered rows (PostgreSQL). */
    flush: async () => {
      for (const f of flushers) await f();
    },
  };
}

/** Small, fast, deterministic PRNG (mulberry32): the same seed gives the same history. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALIASES = [
  'Amina',
  'Yusuf',
  'Olena',
  'Reza',
  'Fatima',
  'Dawit',
  'Leyla',
  'Omar',
  'Nour',
  'Hamid',
  'Mariam',
  'Ahmad',
  'Iryna',
  'Samir',
  'Zahra',
  'Bilal',
  'Hana',
  'Mehmet',
  'Rahel',
  'Karim',
  'Sara',
  'Ali',
  'Oksana',
  'Jamal',
  'Aisha',
  'Tesfay',
  'Roya',
  'Mustafa',
  'Dilan',
  'Hassan',
  'Lina',
  'Farid',
  'Natalia',
  'Yonas',
  'Shirin',
  'Khaled',
  'Selam',
  'Emine',
  'Tariq',
  'Huda',
];
const LANGUAGES = [
  'Arabisch',
  'Dari',
  'Farsi',
  'Ukrainisch',
  'Russisch',
  'Türkisch',
  'Kurdisch',
  'Tigrinya',
  'Englisch',
  'Französisch',
];
const CONSENT_LANG: Record<string, ConsentLanguage> = {
  Arabisch: 'ar',
  Dari: 'fa',
  Farsi: 'fa',
  Ukrainisch: 'uk',
  Russisch: 'uk',
  Türkisch: 'tr',
  Kurdisch: 'ku',
  Tigrinya: 'ti',
  Englisch: 'de',
  Französisch: 'de',
};
const CONTACT = ['phone', 'sms', 'messenger', 'in_person', 'letter'] as const;
const OUTCOMES = ['reached', 're_engaged', 'moved_away', 'declined', 'unreachable'] as const;
const SERVICES = ['counselling', 'language_course', 'job_centre', 'health', 'other'] as const;

interface GroupPlan {
  key: string;
  name: string;
  weekdays: number[];
  startTime: string;
  duration: number;
  hostMax: number;
}
/** Every centre runs a weekday language café, so "today's session" exists on any weekday. */
const GROUPS: GroupPlan[] = [
  {
    key: 'language_cafe',
    name: 'Sprachcafé',
    weekdays: [1, 2, 3, 4, 5],
    startTime: '15:00',
    duration: 90,
    hostMax: 6,
  },
  {
    key: 'open_cafe',
    name: 'Offenes Café',
    weekdays: [1, 3],
    startTime: '10:00',
    duration: 120,
    hostMax: 5,
  },
  {
    key: 'womens_group',
    name: 'Frauengruppe',
    weekdays: [4],
    startTime: '16:00',
    duration: 120,
    hostMax: 3,
  },
  {
    key: 'homework_help',
    name: 'Hausaufgabenhilfe',
    weekdays: [2, 4],
    startTime: '14:00',
    duration: 90,
    hostMax: 2,
  },
];

interface Person {
  id: number;
  centreId: number;
  activeFrom: string;
  activeTo: string;
  returnsOn: string | null;
  consents: { givenOn: string; expiresOn: string; withdrawnOn: string | null }[];
  language: ConsentLanguage;
}

export interface DemoSummary {
  participants: number;
  encounters: number;
  attendances: number;
  followUps: number;
}

/**
 * A synthetic two-year history for the demo centres: participants with moves into own flats,
 * lapses and returns, consent renewals and expiries, recurring groups with rosters, a few
 * thousand encounters with headcounts, follow-ups and referrals. Deterministic for a seed and
 * a `today`; runs on the caller's connection (inside its transaction when there is one).
 */
export async function seedEncounterDemo(
  db: Db,
  opts: { seed?: number; today?: string; participantsPerCentre?: number } = {},
): Promise<DemoSummary> {
  // One transaction (a savepoint inside the caller's): every statement on its connection.
  return withTransactionAsync(db, (tx) => generate(tx, opts));
}

async function generate(
  db: Db,
  opts: { seed?: number; today?: string; participantsPerCentre?: number },
): Promise<DemoSummary> {
  const rand = mulberry32(opts.seed ?? 20180619);
  const today = opts.today ?? localNow().date;
  const start = addDays(today, -730);
  const st = statements(db);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const dayBetween = (from: string, to: string) => {
    const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
    return addDays(from, between(0, span));
  };

  const centres = await st.all<{ id: number; code: string; district: string }>(
    `select id, code, district from centres where code in ('GRO','WEST','LEI','HOB') order by id`,
  );
  const staffRows = await st.all<{ centreId: number; userId: number }>(
    `select uc.centre_id as "centreId", u.id as "userId" from user_centres uc
       join users u on u.id = uc.user_id join user_roles r on r.user_id = u.id and r.role = 'centre_staff'
       order by u.id, uc.centre_id`,
  );
  const activityIds = Object.fromEntries(
    (
      await st.all<{ id: number; key: string }>(
        'select id, key from activities where key is not null',
      )
    ).map((a) => [a.key, a.id]),
  );

  const insParticipant = st.insert(
    `insert into participants (code, centre_id, alias, languages, household_size, district, moved_in_at,
     contact_preference, notes, created_by_id, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insConsent = st.run(
    `insert into consents (participant_id, purpose, given_on, expires_on, withdrawn_on, language, explained_by_id, created_at)
     values (?,?,?,?,?,?,?,?)`,
  );
  const insGroup = st.insert(
    `insert into recurring_groups (centre_id, activity_id, name, weekdays, start_time, duration_minutes) values (?,?,?,?,?,?)`,
  );
  const insMembers = st.many('insert into group_members (group_id, participant_id) values', 2);
  const insEncounter = st.insert(
    `insert into encounters (centre_id, activity_id, group_id, date, start_time, duration_minutes, newcomers, host,
     volunteers, other, author_id, client_request_id, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insAttendees = st.many(
    'insert into encounter_attendees (encounter_id, participant_id) values',
    2,
  );
  const insStaff = st.many('insert into encounter_staff (encounter_id, user_id) values', 2);
  const insFollowUp = st.insert(
    `insert into follow_ups (participant_id, assignee_id, due_on, reason, status, outcome, closed_on, created_by_id, created_at, updated_at)
     values (?,?,?,?,?,?,?,?,?,?)`,
  );
  const insAttempt = st.run(
    'insert into follow_up_attempts (follow_up_id, attempted_on, outcome, note, by_id, created_at) values (?,?,?,?,?,?)',
  );
  const insReferral = st.run(
    'insert into referrals (participant_id, service, referred_on, note, by_id, created_at) values (?,?,?,?,?,?)',
  );

  const summary: DemoSummary = { participants: 0, encounters: 0, attendances: 0, followUps: 0 };
  const codes = new Set<string>();
  const at = (d: string, t = '12:00') => `${d}T${t}:00.000Z`;
  const hasConsentOn = (p: Person, d: string) =>
    p.consents.some(
      (c) => c.givenOn <= d && d < c.expiresOn && (!c.withdrawnOn || c.withdrawnOn > d),
    );
  const activeOn = (p: Person, d: string) =>
    (d >= p.activeFrom && d <= p.activeTo) || (p.returnsOn !== null && d >= p.returnsOn);

  const run = async () => {
    let requestNo = 0;
    for (const centre of centres) {
      const staff = staffRows.filter((s) => s.centreId === centre.id).map((s) => s.userId);
      const author = staff[0];
      if (author === undefined) continue;
      const people: Person[] = [];
      const n = opts.participantsPerCentre ?? between(65, 85);
      for (let i = 0; i < n; i++) {
        let code = participantCode(centre.code, rand);
        while (codes.has(code)) code = participantCode(centre.code, rand);
        codes.add(code);
        const langs = [pick(LANGUAGES)];
        if (rand() < 0.4) langs.push('Deutsch');
        const activeFrom = dayBetween(start, addDays(today, -14));
        // 55 % still come; others lapsed at some point, a third of those came back later.
        const lapsed = rand() < 0.45;
        const activeTo = lapsed ? dayBetween(activeFrom, addDays(today, -43)) : today;
        const returnsOn = lapsed && rand() < 0.33 ? dayBetween(activeTo, today) : null;
        const movedInAt =
          rand() < 0.75
            ? dayBetween(addDays(activeFrom, -120), activeFrom < today ? activeFrom : today)
            : null;
        const pid = await insParticipant(
          code,
          centre.id,
          rand() < 0.8 ? pick(ALIASES) : null,
          JSON.stringify(langs),
          between(1, 7),
          centre.district,
          movedInAt && movedInAt <= today ? movedInAt : null,
          pick(CONTACT),
          null,
          author,
          at(activeFrom),
          at(activeFrom),
        );
        const person: Person = {
          id: pid,
          centreId: centre.id,
          activeFrom,
          activeTo,
          returnsOn,
          consents: [],
          language: CONSENT_LANG[langs[0]!] ?? 'de',
        };
        // Consent: 80 % agree at first contact; renewed yearly while they keep coming.
        if (rand() < 0.8) {
          let given = activeFrom;
          while (given <= today) {
            const expires = addMonths(given, 12);
            const withdrawn =
              rand() < 0.04 ? dayBetween(given, expires < today ? expires : today) : null;
            person.consents.push({ givenOn: given, expiresOn: expires, withdrawnOn: withdrawn });
            await insConsent(
              pid,
              'follow_up_contact',
              given,
              expires,
              withdrawn,
              person.language,
              author,
              at(given),
            );
            if (withdrawn || !activeOn(person, expires) || rand() < 0.15) break;
            given = expires;
          }
          if (rand() < 0.5)
            await insConsent(
              pid,
              'named_statistics',
              activeFrom,
              addMonths(activeFrom, 12),
              null,
              person.language,
              author,
              at(activeFrom),
            );
          if (rand() < 0.2)
            await insConsent(
              pid,
              'photos',
              activeFrom,
              addMonths(activeFrom, 12),
              null,
              person.language,
              author,
              at(activeFrom),
            );
        }
        people.push(person);
        summary.participants++;
      }

      // Recurring groups; rosters hold people who come and can be named today.
      const namedToday = people.filter((p) => activeOn(p, today) && hasConsentOn(p, today));
      const groups: ((typeof GROUPS)[number] & { id: number; roster: Person[] })[] = [];
      for (const [gi, g] of GROUPS.entries()) {
        const id = await insGroup(
          centre.id,
          activityIds[g.key],
          g.name,
          JSON.stringify(g.weekdays),
          g.startTime,
          g.duration,
        );
        const roster = namedToday
          .filter((_, i) => i % GROUPS.length === gi)
          .slice(0, gi === 0 ? 8 : 6);
        await insMembers(roster.map((p) => [id, p.id]));
        groups.push({ ...g, id, roster });
      }

      for (let d = start; d < today; d = addDays(d, 1)) {
        const wd = isoWeekday(d);
        if (wd > 5) continue;
        const present = people.filter((p) => activeOn(p, d));
        for (const g of groups) {
          if (!g.weekdays.includes(wd) || rand() < 0.12) continue;
          const named = present.filter(
            (p) => hasConsentOn(p, d) && (g.roster.includes(p) ? rand() < 0.7 : rand() < 0.04),
          );
          const eid = await insEncounter(
            centre.id,
            activityIds[g.key],
            g.id,
            d,
            g.startTime,
            g.duration,
            between(1, 10),
            between(0, g.hostMax),
            between(0, 3),
            between(0, 2),
            author,
            `demo-${centre.code}-${++requestNo}`,
            at(d, g.startTime),
            at(d, g.startTime),
          );
          await insAttendees(named.map((p) => [eid, p.id]));
          await insStaff(staff.map((s) => [eid, s]));
          summary.encounters++;
          summary.attendances += named.length;
        }
        // Counselling and accompaniment: one named person, when they consented.
        if (rand() < 0.55) {
          const cand = present.filter((p) => hasConsentOn(p, d));
          const p = cand.length ? pick(cand) : undefined;
          const key = rand() < 0.7 ? 'counselling' : 'accompaniment';
          const eid = await insEncounter(
            centre.id,
            activityIds[key],
            null,
            d,
            `${between(9, 15)}:00`.padStart(5, '0'),
            key === 'counselling' ? 45 : 120,
            p ? 0 : 1,
            0,
            0,
            0,
            author,
            `demo-${centre.code}-${++requestNo}`,
            at(d),
            at(d),
          );
          if (p) {
            await insAttendees([[eid, p.id]]);
            summary.attendances++;
          }
          await insStaff([[eid, author]]);
          summary.encounters++;
        }
        // Now and then an excursion or sport afternoon with many host-society neighbours.
        if (rand() < 0.03) {
          const key = rand() < 0.5 ? 'excursion' : 'sport';
          await insEncounter(
            centre.id,
            activityIds[key],
            null,
            d,
            '13:00',
            key === 'excursion' ? 240 : 90,
            between(5, 20),
            between(3, 15),
            between(1, 5),
            between(0, 4),
            author,
            `demo-${centre.code}-${++requestNo}`,
            at(d, '13:00'),
            at(d, '13:00'),
          );
          summary.encounters++;
        }
      }

      // Outreach: people who lapsed are followed up (closed with outcomes), recent ones still open.
      for (const p of people) {
        const lapseSeen = addDays(p.activeTo, 42);
        if (p.activeTo >= today || !hasConsentOn(p, p.activeTo) || rand() < 0.3) continue;
        const assignee = pick(staff);
        const due = lapseSeen < today ? lapseSeen : today;
        const open = lapseSeen > addDays(today, -60) && !p.returnsOn;
        const outcome = p.returnsOn ? 're_engaged' : pick(OUTCOMES);
        const fid = await insFollowUp(
          p.id,
          assignee,
          due,
          'Seit über 6 Wochen nicht gesehen',
          open ? 'open' : 'closed',
          open ? null : outcome,
          open ? null : dayBetween(due, p.returnsOn ?? today),
          author,
          at(due),
          at(due),
        );
        const attempts = between(open ? 0 : 1, 3);
        for (let k = 0; k < attempts; k++) {
          const on = addDays(due, k * 5) < today ? addDays(due, k * 5) : today;
          await insAttempt(
            fid,
            on,
            k === attempts - 1 && !open ? outcome : 'unreachable',
            null,
            assignee,
            at(on),
          );
        }
        summary.followUps++;
        if (rand() < 0.15) {
          await insReferral(p.id, pick(SERVICES), p.activeFrom, null, author, at(p.activeFrom));
        }
      }
    }
  };
  await run();
  await st.flush();
  return summary;
}
