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
  q,
} from './helper.ts';
import {
  costAssumptions,
  postAssignments,
  posts,
  publishedReports,
  scenarios,
} from '../src/db/tables.ts';
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
import {
  makeApplication,
  makeHiringPost,
  makeScorecard,
  makeVacancy,
  multipartBody,
  TINY_PDF,
  type VacancyFixture,
} from './hiring-fixtures.ts';
import { insertDocument } from '../src/modules/hiring/hiring.repository.ts';
import { collectReport } from '../src/modules/reporting/report.service.ts';

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
  'POST /api/auth/password': { roles: 'any' },
  'POST /api/auth/logout-all': { roles: 'any' },
  // Single sign-on: the sign-in page's question and the browser's way through the provider.
  'GET /api/auth/sso': { public: true, roles: 'any' },
  'GET /api/auth/oidc/start': { public: true, roles: 'any' },
  'GET /api/auth/oidc/callback': { public: true, roles: 'any' },
  'GET /api/settings/sso': { roles: ['admin'] },
  'PUT /api/settings/sso': { roles: ['admin'] },
  'GET /api/mail/status': { roles: 'any' },
  'GET /api/account/reminders': { roles: 'any' },
  'PUT /api/account/reminders': { roles: 'any' },
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
  'GET /api/scenario-comparison.xlsx': { roles: ['admin', 'coordinator'] },
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
  // Import writes the centre's data: staff of that centre only, like creating a participant.
  'POST /api/imports/preview': { roles: ['centre_staff'] },
  'POST /api/imports/commit': { roles: ['centre_staff'] },
  'POST /api/imports/rejected.csv': { roles: ['centre_staff'] },
  'GET /api/imports/mapping': { roles: ['centre_staff'] },
  'GET /api/participants/export.xlsx': { roles: ['centre_staff'] },
  'GET /api/encounters/{id}': { roles: ['coordinator', 'centre_staff'] },
  'PATCH /api/encounters/{id}': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/encounters/{id}/void': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/follow-ups': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/follow-ups': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/follow-ups/{id}': { roles: ['coordinator', 'centre_staff'] },
  'PATCH /api/follow-ups/{id}': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/follow-ups/{id}/attempts': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/follow-ups/{id}/close': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/audit/export.csv': { roles: ['data_protection'] },
  'GET /api/audit/export.xlsx': { roles: ['data_protection'] },
  'GET /api/audit/read-volume': { roles: ['data_protection'] },
  'GET /api/audit/verify': { roles: ['data_protection'] },
  'GET /api/privacy/participants/{code}/export': { roles: ['data_protection'] },
  'GET /api/privacy/participants/{code}/export.pdf': { roles: ['data_protection'] },
  'GET /api/privacy/participants/{code}/erasure': { roles: ['data_protection'] },
  'POST /api/privacy/participants/{code}/erase': { roles: ['data_protection'] },
  'GET /api/privacy/retention': { roles: ['data_protection'] },
  'POST /api/privacy/retention/run': { roles: ['data_protection'] },
  'GET /api/privacy/records': { roles: ['data_protection', 'admin'] },
  'GET /api/privacy/applicants': { roles: ['data_protection'] },
  'GET /api/privacy/applicants/{id}/export': { roles: ['data_protection'] },
  'GET /api/privacy/applicants/{id}/export.pdf': { roles: ['data_protection'] },
  'POST /api/privacy/applicants/{id}/erase': { roles: ['data_protection'] },
  'GET /api/settings': { roles: 'any' },
  'PATCH /api/settings': { roles: ['admin'] },
  'GET /api/settings/privacy-notice': { roles: 'any' },
  'PATCH /api/settings/privacy-notice': { roles: ['admin'] },
  'GET /api/consent-sheet': { roles: 'any' },
  'PUT /api/consent-sheet/reviews/{language}': { roles: ['admin'] },
  // Hiring: HR (admin) runs procedures; panel members and oversight users only the ones they
  // are assigned to (the fixtures assign the matrix's panel and oversight callers).
  'GET /api/vacancies': { roles: ['admin', 'panel_member', 'oversight'] },
  'POST /api/vacancies': { roles: ['admin'] },
  'GET /api/vacancies/eligible-members': { roles: ['admin'] },
  'GET /api/vacancies/{id}': { roles: ['admin', 'panel_member', 'oversight'] },
  'PATCH /api/vacancies/{id}': { roles: ['admin'] },
  'PUT /api/vacancies/{id}/criteria': { roles: ['admin'] },
  'POST /api/vacancies/{id}/criteria-versions': { roles: ['admin'] },
  'POST /api/vacancies/{id}/status': { roles: ['admin'] },
  'PUT /api/vacancies/{id}/members': { roles: ['admin'] },
  'POST /api/vacancies/{id}/participations': { roles: ['admin', 'oversight'] },
  'GET /api/vacancies/{id}/applications': { roles: ['admin', 'panel_member', 'oversight'] },
  'POST /api/vacancies/{id}/applications': { roles: ['admin'] },
  'POST /api/vacancies/{id}/scorecards': { roles: ['panel_member'] },
  'GET /api/vacancies/{id}/score-matrix': { roles: ['admin', 'panel_member'] },
  'GET /api/vacancies/{id}/selection-record': { roles: ['admin', 'oversight'] },
  'GET /api/vacancies/{id}/selection-record.pdf': { roles: ['admin', 'oversight'] },
  'GET /api/vacancies/{id}/selection-record.md': { roles: ['admin', 'oversight'] },
  'PUT /api/vacancies/{id}/decision': { roles: ['admin'] },
  'GET /api/applications/{id}': { roles: ['admin', 'panel_member'] },
  'POST /api/applications/{id}/status': { roles: ['admin'] },
  'PUT /api/applications/{id}/screening': { roles: ['admin', 'panel_member'] },
  'PATCH /api/applications/{id}/retention': { roles: ['admin'] },
  'POST /api/applications/{id}/documents': { roles: ['admin'] },
  'GET /api/applications/{id}/documents/{docId}': { roles: ['admin', 'panel_member'] },
  'PUT /api/applications/{id}/self-disclosure': { roles: ['admin'] },
  'DELETE /api/applications/{id}/self-disclosure': { roles: ['admin'] },
  'POST /api/applications/{id}/self-disclosure/read': { roles: ['admin'] },
  'GET /api/applications/{id}/scorecards': { roles: ['admin', 'panel_member'] },
  'GET /api/scorecards/{id}': { roles: ['admin', 'panel_member'] },
  'POST /api/scorecards/{id}/revisions': { roles: ['panel_member'] },
  'POST /api/hiring/purge': { roles: ['admin'] },
  // Reporting: people figures for coordinators and centre staff (own centre); staffing
  // aggregates for the steering roles.
  'GET /api/reporting/dashboard': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/out-of-view': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/outreach': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/staffing': { roles: ['admin', 'coordinator'] },
  'GET /api/reporting/report.pdf': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/report.csv': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/report.xlsx': { roles: ['coordinator', 'centre_staff'] },
  'POST /api/reporting/published': { roles: ['coordinator'] },
  'GET /api/reporting/published': { roles: ['coordinator'] },
  'GET /api/reporting/published/{id}/report.pdf': { roles: ['coordinator'] },
  'GET /api/reporting/published/{id}/report.csv': { roles: ['coordinator'] },
  'GET /api/reporting/published/{id}/report.xlsx': { roles: ['coordinator'] },
  'GET /api/reporting/published-periods': { roles: ['coordinator', 'centre_staff'] },
  'GET /api/reporting/corrections': { roles: ['admin', 'coordinator'] },
};

