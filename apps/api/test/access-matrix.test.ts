import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  lastAuditId,
  makeCentre,
  makeOperator,
  makeUser,
  roleClient,
  TEST_PASSWORD,
  unique,
  uniqueCode,
  type Client,
} from './helper.ts';
import { costAssumptions, postAssignments, posts, scenarios } from '../src/db/schema/index.ts';
import {
  activityId,
  centreOf,
  makeEncounter,
  makeFollowUp,
  makeGroup,
  makeParticipant,
  today,
} from './encounter-fixtures.ts';
import { randomUUID } from 'node:crypto';

/**
 * Who may call what. Every operation in the OpenAPI document needs an entry here, so a new
 * route fails this file until someone decides its access rule. `public` routes need no
 * session (documented with `security: []`); `roles: 'any'` means any signed-in user.
 */
const EXPECTED: Record<string, { public?: true; roles: Role[] | 'any' }> = {
  'GET /api/health': { public: true, roles: 'any' },
  'POST /api/auth/login': { public: true, roles: 'any' },
  'GET /api/auth/session': { roles: 'any' },
  'POST /api/auth/logout': { roles: 'any' },
  'GET /api/users': { roles: ['admin'] },
  'POST /api/users': { roles: ['admin'] },
  'GET /api/users/{id}': { roles: ['admin'] },
  'PATCH /api/users/{id}': { roles: ['admin'] },
  'POST /api/users/{id}/password': { roles: ['admin'] },
  'GET /api/centres': { roles: 'any' },
  'POST /api/centres': { roles: ['admin'] },
  'GET /api/centres/{id}': { roles: 'any' },
  'PATCH /api/centres/{id}': { roles: ['admin'] },
  'DELETE /api/centres/{id}': { roles: ['admin'] },
  'GET /api/operators': { roles: 'any' },
  'POST /api/operators': { roles: ['admin'] },
  'GET /api/operators/{id}': { roles: 'any' },
  'PATCH /api/operators/{id}': { roles: ['admin'] },
  'DELETE /api/operators/{id}': { roles: ['admin'] },
  'GET /api/audit': { roles: ['data_protection'] },
  'GET /api/posts': { roles: ['admin', 'coordinator'] },
  'POST /api/posts': { roles: ['admin'] },
  'GET /api/posts/{id}': { roles: ['admin', 'coordinator'] },
  'PATCH /api/posts/{id}': { roles: ['admin'] },
  'POST /api/posts/{id}/status': { roles: ['admin'] },
  'PUT /api/posts/{id}/allocations': { roles: ['admin'] },
  'GET /api/posts/{id}/assignments': { roles: ['admin', 'coordinator'] },
  'POST /api/posts/{id}/assignments': { roles: ['admin'] },
  'DELETE /api/posts/{id}/assignments/{assignmentId}': { roles: ['admin'] },
  'GET /api/scenarios': { roles: ['admin', 'coordinator'] },
  'POST /api/scenarios': { roles: ['admin', 'coordinator'] },
  'GET /api/scenarios/{id}': { roles: ['admin', 'coordinator'] },
  // Coordinators edit only their own drafts; the fixture belongs to nobody.
  'PATCH /api/scenarios/{id}': { roles: ['admin'] },
  'DELETE /api/scenarios/{id}': { roles: ['admin'] },
  'POST /api/scenarios/{id}/copy': { roles: ['admin', 'coordinator'] },
  'PUT /api/scenarios/{id}/lines': { roles: ['admin'] },
  'GET /api/scenario-comparison': { roles: ['admin', 'coordinator'] },
  'GET /api/scenario-comparison.csv': { roles: ['admin', 'coordinator'] },
  'GET /api/staffing/needs': { roles: ['admin', 'coordinator'] },
  'PUT /api/staffing/needs': { roles: ['admin', 'coordinator'] },
  'GET /api/cost-assumptions': { roles: ['admin', 'coordinator'] },
  'POST /api/cost-assumptions': { roles: ['admin'] },
  'PATCH /api/cost-assumptions/{id}': { roles: ['admin'] },
  // Participants and encounters: centre staff write in their own centre, coordinators read
  // everywhere (and correct encounters, run follow-ups); admins only manage the catalogue.
  'GET /api/activities': { roles: 'any' },
  'POST /api/activities': { roles: ['admin'] },
  'PATCH /api/activities/{id}': { roles: ['admin'] },
  'GET /api/groups': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/groups': { roles: ['centre_staff'] },
  'GET /api/groups/{id}': { roles: ['coordinator', 'centre_staff'] },
  'PATCH /api/groups/{id}': { roles: ['centre_staff'] },
  'GET /api/participants': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/participants': { roles: ['centre_staff'] },
  'GET /api/participants/{id}': { roles: ['coordinator', 'centre_staff'] },
  'PATCH /api/participants/{id}': { roles: ['centre_staff'] },
  'GET /api/participants/{id}/timeline': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/participants/{id}/transfer': { roles: ['centre_staff'] },
  'POST /api/participants/{id}/consents': { roles: ['centre_staff'] },
  'POST /api/participants/{id}/consents/{consentId}/withdraw': { roles: ['centre_staff'] },
  'POST /api/participants/{id}/referrals': { roles: ['centre_staff'] },
  'GET /api/encounters': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/encounters': { roles: ['centre_staff'] },
  'GET /api/encounters/staff': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/encounters/{id}': { roles: ['coordinator', 'centre_staff'] },
  'PATCH /api/encounters/{id}': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/follow-ups': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/follow-ups': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/follow-ups/{id}': { roles: ['coordinator', 'centre_staff'] },
  'PATCH /api/follow-ups/{id}': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/follow-ups/{id}/attempts': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/follow-ups/{id}/close': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/settings': { roles: 'any' },
  'PATCH /api/settings': { roles: ['admin'] },
  // Reporting: people figures for coordinators and centre staff (own centre); staffing
  // aggregates for the steering roles.
  'GET /api/reporting/dashboard': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/out-of-view': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/outreach': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/staffing': { roles: ['admin', 'coordinator'] },
  'POST /api/reporting/staffing/apply-needs': { roles: ['admin', 'coordinator'] },
  'GET /api/reporting/report.pdf': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/report.csv': { roles: ['coordinator', 'centre_staff'] },
};

