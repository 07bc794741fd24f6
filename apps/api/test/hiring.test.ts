import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import {
  ApplicationSchema,
  ScorecardListSchema,
  SelectionRecordSchema,
  VacancySchema,
  localNow,
} from '@begegnung/domain';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  makeUser,
  signIn,
  userClient,
  type Client,
  q,
} from './helper.ts';
import {
  CLEAN_ADVERT,
  MOTION_CRITERIA,
  TINY_PDF,
  makeApplication,
  makePdf,
  makeHiringPost,
  makeScorecard,
  makeVacancy,
  multipartBody,
} from './hiring-fixtures.ts';
import { purgeApplicants } from '../src/modules/hiring/purge.service.ts';
import { applyRetention } from '../src/ops/retention.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);
const count = async (table: string) =>
  ((await q(t.db).get(`select count(*) as n from ${table}`)) as { n: number }).n;

async function createVacancy(overrides: Record<string, unknown> = {}) {
  const res = await admin.request({
    method: 'POST',
    url: '/api/vacancies',
    payload: {
      title: 'Fachkraft Integration NBZ Grone (0,5)',
      advertText: CLEAN_ADVERT,
      channel: 'city_website',
      deadline: '2030-03-31',
      postIds: [await makeHiringPost(t.db)],
      criteria: MOTION_CRITERIA,
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; criteriaSet: { criteria: { id: number }[] } };
}
const status = (id: number, to: string, reason?: string) =>
  admin.request({ method: 'POST', url: `/api/vacancies/${id}/status`, payload: { to, reason } });

async function panelOf(vacancyId: number, n = 2) {
  const members: Client[] = [];
  for (let i = 0; i < n; i++) members.push(await userClient(t, ['panel_member']));
  const res = await admin.request({
    method: 'PUT',
    url: `/api/vacancies/${vacancyId}/members`,
    payload: { panel: members.map((m) => m.userId), oversight: [] },
  });
  expect(res.statusCode, res.body).toBe(200);
  return members;
}

describe('vacancies and the criteria freeze', () => {
  it('creates a draft with version 1, edits it, freezes it at publication', async () => {
    const v = await createVacancy();
    const got = await admin.request({ method: 'GET', url: `/api/vacancies/${v.id}` });
    expectSchema(VacancySchema, got.json());
    expect(got.json()).toMatchObject({ status: 'draft', criteriaVersion: 1, advertWarnings: [] });

    const edit = await admin.request({
      method: 'PUT',
      url: `/api/vacancies/${v.id}/criteria`,
      payload: { criteria: MOTION_CRITERIA.slice(0, 3) },
    });
    expect(edit.json().criteriaSet.criteria).toHaveLength(3);

    const pub = await status(v.id, 'published');
    expect(pub.json()).toMatchObject({ status: 'published', publishedOn: localNow().date });
    expect(pub.json().criteriaSet.frozenAt).not.toBeNull();

    const before = JSON.stringify(await q(t.db).all('select * from criteria order by id'));
    expectError(
      await admin.request({
        method: 'PUT',
        url: `/api/vacancies/${v.id}/criteria`,
        payload: { criteria: MOTION_CRITERIA },
      }),
      409,
      'CRITERIA_FROZEN',
    );
    expect(JSON.stringify(await q(t.db).all('select * from criteria order by id'))).toBe(before);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/vacancies/${v.id}`,
        payload: { title: 'Neu' },
      }),
      409,
      'VACANCY_NOT_DRAFT',
    );
  });

  it('a change after publication is a new version with a reason and forces re-advertising', async () => {
    const v = await createVacancy();
    await status(v.id, 'published');
    const res = await admin.request({
      method: 'POST',
      url: `/api/vacancies/${v.id}/criteria-versions`,
      payload: { reason: 'Sprachniveau auf B2 präzisiert', criteria: MOTION_CRITERIA },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'draft', publishedOn: null, criteriaVersion: 2 });
    expect(res.json().versions.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    expect(res.json().versions[1].frozenAt).not.toBeNull();
    expect(
      (await auditRows(t.db, { entity_type: 'criteria_set', action: 'create' })).at(-1)!.reason,
    ).toBe('Sprachniveau auf B2 präzisiert');
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/vacancies/${v.id}/criteria-versions`,
        payload: { criteria: MOTION_CRITERIA },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('aborting needs a reason; decided only through the selection', async () => {
    const v = await createVacancy();
    expectError(await status(v.id, 'aborted'), 400, 'ABORT_REASON_REQUIRED');
    expectError(await status(v.id, 'decided'), 409, 'ILLEGAL_STATUS_TRANSITION');
    expectError(await status(v.id, 'closed'), 409, 'ILLEGAL_STATUS_TRANSITION');
    const ok = await status(v.id, 'aborted', 'Stelle im Haushalt gestrichen');
    expect(ok.json()).toMatchObject({
      status: 'aborted',
      abortReason: 'Stelle im Haushalt gestrichen',
    });
  });

  it('refuses inconsistent OR-groups and unknown posts, saving nothing', async () => {
    const n = await count('vacancies');
    const bad = MOTION_CRITERIA.map((c) => ({ ...c, rank: c.groupKey ? 1 : undefined }));
    const res = await admin.request({
      method: 'POST',
      url: '/api/vacancies',
      payload: {
        title: 'X-Stelle',
        advertText: CLEAN_ADVERT,
        channel: 'interamt',
        deadline: '2030-01-01',
        postIds: [await makeHiringPost(t.db)],
        criteria: bad,
      },
    });
    expectError(res, 400, 'INVALID_CRITERIA');
    const res2 = await admin.request({
      method: 'POST',
      url: '/api/vacancies',
      payload: {
        title: 'X-Stelle',
        advertText: CLEAN_ADVERT,
        channel: 'interamt',
        deadline: '2030-01-01',
        postIds: [999999],
        criteria: MOTION_CRITERIA,
      },
    });
    expectError(res2, 400, 'UNKNOWN_POST');
    expect(await count('vacancies')).toBe(n);
  });

  it('returns advert warnings inline', async () => {
    const v = await createVacancy({
      advertText:
        'Wir suchen für unser junges Team eine Fachkraft mit Muttersprache Deutsch. Bitte mit Foto.',
    });
    const got = await admin.request({ method: 'GET', url: `/api/vacancies/${v.id}` });
    expect(got.json().advertWarnings.map((w: { code: string }) => w.code)).toEqual([
      'missing_gender_marker',
      'age_wording',
      'native_language',
      'photo_request',
    ]);
  });

  it('panel members see only assigned vacancies; others answer an audited 404', async () => {
    const v = await createVacancy();
    const other = await createVacancy();
    const [member] = await panelOf(v.id, 1);
    const list = await member!.request({ method: 'GET', url: '/api/vacancies' });
    expect(list.json().map((x: { id: number }) => x.id)).toEqual([v.id]);
    const before = await lastAuditId(t.db);
    expectError(
      await member!.request({ method: 'GET', url: `/api/vacancies/${other.id}` }),
      404,
      'NOT_FOUND',
    );
    expect(
      (await auditRows(t.db, { actor_id: member!.userId, action: 'denied' })).filter(
        (r) => r.id > before,
      ),
    ).toHaveLength(1);
    expectError(await anon(t, { method: 'GET', url: '/api/vacancies' }), 401, 'UNAUTHENTICATED');
    const staff = await userClient(t, ['coordinator']);
    expectError(await staff.request({ method: 'GET', url: '/api/vacancies' }), 403, 'FORBIDDEN');
  });
});

describe('applications, screening and the must-invite flag', () => {
  it('receives applications only while published', async () => {
    const v = await createVacancy();
    const payload = {
      firstName: 'Mira',
      lastName: 'Musterfrau',
      email: 'mira@example.org',
      receivedOn: '2026-01-12',
      severelyDisabled: false,
    };
    expectError(
      await admin.request({ method: 'POST', url: `/api/vacancies/${v.id}/applications`, payload }),
      409,
      'VACANCY_NOT_OPEN',
    );
    await status(v.id, 'published');
    const ok = await admin.request({
      method: 'POST',
      url: `/api/vacancies/${v.id}/applications`,
      payload,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expectSchema(ApplicationSchema, ok.json());
    expect(ok.json()).toMatchObject({
      status: 'received',
      mustInvite: false,
      suggestion: 'incomplete',
    });
  });

  it('flags a severely disabled applicant as must-invite and refuses a plain rejection', async () => {
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId, { severelyDisabled: true });
    const got = await admin.request({ method: 'GET', url: `/api/applications/${id}` });
    expect(got.json()).toMatchObject({ mustInvite: true, severelyDisabled: true });
    const reject = (payload: object) =>
      admin.request({ method: 'POST', url: `/api/applications/${id}/status`, payload });
    expectError(await reject({ to: 'rejected' }), 400, 'REASON_REQUIRED');
    expectError(
      await reject({ to: 'rejected', reason: 'Andere waren besser' }),
      409,
      'MUST_INVITE',
    );
    const invited = await reject({ to: 'screened' }).then(() => reject({ to: 'invited' }));
    expect(invited.json()).toMatchObject({ status: 'invited', mustInvite: false });
    expectError(await reject({ to: 'hired' }), 409, 'ILLEGAL_STATUS_TRANSITION');
  });

  it('evaluates OR-groups, flags "no option met" for review and never rejects automatically', async () => {
    const v = await makeVacancy(t.db);
    const [member] = await panelOf(v.vacancyId, 1);
    const [a, b, , , e] = v.criterionIds;
    const optionB = await makeApplication(t.db, v.vacancyId);
    const res = await member!.request({
      method: 'PUT',
      url: `/api/applications/${optionB}/screening`,
      payload: {
        results: [
          { criterionId: a, result: 'not_met', note: 'Abschluss Erziehungswissenschaft' },
          { criterionId: b, result: 'met', note: '4 Jahre Flüchtlingssozialarbeit, Zeugnisse' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evaluation.groups[0]).toMatchObject({ status: 'met', metRank: 2 });
    expect(res.json()).toMatchObject({ suggestion: 'meets_required', status: 'screened' });

    const neither = await makeApplication(t.db, v.vacancyId);
    const res2 = await member!.request({
      method: 'PUT',
      url: `/api/applications/${neither}/screening`,
      payload: {
        results: [
          { criterionId: a, result: 'not_met', note: '' },
          { criterionId: b, result: 'unclear', note: 'Dauer nicht belegt' },
        ],
      },
    });
    expect(res2.json()).toMatchObject({ suggestion: 'needs_review', status: 'screened' });
    expect(res2.json().evaluation.groups[0].status).toBe('needs_review');
    expect(await count("applications where status = 'rejected'")).toBe(0);

    const before = await count('screening_results');
    expectError(
      await member!.request({
        method: 'PUT',
        url: `/api/applications/${neither}/screening`,
        payload: {
          results: [
            { criterionId: e, result: 'met', note: '' },
            { criterionId: 999999, result: 'met', note: '' },
          ],
        },
      }),
      400,
      'UNKNOWN_CRITERION',
    );
    expect(await count('screening_results')).toBe(before);
  });

  it('audits every read of applicant data', async () => {
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId);
    const before = await lastAuditId(t.db);
    await admin.request({ method: 'GET', url: `/api/applications/${id}` });
    await admin.request({ method: 'GET', url: `/api/vacancies/${v.vacancyId}/applications` });
    const reads = (await auditRows(t.db, { actor_id: admin.userId, action: 'read' })).filter(
      (r) => r.id > before,
    );
    expect(reads.map((r) => r.entity_type)).toEqual(['application', 'application']);
  });
});

describe('documents', () => {
  const upload = (id: number, body: ReturnType<typeof multipartBody>, client = admin) =>
    client.request({ method: 'POST', url: `/api/applications/${id}/documents`, ...body });

  it('stores a PDF and serves it back to the panel (audited)', async () => {
    const v = await makeVacancy(t.db);
    const [member] = await panelOf(v.vacancyId, 1);
    const id = await makeApplication(t.db, v.vacancyId);
    const res = await upload(id, multipartBody('Lebenslauf.pdf', 'application/pdf', TINY_PDF));
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json().documents[0];
    expect(doc).toMatchObject({ filename: 'Lebenslauf.pdf', size: TINY_PDF.length });
    const dl = await member!.request({
      method: 'GET',
      url: `/api/applications/${id}/documents/${doc.id}`,
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(TINY_PDF)).toBe(true);
    expect(
      await auditRows(t.db, {
        actor_id: member!.userId,
        entity_type: 'application_document',
        action: 'read',
      }),
    ).toHaveLength(1);
    expectError(
      await upload(id, multipartBody('x.pdf', 'application/pdf', TINY_PDF), member!),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses non-PDFs, disguised files and oversized uploads, saving nothing', async () => {
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId);
    const before = await count('application_documents');
    expectError(
      await upload(
        id,
        multipartBody('cv.docx', 'application/vnd.openxmlformats', Buffer.from('PK\u0003\u0004')),
      ),
      415,
      'NOT_A_PDF',
    );
    expectError(
      await upload(
        id,
        multipartBody('fake.pdf', 'application/pdf', Buffer.from('<html>not a pdf</html>')),
      ),
      415,
      'NOT_A_PDF',
    );
    expectError(
      await upload(id, multipartBody('ok.pdf', 'text/plain', TINY_PDF)),
      415,
      'NOT_A_PDF',
    );
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    expectError(
      await upload(id, multipartBody('big.pdf', 'application/pdf', big)),
      413,
      'FILE_TOO_LARGE',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/applications/${id}/documents`,
        payload: { file: 'x' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await count('application_documents')).toBe(before);
  });

  it('accepts a PDF of several MB (the JSON body limit does not apply to uploads)', async () => {
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId);
    const pdf = await makePdf({ padBytes: 3 * 1024 * 1024 });
    const res = await upload(id, multipartBody('zeugnisse.pdf', 'application/pdf', pdf));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().documents[0].size).toBe(pdf.length);
  });
});

describe('scorecards: independent, locked, corrected as revisions', () => {
  it('enforces range, vacancy, invitation, visibility and locking', async () => {
    const v = await makeVacancy(t.db);
    const [m1, m2] = await panelOf(v.vacancyId, 2);
    const invited = await makeApplication(t.db, v.vacancyId, { status: 'invited' });
    const notInvited = await makeApplication(t.db, v.vacancyId, { status: 'screened' });
    const other = await makeVacancy(t.db);
    const foreign = await makeApplication(t.db, other.vacancyId, { status: 'invited' });
    const card = (applicationId: number, score: number, submit: boolean) => ({
      applicationId,
      stage: 'first_interview',
      ratings: v.criterionIds.map((criterionId, i) => ({ criterionId, score: i ? 3 : score })),
      recommendation: 'yes',
      notes: 'Strukturiertes Interview, Fragen 1–6',
      submit,
    });
    const save = (c: Client, payload: object) =>
      c.request({ method: 'POST', url: `/api/vacancies/${v.vacancyId}/scorecards`, payload });

    const cards = await count('scorecards');
    expectError(await save(m1!, card(invited, 6, true)), 400, 'SCORE_OUT_OF_RANGE');
    expectError(await save(m1!, card(invited, 0, true)), 400, 'SCORE_OUT_OF_RANGE');
    expectError(await save(m1!, card(foreign, 4, true)), 400, 'APPLICATION_NOT_IN_VACANCY');
    expectError(await save(m1!, card(notInvited, 4, true)), 409, 'CANDIDATE_NOT_INVITED');
    expectError(await save(admin, card(invited, 4, true)), 403, 'FORBIDDEN');
    expect(await count('scorecards')).toBe(cards);

    const first = await save(m1!, card(invited, 4, true));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().submittedAt).not.toBeNull();
    const draft = await save(m2!, card(invited, 2, false));
    expect(draft.json().submittedAt).toBeNull();

    // m2 has not submitted: m1's card is hidden from them.
    expectError(
      await m2!.request({ method: 'GET', url: `/api/scorecards/${first.json().id}` }),
      403,
      'SCORECARD_HIDDEN',
    );
    const hidden = await m2!.request({
      method: 'GET',
      url: `/api/applications/${invited}/scorecards`,
    });
    expectSchema(ScorecardListSchema, hidden.json());
    expect(hidden.json().cards.map((c: { memberId: number }) => c.memberId)).toEqual([m2!.userId]);
    expect(hidden.json().hiddenCount).toBe(1);
    // m1 never sees m2's draft.
    expectError(
      await m1!.request({ method: 'GET', url: `/api/scorecards/${draft.json().id}` }),
      403,
      'SCORECARD_HIDDEN',
    );

    await save(m2!, card(invited, 3, true));
    const visible = await m2!.request({ method: 'GET', url: `/api/scorecards/${first.json().id}` });
    expect(visible.statusCode).toBe(200);

    expectError(await save(m1!, card(invited, 5, true)), 409, 'SCORECARD_LOCKED');
    const rev = await m1!.request({
      method: 'POST',
      url: `/api/scorecards/${first.json().id}/revisions`,
      payload: {
        reason: 'Punkt bei Frage 3 falsch übertragen',
        ratings: v.criterionIds.map((criterionId) => ({ criterionId, score: 5 })),
        recommendation: 'strong_yes',
        notes: 'korrigiert',
      },
    });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json()).toMatchObject({
      revision: 2,
      current: true,
      correctionReason: 'Punkt bei Frage 3 falsch übertragen',
    });
    expectError(
      await m2!.request({
        method: 'POST',
        url: `/api/scorecards/${first.json().id}/revisions`,
        payload: {
          reason: 'fremd',
          ratings: v.criterionIds.map((criterionId) => ({ criterionId, score: 1 })),
          recommendation: 'no',
          notes: '',
        },
      }),
      403,
      'FORBIDDEN',
    );
    const vac = await admin.request({ method: 'GET', url: `/api/vacancies/${v.vacancyId}` });
    expect(vac.json().completion).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: m1!.userId, expected: 1, submitted: 1 }),
        expect.objectContaining({ userId: m2!.userId, expected: 1, submitted: 1 }),
      ]),
    );
  });
});

describe('migration-background self-disclosure', () => {
  it('is stored apart, readable only by admins with a reason, and never reaches panel members', async () => {
    const v = await makeVacancy(t.db);
    const [member] = await panelOf(v.vacancyId, 1);
    const oversightUser = await makeUser(t.db, ['oversight']);
    await admin.request({
      method: 'PUT',
      url: `/api/vacancies/${v.vacancyId}/members`,
      payload: {
        panel: [member!.userId],
        oversight: [{ userId: oversightUser.id, body: 'equality_officer' }],
      },
    });
    const id = await makeApplication(t.db, v.vacancyId, { status: 'invited' });
    const card = await makeScorecard(t.db, v, id, member!.userId, true);
    const docId = (
      await admin.request({
        method: 'POST',
        url: `/api/applications/${id}/documents`,
        ...multipartBody('cv.pdf', 'application/pdf', TINY_PDF),
      })
    ).json().documents[0].id;
    const MARKER = 'SD-MARKER-7f3a';
    const put = await admin.request({
      method: 'PUT',
      url: `/api/applications/${id}/self-disclosure`,
      payload: { consent: true, consentTextVersion: MARKER, migrationBackground: 'yes' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(
      await q(t.db).get(
        'select count(*) as n from applicant_self_disclosures where application_id = ?',
        id,
      ),
    ).toEqual({ n: 1 });

    // Every GET route, with this procedure's ids filled in.
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ids: Record<string, number> = { docId };
    const idFor = (path: string) =>
      path.startsWith('/api/vacancies')
        ? v.vacancyId
        : path.startsWith('/api/scorecards')
          ? card
          : id;
    const panelClient = member!;
    const oversightClient = await signIn(t.app, oversightUser);
    let checked = 0;
    const ok200 = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!item.get) continue;
      const url = path.replace('{id}', String(idFor(path))).replace('{docId}', String(ids.docId));
      for (const c of [panelClient, oversightClient]) {
        const res = await c.request({ method: 'GET', url });
        const body = res.body;
        expect(body, `${url}`).not.toContain(MARKER);
        expect(body, `${url}`).not.toMatch(/migrationBackground|selfDisclosure|self_disclosure/i);
        checked++;
        if (res.statusCode === 200)
          ok200.add(`${c === panelClient ? 'panel' : 'oversight'} ${path}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    // The checks are meaningful: the panel really reads the application, its cards and documents.
    for (const p of [
      'panel /api/applications/{id}',
      'panel /api/applications/{id}/scorecards',
      'panel /api/applications/{id}/documents/{docId}',
      'panel /api/vacancies/{id}/applications',
      'oversight /api/vacancies/{id}/selection-record',
    ])
      expect(ok200).toContain(p);
    for (const c of [panelClient, oversightClient]) {
      expectError(
        await c.request({
          method: 'POST',
          url: `/api/applications/${id}/self-disclosure/read`,
          payload: { reason: 'Neugier' },
        }),
        403,
        'FORBIDDEN',
      );
    }
    const got = await admin.request({ method: 'GET', url: `/api/applications/${id}` });
    expect(got.json().hasSelfDisclosure).toBe(true);
    expect(got.body).not.toContain(MARKER);
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/applications/${id}/self-disclosure/read`,
        payload: {},
      }),
      400,
      'VALIDATION_FAILED',
    );
    const read = await admin.request({
      method: 'POST',
      url: `/api/applications/${id}/self-disclosure/read`,
      payload: { reason: 'Anonyme Statistik nach § 5 AGG' },
    });
    expect(read.json()).toMatchObject({ migrationBackground: 'yes', consentTextVersion: MARKER });
    expect(
      (
        await auditRows(t.db, {
          actor_id: admin.userId,
          entity_type: 'self_disclosure',
          action: 'read',
        })
      ).at(-1)!.reason,
    ).toBe('Anonyme Statistik nach § 5 AGG');
  });
});

describe('oversight and conflicts of interest', () => {
  it('records participation for its own body only', async () => {
    const v = await makeVacancy(t.db);
    const pr = await makeUser(t.db, ['oversight']);
    await admin.request({
      method: 'PUT',
      url: `/api/vacancies/${v.vacancyId}/members`,
      payload: { panel: [], oversight: [{ userId: pr.id, body: 'staff_council' }] },
    });
    const c = await signIn(t.app, pr);
    const rec = (body: string) =>
      c.request({
        method: 'POST',
        url: `/api/vacancies/${v.vacancyId}/participations`,
        payload: {
          body,
          requestedOn: '2026-02-01',
          response: 'consent',
          respondedOn: '2026-02-05',
        },
      });
    const ok = await rec('staff_council');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().participations[0]).toMatchObject({
      body: 'staff_council',
      response: 'consent',
    });
    expectError(await rec('equality_officer'), 403, 'FORBIDDEN');
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/vacancies/${v.vacancyId}/participations`,
        payload: {
          body: 'equality_officer',
          requestedOn: '2026-02-05',
          response: 'pending',
          respondedOn: '2026-02-01',
        },
      }),
      400,
      'DATES_ORDER',
    );
    const list = await c.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/applications`,
    });
    expect(list.statusCode).toBe(200);
    expectError(
      await c.request({
        method: 'PUT',
        url: `/api/applications/${await makeApplication(t.db, v.vacancyId)}/screening`,
        payload: { results: [{ criterionId: v.criterionIds[0], result: 'met', note: '' }] },
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('excludes a panel member who applied in the same procedure', async () => {
    const v = await makeVacancy(t.db);
    const [member] = await panelOf(v.vacancyId, 1);
    expect(
      (await member!.request({ method: 'GET', url: `/api/vacancies/${v.vacancyId}` })).statusCode,
    ).toBe(200);
    await makeApplication(t.db, v.vacancyId, { email: member!.email });
    expectError(
      await member!.request({ method: 'GET', url: `/api/vacancies/${v.vacancyId}` }),
      404,
      'NOT_FOUND',
    );
    expect((await member!.request({ method: 'GET', url: '/api/vacancies' })).json()).toEqual([]);
    expectError(
      await admin.request({
        method: 'PUT',
        url: `/api/vacancies/${v.vacancyId}/members`,
        payload: { panel: [member!.userId], oversight: [] },
      }),
      409,
      'MEMBER_IS_APPLICANT',
    );
    const coordinator = await makeUser(t.db, ['coordinator']);
    expectError(
      await admin.request({
        method: 'PUT',
        url: `/api/vacancies/${v.vacancyId}/members`,
        payload: { panel: [coordinator.id], oversight: [] },
      }),
      400,
      'UNKNOWN_MEMBER',
    );
  });
});

describe('selection record', () => {
  it('refuses a decision without reasons, then exports PDF and Markdown with everything', async () => {
    const v = await makeVacancy(t.db, { status: 'closed' });
    const [m1] = await panelOf(v.vacancyId, 1);
    const ada = await makeApplication(t.db, v.vacancyId, {
      firstName: 'Ada',
      lastName: 'Beispiel',
      status: 'interviewed',
    });
    const bo = await makeApplication(t.db, v.vacancyId, {
      firstName: 'Bo',
      lastName: 'Probe',
      status: 'rejected',
      severelyDisabled: true,
    });
    await makeApplication(t.db, v.vacancyId, {
      firstName: 'Cem',
      lastName: 'Zurück',
      status: 'withdrawn',
    });
    await makeScorecard(t.db, v, ada, m1!.userId, true);
    await admin.request({
      method: 'PUT',
      url: `/api/applications/${ada}/screening`,
      payload: {
        results: [
          {
            criterionId: v.criterionIds[0],
            result: 'met',
            note: 'Diplom 2015, staatlich anerkannt',
          },
        ],
      },
    });
    await admin.request({
      method: 'POST',
      url: `/api/vacancies/${v.vacancyId}/participations`,
      payload: {
        body: 'staff_council',
        requestedOn: '2026-03-01',
        response: 'consent',
        respondedOn: '2026-03-08',
      },
    });
    const decide = (ranking: object[]) =>
      admin.request({
        method: 'PUT',
        url: `/api/vacancies/${v.vacancyId}/decision`,
        payload: { ranking },
      });
    const err = expectError(
      await decide([{ applicationId: ada, rank: 1, reason: 'Beste Eignung im Interview' }]),
      400,
      'REASONS_REQUIRED',
    );
    expect(err.details!.map((d) => d.field)).toEqual([`ranking.${bo}`]);
    expect(await count('selection_rankings')).toBe(0);
    const foreign = await makeApplication(t.db, (await makeVacancy(t.db)).vacancyId);
    expectError(
      await decide([{ applicationId: foreign, rank: 1, reason: 'x y z' }]),
      400,
      'APPLICATION_NOT_IN_VACANCY',
    );
    const ok = await decide([
      { applicationId: ada, rank: 1, reason: 'Beste Eignung im Interview' },
      { applicationId: bo, rank: 2, reason: 'Eingeladen (§ 165 SGB IX), Interview schwächer' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expectSchema(SelectionRecordSchema, ok.json());
    expect(ok.json()).toMatchObject({ status: 'decided' });

    const pdf = await admin.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/selection-record.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await new PDFParse({ data: pdf.rawPayload }).getText()).text.replace(/\s+/g, ' ');
    for (const s of [
      'Auswahlvermerk',
      'Fassung 1',
      'Ada Beispiel',
      'Bo Probe',
      'Beste Eignung im Interview',
      'Personalrat',
      'Zustimmung',
      '08.03.2026',
      'Diplom 2015, staatlich anerkannt',
      'Studium Soziale Arbeit',
    ])
      expect(text).toContain(s);
    expect(
      await auditRows(t.db, {
        actor_id: admin.userId,
        action: 'export',
        entity_id: String(v.vacancyId),
      }),
    ).toHaveLength(1);

    const md = await admin.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/selection-record.md`,
    });
    expect(md.body).toContain('# Auswahlvermerk');
    expect(md.body).toContain('| 1 | Ada Beispiel |');
    expect(md.body).toContain('Personalrat');
  });
});

describe('retention: purge with legal hold', () => {
  it('anonymises due applicants, keeps held and talent-pool ones, audits, supports dry run', async () => {
    const v = await makeVacancy(t.db);
    const due = await makeApplication(t.db, v.vacancyId, {
      status: 'rejected',
      rejectionSentOn: '2025-01-02',
      rejectionReceivedOn: '2025-01-05',
    });
    const held = await makeApplication(t.db, v.vacancyId, {
      status: 'rejected',
      rejectionSentOn: '2025-01-02',
      rejectionReceivedOn: '2025-01-05',
      legalHold: true,
      legalHoldReason: 'Entschädigungsanspruch nach § 15 AGG geltend gemacht',
    });
    const pool = await makeApplication(t.db, v.vacancyId, {
      status: 'rejected',
      rejectionReceivedOn: '2025-01-05',
      talentPoolUntil: '2099-01-01',
    });
    const fresh = await makeApplication(t.db, v.vacancyId, {
      status: 'rejected',
      rejectionReceivedOn: localNow().date,
    });
    await admin.request({
      method: 'POST',
      url: `/api/applications/${due}/documents`,
      ...multipartBody('cv.pdf', 'application/pdf', TINY_PDF),
    });

    const dry = await admin.request({
      method: 'POST',
      url: '/api/hiring/purge',
      payload: { dryRun: true },
    });
    expect(dry.json()).toMatchObject({ dryRun: true, retentionMonths: 6 });
    expect(dry.json().applicationIds).toContain(due);
    expect(dry.json().applicationIds).not.toContain(held);
    expect(dry.json().applicationIds).not.toContain(pool);
    expect(dry.json().applicationIds).not.toContain(fresh);
    expect(
      (await admin.request({ method: 'GET', url: `/api/applications/${due}` })).json().purged,
    ).toBe(false);

    const run = await admin.request({
      method: 'POST',
      url: '/api/hiring/purge',
      payload: { dryRun: false },
    });
    expect(run.json().applicationIds).toContain(due);
    const tomb = await admin.request({ method: 'GET', url: `/api/applications/${due}` });
    expect(tomb.json()).toMatchObject({
      purged: true,
      email: null,
      firstName: 'Anonymisiert',
      status: 'rejected',
      documents: [],
    });
    expect(
      (await admin.request({ method: 'GET', url: `/api/applications/${held}` })).json().purged,
    ).toBe(false);
    expect(
      await auditRows(t.db, {
        action: 'delete',
        entity_type: 'application',
        entity_id: String(due),
      }),
    ).toHaveLength(1);
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/applications/${due}/status`,
        payload: { to: 'withdrawn' },
      }),
      409,
      'APPLICATION_PURGED',
    );
    // The daily retention hook of the server runs the same purge.
    const later = await makeApplication(t.db, v.vacancyId, {
      status: 'withdrawn',
      rejectionSentOn: '2025-02-01',
      rejectionReceivedOn: '2025-02-03',
    });
    expect((await applyRetention(t.db, new Date())).purgedApplicants).toBe(1);
    expect(
      (await auditRows(t.db, { action: 'delete', entity_id: String(later) }))[0]!.actor_email,
    ).toBe('system:retention');
    // The scheduled run (no actor) finds nothing more to do.
    expect(
      (await purgeApplicants(t.db, { today: localNow().date, dryRun: false, actor: null }))
        .applicationIds,
    ).not.toContain(due);
    const panel = await userClient(t, ['panel_member']);
    expectError(
      await panel.request({ method: 'POST', url: '/api/hiring/purge', payload: { dryRun: true } }),
      403,
      'FORBIDDEN',
    );
  });

  it('validates retention dates and needs a reason for a legal hold', async () => {
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId, { status: 'rejected' });
    const patch = (payload: object) =>
      admin.request({ method: 'PATCH', url: `/api/applications/${id}/retention`, payload });
    expectError(
      await patch({ rejectionSentOn: '2026-02-10', rejectionReceivedOn: '2026-02-01' }),
      400,
      'DATES_ORDER',
    );
    expectError(await patch({ legalHold: true }), 400, 'REASON_REQUIRED');
    const ok = await patch({ rejectionSentOn: '2026-02-01', rejectionReceivedOn: '2026-02-04' });
    expect(ok.json()).toMatchObject({ purgeDueOn: '2026-08-04' });
  });
});

describe('demo seed', () => {
  it('has the published Grone vacancy with 8 applicants, a panel of three and mixed scorecards', async () => {
    const { seedDemoIfEmpty } = await import('../src/seed/demo.ts');
    const x = await createTestApp();
    await seedDemoIfEmpty(x.db);
    const rows = <T = Record<string, unknown>>(text: string) => q(x.db).all<T>(text);
    const [grone] = await rows<{ id: number; status: string }>(
      "select v.id, v.status from vacancies v join vacancy_posts vp on vp.vacancy_id = v.id join posts p on p.id = vp.post_id where p.code = 'INT-GRO-01'",
    );
    expect(grone!.status).toBe('published');
    const statuses = await rows<{ status: string }>(
      `select status from applications where vacancy_id = ${grone!.id}`,
    );
    expect(statuses).toHaveLength(8);
    expect(new Set(statuses.map((s) => s.status)).size).toBeGreaterThanOrEqual(5);
    expect(
      await rows(
        `select * from vacancy_members where vacancy_id = ${grone!.id} and kind = 'panel'`,
      ),
    ).toHaveLength(3);
    const cards = await rows<{ submitted: number }>(
      `select submitted_at is not null as submitted from scorecards where vacancy_id = ${grone!.id}`,
    );
    expect(cards.some((c) => c.submitted)).toBe(true);
    expect(cards.some((c) => !c.submitted)).toBe(true);
    expect(
      await rows(
        `select * from scorecards where vacancy_id = ${grone!.id} and seen_others_at is not null`,
      ),
      'one late card to show the flag',
    ).toHaveLength(1);
  });

  it('follows the employer rules: city bodies only in the city’s procedure', async () => {
    const { seedDemoIfEmpty } = await import('../src/seed/demo.ts');
    const x = await createTestApp();
    await seedDemoIfEmpty(x.db);
    const rows = <T = Record<string, unknown>>(text: string) => q(x.db).all<T>(text);
    const pairs = await rows<{ id: number; employer: string; advert: string }>(
      `select distinct v.id, p.employer, v.advert_text as advert
         from vacancies v join vacancy_posts vp on vp.vacancy_id = v.id
         join posts p on p.id = vp.post_id order by v.id, p.employer`,
    );
    // One row per vacancy with its employers joined by commas (SQLite's group_concat).
    const byVacancy = new Map<number, { id: number; employers: string; advert: string }>();
    for (const r of pairs) {
      const v = byVacancy.get(r.id);
      if (v) v.employers += `,${r.employer}`;
      else byVacancy.set(r.id, { id: r.id, employers: r.employer, advert: r.advert });
    }
    const vacancies = [...byVacancy.values()];
    expect(vacancies.map((v) => v.employers).sort()).toEqual(['city', 'operator', 'operator']);
    for (const v of vacancies) {
      const bodies = await rows(
        `select 1 from participations where vacancy_id = ${v.id}
         union all select 1 from vacancy_members where vacancy_id = ${v.id} and kind = 'oversight'`,
      );
      if (v.employers === 'operator') {
        expect(bodies, `association's procedure ${v.id}: no city bodies`).toHaveLength(0);
        expect(v.advert).not.toMatch(/^Die Stadt Göttingen/);
      } else {
        expect(bodies.length, `city procedure ${v.id}: the city's bodies`).toBeGreaterThan(0);
      }
    }
  });
});