/** Fixtures for the posts and scenarios routes (rows inserted directly). */
async function makePost(): Promise<number> {
  return (
    await t.db
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
  )[0]!.id;
}
let matrixYear = 2000;
let matrixQuarterYear = 2001;
/**
 * A frozen report row to download (its bytes need not be a real PDF for the access check; the
 * workbook is made from the figures, so `figures` gives it real ones).
 */
const publishedRow = async (figures?: string) =>
  (
    await t.db
      .insert(publishedReports)
      .values({
        periodFrom: `${matrixQuarterYear}-01-01`,
        periodTo: `${matrixQuarterYear}-03-31`,
        scopeKey: `matrix-${matrixQuarterYear++}`,
        figuresJson:
          figures ??
          JSON.stringify({
            dashboard: { from: '2001-01-01', to: '2001-03-31', centreId: null, centres: [] },
          }),
        pdf: Buffer.from('%PDF-1.7'),
        csv: Buffer.from('a;b'),
        figuresSha256: 'x',
        pdfSha256: 'x',
        csvSha256: 'x',
        dataMaxAuditId: 0,
        dataAsOf: new Date().toISOString(),
        publishedByEmail: 'matrix@example.org',
      })
      .returning()
  )[0]!.id;

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
const staffCentre = async () => await centreOf(t.db, clients.centre_staff.userId);
const staffId = () => clients.centre_staff.userId;
const consenting = async () =>
  await makeParticipant(t.db, await staffCentre(), { consentBy: staffId() });