/** Fixtures for the posts and scenarios routes (rows inserted directly). */
function makePost(): number {
  return t.db
    .insert(posts)
    .values({
      code: unique('MX-'),
      title: 'Matrix-Stelle',
      roleType: 'centre_integration',
      fteMilli: 500,
      payGroup: 'S 11b',
      employer: 'city',
      fundingMode: 'grant',
      budgetYearFrom: 2019,
    })
    .returning({ id: posts.id })
    .get().id;
}
let matrixYear = 2000;

const t = await createTestApp();

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface OpenApiOperation {
  security?: unknown[];
  requestBody?: unknown;
}
const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], OpenApiOperation>>>;
};
const OPERATIONS = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({
    key: `${m.toUpperCase()} ${path}`,
    method: m.toUpperCase() as Method,
    path,
    op: item[m]!,
  })),
);

/** The centre of the centre_staff caller: centre objects live there so staff are "allowed". */
const staffCentre = () => centreOf(t.db, clients.centre_staff.userId);
const staffId = () => clients.centre_staff.userId;
const consenting = () => makeParticipant(t.db, staffCentre(), { consentBy: staffId() });

/**
 * A fresh object for each path with an {id}, so deletes and changes never collide. A fixture
 * may return several path parameters by name.
 */
const PATH_FIXTURES: Record<
  string,
  () => Promise<number | Record<string, number>> | number | Record<string, number>