/** A fresh participant for the privacy tools; the erase sample repeats its code. */
let lastSubjectCode = '';
const subjectCode = async () => (lastSubjectCode = (await consenting()).code);
let lastApplicantId = 0;
const applicantId = async () =>
  (lastApplicantId = await makeApplication(t.db, (await makeVacancy(t.db)).vacancyId));

/**
 * A fresh object for each path with an {id}, so deletes and changes never collide. A fixture
 * may return several path parameters by name.
 */
const PATH_FIXTURES: Record<
  string,
  () => Promise<number | Record<string, number | string>> | number | Record<string, number | string>
> = {
  '/api/users/{id}': async () => (await makeUser(t.db, ['coordinator'])).id,
  '/api/consent-sheet/reviews/{language}': async () => ({ language: 'ar' }),
  '/api/users/{id}/password': async () => (await makeUser(t.db, ['coordinator'])).id,
  '/api/centres/{id}': async () => (await makeCentre(t.db)).id,
  '/api/operators/{id}': async () => (await makeOperator(t.db)).id,
  '/api/posts/{id}': async () => await makePost(),
  '/api/posts/{id}/status': async () => await makePost(),
  '/api/posts/{id}/allocations': async () => await makePost(),
  '/api/posts/{id}/assignments': async () => await makePost(),
  '/api/scenarios/{id}': async () =>
    (
      await t.db
        .insert(scenarios)
        .values({ name: unique('Matrix ') })
        .returning()
    )[0]!.id,
  '/api/scenarios/{id}/copy': async () =>
    (
      await t.db
        .insert(scenarios)
        .values({ name: unique('Matrix ') })
        .returning()
    )[0]!.id,
  '/api/scenarios/{id}/lines': async () =>
    (
      await t.db
        .insert(scenarios)
        .values({ name: unique('Matrix ') })
        .returning()
    )[0]!.id,
  '/api/reporting/published/{id}/report.pdf': async () => await publishedRow(),
  '/api/reporting/published/{id}/report.csv': async () => await publishedRow(),
  '/api/reporting/published/{id}/report.xlsx': async () =>
    await publishedRow(
      JSON.stringify(
        await collectReport(
          {
            db: t.db,
            actor: {
              userId: 0,
              email: 'matrix@example.org',
              roles: ['coordinator'],
              centreIds: [],
            },
          },
          { from: '2001-01-01', to: '2001-03-31' },
        ),
      ),
    ),
  '/api/cost-assumptions/{id}': async () =>
    (
      await t.db
        .insert(costAssumptions)
        .values({ payGroup: unique('MX'), validFrom: '2019-01-01', annualCostEuros: 72000 })
        .returning()
    )[0]!.id,
  '/api/posts/{id}/assignments/{assignmentId}': async () => {
    const id = await makePost();
    const assignmentId = (
      await t.db
        .insert(postAssignments)
        .values({ postId: id, personName: 'Matrix Person', fromDate: '2020-01-01', percent: 50 })
        .returning()
    )[0]!.id;
    return { id, assignmentId };
  },
  '/api/activities/{id}': async () => await activityId(t.db, 'sport'),
  '/api/groups/{id}': async () => (await makeGroup(t.db, await staffCentre())).id,
  '/api/participants/{id}': async () => (await consenting()).id,
  '/api/participants/{id}/timeline': async () => (await consenting()).id,
  '/api/participants/{id}/transfer': async () => (await consenting()).id,
  '/api/participants/{id}/consents': async () => (await consenting()).id,
  '/api/participants/{id}/consents/{consentId}/withdraw': async () => {
    const p = await consenting();
    const c = (await q(t.db).get('select id from consents where participant_id = ?', p.id)) as {
      id: number;
    };
    return { id: p.id, consentId: c.id };
  },
  '/api/participants/{id}/referrals': async () => (await consenting()).id,
  '/api/encounters/{id}': async () =>
    (await makeEncounter(t.db, await staffCentre(), staffId())).id,
  '/api/encounters/{id}/void': async () =>
    (await makeEncounter(t.db, await staffCentre(), staffId())).id,
  '/api/follow-ups/{id}': async () =>
    (await makeFollowUp(t.db, (await consenting()).id, staffId())).id,
  '/api/follow-ups/{id}/attempts': async () =>
    (await makeFollowUp(t.db, (await consenting()).id, staffId())).id,
  '/api/follow-ups/{id}/close': async () =>
    (await makeFollowUp(t.db, (await consenting()).id, staffId())).id,
  '/api/privacy/participants/{code}/export': async () => ({ code: await subjectCode() }),
  '/api/privacy/participants/{code}/export.pdf': async () => ({ code: await subjectCode() }),
  '/api/privacy/participants/{code}/erasure': async () => ({ code: await subjectCode() }),
  '/api/privacy/participants/{code}/erase': async () => ({ code: await subjectCode() }),
  '/api/privacy/applicants/{id}/export': async () => applicantId(),
  '/api/privacy/applicants/{id}/export.pdf': async () => applicantId(),
  '/api/privacy/applicants/{id}/erase': async () => applicantId(),
};