> = {
  '/api/users/{id}': async () => (await makeUser(t.db, ['coordinator'])).id,
  '/api/users/{id}/password': async () => (await makeUser(t.db, ['coordinator'])).id,
  '/api/centres/{id}': () => makeCentre(t.db).id,
  '/api/operators/{id}': () => makeOperator(t.db).id,
  '/api/posts/{id}': () => makePost(),
  '/api/posts/{id}/status': () => makePost(),
  '/api/posts/{id}/allocations': () => makePost(),
  '/api/posts/{id}/assignments': () => makePost(),
  '/api/scenarios/{id}': () =>
    t.db
      .insert(scenarios)
      .values({ name: unique('Matrix ') })
      .returning()
      .get().id,
  '/api/scenarios/{id}/copy': () =>
    t.db
      .insert(scenarios)
      .values({ name: unique('Matrix ') })
      .returning()
      .get().id,
  '/api/scenarios/{id}/lines': () =>
    t.db
      .insert(scenarios)
      .values({ name: unique('Matrix ') })
      .returning()
      .get().id,
  '/api/cost-assumptions/{id}': () =>
    t.db
      .insert(costAssumptions)
      .values({ payGroup: unique('MX'), validFrom: '2019-01-01', annualCostEuros: 72000 })
      .returning()
      .get().id,
  '/api/posts/{id}/assignments/{assignmentId}': () => {
    const id = makePost();
    const assignmentId = t.db
      .insert(postAssignments)
      .values({ postId: id, personName: 'Matrix Person', fromDate: '2020-01-01', percent: 50 })
      .returning()
      .get().id;
    return { id, assignmentId };
  },
  '/api/activities/{id}': () => activityId(t.db, 'sport'),
  '/api/groups/{id}': () => makeGroup(t.db, staffCentre()).id,
  '/api/participants/{id}': () => consenting().id,
  '/api/participants/{id}/timeline': () => consenting().id,
  '/api/participants/{id}/transfer': () => consenting().id,
  '/api/participants/{id}/consents': () => consenting().id,
  '/api/participants/{id}/consents/{consentId}/withdraw': () => {
    const p = consenting();
    const c = t.db.$client
      .prepare('select id from consents where participant_id = ?')
      .get(p.id) as {
      id: number;
    };
    return { id: p.id, consentId: c.id };
  },
  '/api/participants/{id}/referrals': () => consenting().id,
  '/api/encounters/{id}': () => makeEncounter(t.db, staffCentre(), staffId()).id,
  '/api/follow-ups/{id}': () => makeFollowUp(t.db, consenting().id, staffId()).id,
  '/api/follow-ups/{id}/attempts': () => makeFollowUp(t.db, consenting().id, staffId()).id,
  '/api/follow-ups/{id}/close': () => makeFollowUp(t.db, consenting().id, staffId()).id,
};

/** Query strings for operations that need one. */
const QUERIES: Record<string, () => string> = {
  'GET /api/encounters/staff': () => `?centreId=${staffCentre()}`,
};