/** Hiring fixtures: a procedure the matrix's panel and oversight callers are assigned to. */
let hiring: VacancyFixture & { applicationId: number } = {
  vacancyId: 0,
  setId: 0,
  criterionIds: [],
  applicationId: 0,
};
async function assignedVacancy(
  status: 'draft' | 'published' | 'closed' = 'published',
  applicationStatus: 'received' | 'invited' = 'received',
) {
  const v = await makeVacancy(t.db, {
    status,
    panel: [clients.panel_member.userId],
    oversight: [{ userId: clients.oversight.userId, body: 'staff_council' }],
  });
  hiring = {
    ...v,
    applicationId: await makeApplication(t.db, v.vacancyId, { status: applicationStatus }),
  };
  return hiring;
}
const vacancyFixture = (status?: 'draft' | 'published' | 'closed') => async () =>
  (await assignedVacancy(status)).vacancyId;
const applicationFixture = async () => (await assignedVacancy()).applicationId;
const cardFixture = async () => {
  const v = await assignedVacancy('published', 'invited');
  return await makeScorecard(t.db, v, v.applicationId, clients.panel_member.userId, true);
};
Object.assign(PATH_FIXTURES, {
  '/api/vacancies/{id}': vacancyFixture('draft'),
  '/api/vacancies/{id}/criteria': vacancyFixture('draft'),
  '/api/vacancies/{id}/criteria-versions': vacancyFixture(),
  '/api/vacancies/{id}/status': vacancyFixture(),
  '/api/vacancies/{id}/members': vacancyFixture(),
  '/api/vacancies/{id}/participations': vacancyFixture(),
  '/api/vacancies/{id}/applications': vacancyFixture(),
  '/api/vacancies/{id}/scorecards': async () =>
    (await assignedVacancy('published', 'invited')).vacancyId,
  '/api/vacancies/{id}/score-matrix': vacancyFixture(),
  '/api/vacancies/{id}/selection-record': vacancyFixture(),
  '/api/vacancies/{id}/selection-record.pdf': vacancyFixture(),
  '/api/vacancies/{id}/selection-record.md': vacancyFixture(),
  '/api/vacancies/{id}/decision': vacancyFixture('closed'),
  '/api/applications/{id}': applicationFixture,
  '/api/applications/{id}/status': applicationFixture,
  '/api/applications/{id}/screening': applicationFixture,
  '/api/applications/{id}/retention': applicationFixture,
  '/api/applications/{id}/documents': applicationFixture,
  '/api/applications/{id}/documents/{docId}': async () => {
    const id = await applicationFixture();
    const docId = await insertDocument(t.db, {
      applicationId: id,
      filename: 'lebenslauf.pdf',
      size: TINY_PDF.length,
      sha256: 'x',
      data: TINY_PDF,
    });
    return { id, docId };
  },
  '/api/applications/{id}/self-disclosure': applicationFixture,
  '/api/applications/{id}/self-disclosure/read': applicationFixture,
  '/api/applications/{id}/scorecards': applicationFixture,
  '/api/scorecards/{id}': cardFixture,
  '/api/scorecards/{id}/revisions': cardFixture,
} satisfies typeof PATH_FIXTURES);