/** A valid body for each operation that takes one; `self` is the caller's own account. */
const SAMPLES: Record<string, (self: { email: string }) => unknown> = {
  'POST /api/auth/login': (self) => ({ email: self.email, password: TEST_PASSWORD }),
  'POST /api/users': () => ({
    email: `${unique('matrix')}@test.begegnung.de`,
    displayName: unique('Matrix '),
    password: 'Matrix-Passphrase-2024',
    roles: ['coordinator'],
    centreIds: [],
  }),
  'PATCH /api/users/{id}': () => ({ displayName: unique('Umbenannt ') }),
  'POST /api/users/{id}/password': () => ({ password: 'Neue-Matrix-Passphrase-7' }),
  'POST /api/centres': () => ({
    name: unique('Matrix-Zentrum '),
    code: uniqueCode(),
    operatorId: makeOperator(t.db).id,
    address: 'Londonstraße 11a',
    district: 'Holtenser Berg',
  }),
  'PATCH /api/centres/{id}': () => ({ openingHours: 'Mo 9–12 Uhr' }),
  'POST /api/operators': () => ({ name: unique('Matrix-Träger '), legalForm: 'e_v' }),
  'PATCH /api/operators/{id}': () => ({ legalForm: 'ggmbh' }),
  'POST /api/posts': () => ({
    code: unique('MXP-'),
    title: 'Matrix-Stelle',
    roleType: 'coordination',
    fte: '1',
    payGroup: 'S 12',
    employer: 'city',
    fundingMode: 'establishment_plan',
    budgetYearFrom: 2019,
  }),
  'PATCH /api/posts/{id}': () => ({ notes: 'Matrix' }),
  'POST /api/posts/{id}/status': () => ({ to: 'budgeted', reason: 'Haushalt' }),
  'PUT /api/posts/{id}/allocations': () => ({
    allocations: [{ centreId: makeCentre(t.db).id, share: '1' }],
  }),
  'POST /api/posts/{id}/assignments': () => ({
    personName: 'Matrix Person',
    fromDate: '2020-01-01',
    percent: 50,
  }),
  'POST /api/scenarios': () => ({ name: unique('Matrix-Szenario ') }),
  'PATCH /api/scenarios/{id}': () => ({ description: 'Matrix' }),
  'POST /api/scenarios/{id}/copy': () => ({}),
  'PUT /api/scenarios/{id}/lines': () => ({ lines: [{ postId: makePost(), fte: '0.5' }] }),
  'PUT /api/staffing/needs': () => ({ needs: [{ centreId: makeCentre(t.db).id, need: 10 }] }),
  'POST /api/cost-assumptions': () => ({
    payGroup: unique('MX'),
    validFrom: `${matrixYear++}-01-01`,
    validTo: null,
    annualCostEuros: 72000,
  }),
  'PATCH /api/cost-assumptions/{id}': () => ({ cityOwn: true }),
  'POST /api/activities': () => ({
    name: unique('Nähcafé '),
    defaultDurationMinutes: 90,
    recurring: true,
  }),
  'PATCH /api/activities/{id}': () => ({ defaultDurationMinutes: 75 }),
  'POST /api/groups': () => ({
    centreId: staffCentre(),
    activityId: activityId(t.db),
    name: unique('Sprachcafé '),
    weekdays: [2],
    startTime: '15:00',
    durationMinutes: 90,
  }),
  'PATCH /api/groups/{id}': () => ({ startTime: '16:00' }),
  'POST /api/participants': () => ({ centreId: staffCentre(), alias: unique('Amina ') }),
  'PATCH /api/participants/{id}': () => ({ householdSize: 3 }),
  'POST /api/participants/{id}/transfer': () => ({
    centreId: makeCentre(t.db).id,
    reason: 'Umzug in die Weststadt',
  }),
  'POST /api/participants/{id}/consents': () => ({ purpose: 'photos', language: 'ar' }),
  'POST /api/participants/{id}/referrals': () => ({ service: 'language_course' }),
  'POST /api/encounters': () => ({
    centreId: staffCentre(),
    activityId: activityId(t.db),
    date: today(),
    startTime: '00:00',
    durationMinutes: 90,
    headcounts: { newcomers: 3, host: 2, volunteers: 1, other: 0 },
    attendeeIds: [],
    clientRequestId: randomUUID(),
  }),
  'PATCH /api/encounters/{id}': () => ({ durationMinutes: 100, reason: 'Dauer korrigiert' }),
  'POST /api/follow-ups': () => ({
    participantId: consenting().id,
    assigneeId: staffId(),
    dueOn: today(),
    reason: 'Seit Umzug nicht gesehen',
  }),
  'PATCH /api/follow-ups/{id}': () => ({ dueOn: today() }),
  'POST /api/follow-ups/{id}/attempts': () => ({ outcome: 'reached' }),
  'POST /api/follow-ups/{id}/close': () => ({ outcome: 're_engaged' }),
  'PATCH /api/settings': () => ({ outOfViewNotSeenWeeks: 6 }),
  'POST /api/reporting/staffing/apply-needs': () => ({ source: 'catchment' }),
};