/** Operations that take multipart/form-data rather than JSON (no JSON body in the document). */
const MULTIPART: Record<string, () => { payload: Buffer; headers: Record<string, string> }> = {
  'POST /api/applications/{id}/documents': () =>
    multipartBody('zeugnis.pdf', 'application/pdf', TINY_PDF),
};

/** Query strings for operations that need one. */
const QUERIES: Record<string, () => string | Promise<string>> = {
  'GET /api/privacy/applicants': async () => '?email=matrix%40example.org',
  'GET /api/encounters/staff': async () => `?centreId=${await staffCentre()}`,
  'GET /api/imports/mapping': async () => `?centreId=${await staffCentre()}&kind=participants`,
  'GET /api/participants/export.xlsx': async () => `?centreId=${await staffCentre()}`,
  'GET /api/reporting/published-periods': async () => `?centreId=${await staffCentre()}`,
};

/** A valid body for each operation that takes one; `self` is the caller's own account. */
const importFile = async () => ({
  centreId: await staffCentre(),
  kind: 'participants',
  fileName: 'liste.csv',
  content: Buffer.from(`Alias;Haushaltsgröße\r\n${unique('Amal ')};2\r\n`).toString('base64'),
});
const SAMPLES: Record<string, (self: { email: string }) => unknown> = {
  'POST /api/imports/preview': importFile,
  'POST /api/imports/commit': importFile,
  'POST /api/imports/rejected.csv': importFile,
  'POST /api/auth/login': (self) => ({ email: self.email, password: TEST_PASSWORD }),
  'PUT /api/account/reminders': async () => ({ reminders: 'digest' }),
  'POST /api/users': async () => ({
    email: `${unique('matrix')}@test.begegnung.de`,
    displayName: unique('Matrix '),
    password: 'Matrix-Passphrase-2024',
    roles: ['coordinator'],
    centreIds: [],
  }),
  'PATCH /api/users/{id}': async () => ({ displayName: unique('Umbenannt ') }),
  'POST /api/users/{id}/password': async () => ({ password: 'Neue-Matrix-Passphrase-7' }),
  'POST /api/auth/password': async () => ({
    currentPassword: TEST_PASSWORD,
    newPassword: 'Eigene-Matrix-Passphrase-9',
  }),
  'POST /api/centres': async () => ({
    name: unique('Matrix-Zentrum '),
    code: uniqueCode(),
    operatorId: (await makeOperator(t.db)).id,
    address: 'Londonstraße 11a',
    district: 'Holtenser Berg',
  }),
  'PATCH /api/centres/{id}': async () => ({ openingHours: 'Mo 9–12 Uhr' }),
  'POST /api/operators': async () => ({ name: unique('Matrix-Träger '), legalForm: 'e_v' }),
  'PATCH /api/operators/{id}': async () => ({ legalForm: 'ggmbh' }),
  'POST /api/posts': async () => ({
    code: unique('MXP-'),
    title: 'Matrix-Stelle',
    roleType: 'coordination',
    fte: '1',
    payGroup: 'S 12',
    employer: 'city',
    fundingMode: 'establishment_plan',
    budgetYearFrom: 2019,
  }),
  'PATCH /api/posts/{id}': async () => ({ notes: 'Matrix' }),
  'POST /api/posts/{id}/status': async () => ({ to: 'budgeted', reason: 'Haushalt' }),
  'PUT /api/posts/{id}/allocations': async () => ({
    allocations: [{ centreId: (await makeCentre(t.db)).id, share: '1' }],
  }),
  'POST /api/posts/{id}/assignments': async () => ({
    personName: 'Matrix Person',
    fromDate: '2020-01-01',
    percent: 50,
  }),
  'POST /api/scenarios': async () => ({ name: unique('Matrix-Szenario ') }),
  'PATCH /api/scenarios/{id}': async () => ({ description: 'Matrix' }),
  'POST /api/scenarios/{id}/copy': async () => ({}),
  'PUT /api/scenarios/{id}/lines': async () => ({
    lines: [{ postId: await makePost(), fte: '0.5' }],
  }),
  'POST /api/reporting/published': async () => ({
    from: `${matrixQuarterYear}-01-01`,
    to: `${matrixQuarterYear++}-03-31`,
  }),
  'PUT /api/staffing/needs': async () => ({
    needs: [
      { centreId: (await makeCentre(t.db)).id, need: 10, source: 'Statistik', asOf: '2026-01-01' },
    ],
  }),
  'POST /api/cost-assumptions': async () => ({
    payGroup: 'S 2',
    validFrom: `${matrixYear}-01-01`,
    validTo: `${matrixYear++}-12-31`,
    annualCostEuros: 72000,
  }),
  'PATCH /api/cost-assumptions/{id}': async () => ({ cityOwn: true }),
  'POST /api/activities': async () => ({
    name: unique('Nähcafé '),
    defaultDurationMinutes: 90,
    recurring: true,
  }),
  'PATCH /api/activities/{id}': async () => ({ defaultDurationMinutes: 75 }),
  'POST /api/groups': async () => ({
    centreId: await staffCentre(),
    activityId: await activityId(t.db),
    name: unique('Sprachcafé '),
    weekdays: [2],
    startTime: '15:00',
    durationMinutes: 90,
  }),
  'PATCH /api/groups/{id}': async () => ({ startTime: '16:00' }),
  'POST /api/participants': async () => ({
    centreId: await staffCentre(),
    alias: unique('Amina '),
  }),
  'PATCH /api/participants/{id}': async () => ({ householdSize: 3 }),
  'POST /api/participants/{id}/transfer': async () => ({
    centreId: (await makeCentre(t.db)).id,
    reason: 'Umzug in die Weststadt',
  }),
  'POST /api/participants/{id}/consents': async () => ({ purpose: 'photos', language: 'ar' }),
  'POST /api/participants/{id}/referrals': async () => ({ service: 'language_course' }),
  'POST /api/encounters': async () => ({
    centreId: await staffCentre(),
    activityId: await activityId(t.db),
    date: today(),
    startTime: '00:00',
    durationMinutes: 90,
    headcounts: { newcomers: 3, host: 2, volunteers: 1, other: 0 },
    attendeeIds: [],
    clientRequestId: randomUUID(),
  }),
  'PATCH /api/encounters/{id}': async () => ({ durationMinutes: 100, reason: 'Dauer korrigiert' }),
  'POST /api/encounters/{id}/void': async () => ({ reason: 'Doppelt erfasst' }),
  'POST /api/follow-ups': async () => ({
    participantId: (await consenting()).id,
    assigneeId: staffId(),
    dueOn: today(),
    reason: 'Seit Umzug nicht gesehen',
  }),
  'PATCH /api/follow-ups/{id}': async () => ({ dueOn: today() }),
  'POST /api/follow-ups/{id}/attempts': async () => ({ outcome: 'reached' }),
  'POST /api/follow-ups/{id}/close': async () => ({ outcome: 're_engaged' }),
  'PATCH /api/settings': async () => ({ outOfViewNotSeenWeeks: 6 }),
  'PUT /api/settings/sso': async () => ({
    enabled: false,
    issuer: '',
    clientId: '',
    groupsClaim: 'groups',
    requireSso: false,
    mappings: [],
  }),
  'PATCH /api/settings/privacy-notice': async () => ({
    dpo: 'Datenschutzbeauftragte der Stadt Göttingen, Hiroshimaplatz 1–4, 37083 Göttingen',
  }),
  'PUT /api/consent-sheet/reviews/{language}': async () => ({ reviewed: false }),
  'POST /api/privacy/participants/{code}/erase': async () => ({
    reason: 'Matrix erasure request',
    confirmCode: lastSubjectCode,
  }),
  'POST /api/privacy/applicants/{id}/erase': async () => ({
    reason: 'Matrix erasure request',
    confirmId: lastApplicantId,
  }),
  'POST /api/vacancies': async () => ({
    title: 'Matrix-Ausschreibung',
    advertText: 'Fachkraft (m/w/d) für ein Nachbarschaftszentrum',
    channel: 'city_website',
    deadline: '2030-06-30',
    postIds: [await makeHiringPost(t.db)],
    criteria: [
      {
        kind: 'required',
        label: 'Abschluss',
        evidenceType: 'certificate',
        weight: 3,
        scale: 'met',
      },
    ],
  }),
  'PATCH /api/vacancies/{id}': async () => ({ title: 'Matrix-Ausschreibung geändert' }),
  'PUT /api/vacancies/{id}/criteria': async () => ({
    criteria: [
      { kind: 'preferred', label: 'Erfahrung', evidenceType: 'cv', weight: 2, scale: '1–5' },
    ],
  }),
  'POST /api/vacancies/{id}/criteria-versions': async () => ({
    reason: 'Sprachniveau präzisiert',
    criteria: [
      { kind: 'desirable', label: 'Arabisch B2', evidenceType: 'cv', weight: 1, scale: 'GER' },
    ],
  }),
  'POST /api/vacancies/{id}/status': async () => ({ to: 'closed' }),
  'PUT /api/vacancies/{id}/members': async () => ({
    panel: [clients.panel_member.userId],
    oversight: [{ userId: clients.oversight.userId, body: 'staff_council' }],
  }),
  'POST /api/vacancies/{id}/participations': async () => ({
    body: 'staff_council',
    requestedOn: '2026-02-01',
    response: 'consent',
    respondedOn: '2026-02-08',
  }),
  'POST /api/vacancies/{id}/applications': async () => ({
    firstName: 'Matrix',
    lastName: 'Bewerberin',
    email: `${unique('matrix')}@example.org`,
    receivedOn: '2026-01-20',
    severelyDisabled: false,
  }),
  'POST /api/vacancies/{id}/scorecards': async () => ({
    applicationId: hiring.applicationId,
    stage: 'first_interview',
    ratings: [{ criterionId: hiring.criterionIds[0]!, score: 4 }],
    recommendation: 'yes',
    notes: 'Matrix',
    submit: false,
  }),
  'PUT /api/vacancies/{id}/decision': async () => ({
    ranking: [{ applicationId: hiring.applicationId, rank: 1, reason: 'Bestgeeignet' }],
  }),
  'POST /api/applications/{id}/status': async () => ({ to: 'screened' }),
  'PUT /api/applications/{id}/screening': async () => ({
    results: [{ criterionId: hiring.criterionIds[0]!, result: 'met', note: 'Urkunde liegt vor' }],
  }),
  'PATCH /api/applications/{id}/retention': async () => ({ talentPoolUntil: null }),
  'PUT /api/applications/{id}/self-disclosure': async () => ({
    consent: true,
    consentTextVersion: 'SD-2026-1',
    migrationBackground: 'prefer_not_to_say',
  }),
  'POST /api/applications/{id}/self-disclosure/read': async () => ({ reason: 'Matrix-Prüfung' }),
  'POST /api/scorecards/{id}/revisions': async () => ({
    reason: 'Tippfehler korrigiert',
    ratings: hiring.criterionIds.map((criterionId) => ({ criterionId, score: 3 })),
    recommendation: 'yes',
    notes: 'Korrigiert',
  }),
  'POST /api/hiring/purge': async () => ({ dryRun: true }),
};