/** Operations that end the caller's session get a throwaway one. */
const ENDS_SESSION = new Set(['POST /api/auth/logout']);

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = [...ROLES, 'anonymous'];

const clients = {} as Record<Role, Client>;
beforeAll(async () => {
  for (const role of ROLES) clients[role] = await roleClient(t, role);
});

async function buildRequest(key: string, path: string, self: { email: string }) {
  let url = path;
  const params = path.match(/\{[^}]+\}/g) ?? [];
  if (params.length) {
    const fixture = PATH_FIXTURES[path];
    if (!fixture) throw new Error(`No PATH_FIXTURES entry for ${path}: add one`);
    const value = await fixture();
    for (const param of params) {
      const v = typeof value === 'number' ? value : value[param.slice(1, -1)];
      url = url.replace(param, String(v));
    }
  }
  url += QUERIES[key]?.() ?? '';
  const sample = SAMPLES[key];
  return { url, payload: sample?.(self) };
}

function expectationFor(key: string, caller: Caller) {
  const rule = EXPECTED[key];
  if (!rule) return 'missing from EXPECTED';
  if (caller === 'anonymous') return rule.public ? 'allowed' : '401';
  return rule.roles === 'any' || rule.roles.includes(caller) ? 'allowed' : '403';
}

describe('access matrix', () => {
  it('has an entry for every operation in the OpenAPI document', () => {
    expect(OPERATIONS.map((o) => o.key).filter((k) => !EXPECTED[k])).toEqual([]);
  });

  it('has no entry without an operation', () => {
    const documented = new Set(OPERATIONS.map((o) => o.key));
    expect(Object.keys(EXPECTED).filter((k) => !documented.has(k))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !documented.has(k))).toEqual([]);
    expect(Object.keys(PATH_FIXTURES).filter((p) => !doc.paths[p])).toEqual([]);
  });

  it('marks as public exactly the operations documented without security', () => {
    const documentedPublic = OPERATIONS.filter((o) => o.op.security?.length === 0).map(
      (o) => o.key,
    );
    const tablePublic = Object.keys(EXPECTED).filter((k) => EXPECTED[k]!.public);
    expect(documentedPublic.sort()).toEqual(tablePublic.sort());
  });

  it('has a sample body for every operation that takes one', () => {
    expect(OPERATIONS.filter((o) => o.op.requestBody && !SAMPLES[o.key]).map((o) => o.key)).toEqual(
      [],
    );
  });

  describe.each(OPERATIONS.map((o) => [o.key, o] as const))('%s', (key, { method, path }) => {
    const cases = CALLERS.map((caller) => [caller, expectationFor(key, caller)] as const);

    it.each(cases)('%s → %s', async (caller, expected) => {
      expect(expected).not.toBe('missing from EXPECTED');
      let client: Client | undefined;
      if (caller !== 'anonymous') {
        client = ENDS_SESSION.has(key) ? await roleClient(t, caller) : clients[caller];
      }
      const self = client ?? (await makeUser(t.db, ['coordinator']));
      const { url, payload } = await buildRequest(key, path, self);
      const before = lastAuditId(t.db);

      const res = client
        ? await client.request({ method, url, payload })
        : await t.app.inject({ method, url, payload: payload as never });
      const outcome = { status: res.statusCode, body: res.body.slice(0, 300) };

      if (expected === 'allowed') {
        expect(outcome.status, outcome.body).toBeGreaterThanOrEqual(200);
        expect(outcome.status, outcome.body).toBeLessThan(300);
      } else if (expected === '401') {
        expect(outcome.status, outcome.body).toBe(401);
        expect(res.json().code).toBe('UNAUTHENTICATED');
      } else {
        expect(outcome.status, outcome.body).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
        // Every denial is audited.
        const denied = auditRows(t.db, { actor_id: client!.userId, action: 'denied' }).filter(
          (r) => r.id > before,
        );
        expect(denied).toHaveLength(1);
      }
    });
  });
});