/** Operations that end the caller's session get a throwaway one. */
/** Operations that answer a browser with a redirect (302) instead of JSON. */
const REDIRECTS = new Set(['GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback']);

const ENDS_SESSION = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/logout-all',
  'POST /api/auth/password',
]);

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
  url += (await QUERIES[key]?.()) ?? '';
  const multipart = MULTIPART[key]?.();
  if (multipart) return { url, ...multipart };
  const sample = SAMPLES[key];
  return { url, payload: await sample?.(self), headers: undefined };
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
      const { url, payload, headers } = await buildRequest(key, path, self);
      const before = await lastAuditId(t.db);

      const res = client
        ? await client.request({ method, url, payload, headers })
        : await t.app.inject({ method, url, payload: payload as never, headers });
      const outcome = { status: res.statusCode, body: res.body.slice(0, 300) };

      if (expected === 'allowed' && REDIRECTS.has(key)) {
        // Browser redirects (single sign-on, not set up here): back to the sign-in page.
        expect(outcome.status, outcome.body).toBe(302);
      } else if (expected === 'allowed') {
        expect(outcome.status, outcome.body).toBeGreaterThanOrEqual(200);
        expect(outcome.status, outcome.body).toBeLessThan(300);
      } else if (expected === '401') {
        expect(outcome.status, outcome.body).toBe(401);
        expect(res.json().code).toBe('UNAUTHENTICATED');
      } else {
        expect(outcome.status, outcome.body).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
        // Every denial is audited.
        const denied = (
          await auditRows(t.db, { actor_id: client!.userId, action: 'denied' })
        ).filter((r) => r.id > before);
        expect(denied).toHaveLength(1);
      }
    });
  });
});
