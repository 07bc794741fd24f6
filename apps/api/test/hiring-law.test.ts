import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import { SelectionRecordSchema, VacancySchema } from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  makeUser,
  userClient,
  type Client,
  q,
} from './helper.ts';
import {
  CLEAN_ADVERT,
  MOTION_CRITERIA,
  TINY_PDF,
  makeApplication,
  makeHiringPost,
  makeVacancy,
  multipartBody,
} from './hiring-fixtures.ts';
import * as repo from '../src/modules/hiring/hiring.repository.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);
const count = async (table: string) =>
  ((await q(t.db).get(`select count(*) as n from ${table}`)) as { n: number }).n;

const vacancyPayload = async (overrides: Record<string, unknown> = {}) => ({
  title: 'Fachkraft Integration NBZ Grone (0,5)',
  advertText: CLEAN_ADVERT,
  channel: 'city_website',
  deadline: '2030-03-31',
  postIds: [await makeHiringPost(t.db)],
  criteria: MOTION_CRITERIA,
  ...overrides,
});
const createVacancy = async (overrides: Record<string, unknown> = {}) =>
  admin.request({
    method: 'POST',
    url: '/api/vacancies',
    payload: await vacancyPayload(overrides),
  });
const status = (id: number, to: string) =>
  admin.request({ method: 'POST', url: `/api/vacancies/${id}/status`, payload: { to } });
const scored = (label: string, weight = 3) => ({
  kind: 'preferred',
  label,
  evidenceType: 'interview',
  weight,
  scale: '1–5',
});

describe('criteria naming a protected characteristic (§ 1 AGG)', () => {
  it('refuses "Eigener Migrationshintergrund" and an Arabic-speaking origin, saving nothing', async () => {
    const before = await count('vacancies');
    const err = expectError(
      await createVacancy({
        criteria: [
          ...MOTION_CRITERIA,
          scored('Eigener Migrationshintergrund'),
          scored('Herkunft aus arabischsprachigem Land', 2),
        ],
      }),
      422,
      'PROTECTED_CRITERION',
    );
    expect(err.message).toMatch(/self-disclosure/);
    expect(err.details).toEqual([
      expect.objectContaining({ field: 'criteria.5.label', code: 'protected_origin' }),
      expect.objectContaining({ field: 'criteria.6.label', code: 'protected_origin' }),
    ]);
    expect(await count('vacancies')).toBe(before);
  });

  it('refuses them when criteria are replaced or versioned; lawful language skills pass', async () => {
    const res = await createVacancy({
      criteria: [...MOTION_CRITERIA, scored('Sprachkenntnisse Arabisch (mindestens C1 GER)')],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expectError(
      await admin.request({
        method: 'PUT',
        url: `/api/vacancies/${id}/criteria`,
        payload: { criteria: [...MOTION_CRITERIA, scored('Deutsch als Muttersprache')] },
      }),
      422,
      'PROTECTED_CRITERION',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/vacancies/${id}/criteria-versions`,
        payload: {
          reason: 'Ergänzung',
          criteria: [...MOTION_CRITERIA, scored('Alter zwischen 25 und 35 Jahren')],
        },
      }),
      422,
      'PROTECTED_CRITERION',
    );
    expect(
      (await repo.criteriaOf(t.db, (await repo.currentSet(t.db, id))!.id)).map((c) => c.label),
    ).not.toContain('Deutsch als Muttersprache');
  });

  it('a criterion stored before this rule cannot be published and is listed', async () => {
    const v = await makeVacancy(t.db, { status: 'draft' });
    await repo.replaceCriteria(t.db, v.setId, [
      ...MOTION_CRITERIA,
      scored('Migrationshintergrund') as (typeof MOTION_CRITERIA)[number],
    ]);
    const got = await admin.request({ method: 'GET', url: `/api/vacancies/${v.vacancyId}` });
    expectSchema(VacancySchema, got.json());
    expect(got.json().protectedCriteria).toEqual([
      expect.objectContaining({ ground: 'origin', match: 'migrationshintergrund' }),
    ]);
    expectError(await status(v.vacancyId, 'published'), 422, 'PROTECTED_CRITERION');
    expect((await repo.findVacancy(t.db, v.vacancyId))!.status).toBe('draft');
    expect((await repo.currentSet(t.db, v.vacancyId))!.frozenAt).toBeNull();
  });
});

describe('vacancies only for posts in the budget or approved', () => {
  it('refuses a proposed post on create, on edit and at publication', async () => {
    const proposed = await makeHiringPost(t.db, { status: 'proposed' });
    const err = expectError(await createVacancy({ postIds: [proposed] }), 409, 'POST_NOT_APPROVED');
    expect(err.details![0]!.code).toBe('post_proposed');
    const ok = await createVacancy({
      postIds: [await makeHiringPost(t.db, { status: 'budgeted' })],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id as number;
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/vacancies/${id}`,
        payload: { postIds: [proposed] },
      }),
      409,
      'POST_NOT_APPROVED',
    );
    // The post went back to proposed after the draft was made: publication is refused.
    const postId = (await repo.vacancyPostsOf(t.db, id))[0]!.id;
    await q(t.db).run("update posts set status = 'proposed' where id = ?", postId);
    expectError(await status(id, 'published'), 409, 'POST_NOT_APPROVED');
    expect((await repo.findVacancy(t.db, id))!.status).toBe('draft');
    for (const s of ['filled', 'frozen', 'abolished'] as const)
      expectError(
        await createVacancy({ postIds: [await makeHiringPost(t.db, { status: s })] }),
        409,
        'POST_NOT_APPROVED',
      );
  });

  it('one procedure has one employer', async () => {
    expectError(
      await createVacancy({
        postIds: [await makeHiringPost(t.db), await makeHiringPost(t.db, { employer: 'operator' })],
      }),
      409,
      'MIXED_EMPLOYERS',
    );
  });
});

describe('§ 165 SGB IX and the staff council follow the employer', () => {
  async function procedure(employer: 'city' | 'operator') {
    const res = await createVacancy({ postIds: [await makeHiringPost(t.db, { employer })] });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(res.json().employer).toBe(employer);
    await status(id, 'published');
    const app = await makeApplication(t.db, id, { severelyDisabled: true });
    return { id, app };
  }
  const reject = (app: number) =>
    admin.request({
      method: 'POST',
      url: `/api/applications/${app}/status`,
      payload: { to: 'rejected', reason: 'Qualifikation fehlt' },
    });

  it('city post: must invite, city bodies take part', async () => {
    const { id, app } = await procedure('city');
    const got = await admin.request({ method: 'GET', url: `/api/applications/${app}` });
    expect(got.json()).toMatchObject({ mustInvite: true, employerOwnDuty: false });
    expectError(await reject(app), 409, 'MUST_INVITE');
    const pr = await makeUser(t.db, ['oversight']);
    const members = await admin.request({
      method: 'PUT',
      url: `/api/vacancies/${id}/members`,
      payload: { panel: [], oversight: [{ userId: pr.id, body: 'staff_council' }] },
    });
    expect(members.statusCode, members.body).toBe(200);
  });

  it("association's post: flagged as the employer's own duty, no city staff council", async () => {
    const { id, app } = await procedure('operator');
    const got = await admin.request({ method: 'GET', url: `/api/applications/${app}` });
    expect(got.json()).toMatchObject({ mustInvite: false, employerOwnDuty: true });
    const list = await admin.request({ method: 'GET', url: `/api/vacancies/${id}/applications` });
    expect(list.json()[0]).toMatchObject({ mustInvite: false, employerOwnDuty: true });
    const pr = await makeUser(t.db, ['oversight']);
    expectError(
      await admin.request({
        method: 'PUT',
        url: `/api/vacancies/${id}/members`,
        payload: { panel: [], oversight: [{ userId: pr.id, body: 'staff_council' }] },
      }),
      409,
      'BODY_NOT_RESPONSIBLE',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/vacancies/${id}/participations`,
        payload: { body: 'staff_council', requestedOn: '2026-03-01', response: 'pending' },
      }),
      409,
      'BODY_NOT_RESPONSIBLE',
    );
    const md = await admin.request({
      method: 'GET',
      url: `/api/vacancies/${id}/selection-record.md`,
    });
    expect(md.body).toContain('der städtische Personalrat ist nicht zuständig');
    // The city's § 165 refusal does not apply; the reason is still required and recorded.
    const ok = await reject(app);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('scorecards: complete, and late cards flagged', () => {
  async function setup() {
    const v = await makeVacancy(t.db);
    const members: Client[] = [];
    for (let i = 0; i < 3; i++) members.push(await userClient(t, ['panel_member']));
    await admin.request({
      method: 'PUT',
      url: `/api/vacancies/${v.vacancyId}/members`,
      payload: { panel: members.map((m) => m.userId), oversight: [] },
    });
    const app = await makeApplication(t.db, v.vacancyId, { status: 'invited' });
    return { v, members, app };
  }
  const all = (ids: number[], score: number) => ids.map((criterionId) => ({ criterionId, score }));

  it('refuses a placeholder (partly rated) card on submit and on revision', async () => {
    const { v, members, app } = await setup();
    const save = (ratings: object[], submit: boolean) =>
      members[0]!.request({
        method: 'POST',
        url: `/api/vacancies/${v.vacancyId}/scorecards`,
        payload: {
          applicationId: app,
          stage: 'first_interview',
          ratings,
          recommendation: 'yes',
          notes: '',
          submit,
        },
      });
    const placeholder = [{ criterionId: v.criterionIds[0]!, score: 3 }];
    const err = expectError(await save(placeholder, true), 422, 'SCORECARD_INCOMPLETE');
    expect(err.details).toHaveLength(v.criterionIds.length - 1);
    expect(await count('scorecards')).toBe(
      ((await q(t.db).get('select count(*) as n from scorecards')) as { n: number }).n,
    );
    expect(
      await repo.currentCard(t.db, app, members[0]!.userId, 'first_interview'),
    ).toBeUndefined();
    // A partial draft is fine: it does not count as submitted and unlocks nothing.
    const draft = await save(placeholder, false);
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().submittedAt).toBeNull();
    const full = await save(all(v.criterionIds, 4), true);
    expect(full.statusCode, full.body).toBe(200);
    expectError(
      await members[0]!.request({
        method: 'POST',
        url: `/api/scorecards/${full.json().id}/revisions`,
        payload: { reason: 'Korrektur', ratings: placeholder, recommendation: 'no', notes: '' },
      }),
      422,
      'SCORECARD_INCOMPLETE',
    );
  });

  it("flags a revision made after reading colleagues' cards in the selection record", async () => {
    const { v, members, app } = await setup();
    const [m1, m2, m3] = members as [Client, Client, Client];
    const submit = (m: Client, score: number) =>
      m.request({
        method: 'POST',
        url: `/api/vacancies/${v.vacancyId}/scorecards`,
        payload: {
          applicationId: app,
          stage: 'first_interview',
          ratings: all(v.criterionIds, score),
          recommendation: score >= 3 ? 'yes' : 'no',
          notes: 'Interview',
          submit: true,
        },
      });
    const c1 = (await submit(m1, 2)).json();
    const c2 = (await submit(m2, 5)).json();
    const c3 = (await submit(m3, 4)).json();
    expect([c1.seenOthersAt, c2.seenOthersAt, c3.seenOthersAt]).toEqual([null, null, null]);
    // m1 reads the colleagues' cards, then "corrects" theirs to match.
    const list = await m1.request({ method: 'GET', url: `/api/applications/${app}/scorecards` });
    expect(list.json().cards.length).toBe(3);
    const revise = (m: Client, id: number) =>
      m.request({
        method: 'POST',
        url: `/api/scorecards/${id}/revisions`,
        payload: {
          reason: 'Nach Rücksprache angepasst',
          ratings: all(v.criterionIds, 5),
          recommendation: 'strong_yes',
          notes: 'Interview',
        },
      });
    const late = await revise(m1, c1.id);
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().seenOthersAt).not.toBeNull();
    // m3 never read another card: the correction is not flagged.
    const honest = await revise(m3, c3.id);
    expect(honest.json().seenOthersAt).toBeNull();
    // Reading a single card counts too.
    await m2.request({ method: 'GET', url: `/api/scorecards/${c3.id}` });
    expect((await revise(m2, c2.id)).json().seenOthersAt).not.toBeNull();

    await q(t.db).run("update vacancies set status = 'closed' where id = ?", v.vacancyId);
    const record = await admin.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/selection-record`,
    });
    expectSchema(SelectionRecordSchema, record.json());
    const cand = record
      .json()
      .candidates.find((c: { applicationId: number }) => c.applicationId === app);
    expect(cand.lateCards.map((l: { revision: number }) => l.revision)).toEqual([2, 2]);
    const md = await admin.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/selection-record.md`,
    });
    expect(md.body).toContain('Bewertungsbögen nach Einsicht in andere Bögen');
    expect(
      (
        await auditRows(t.db, { actor_id: m1.userId, entity_type: 'scorecard', action: 'create' })
      ).some((r) => String(r.reason).includes("after seeing colleagues' cards")),
    ).toBe(true);
  });
});

describe('selection-record exports escape user content and print any script', () => {
  const ARABIC = 'فاطمة الزهراء';
  const CYRILLIC = 'Светлана Иванова';
  it('Markdown has no raw HTML and no javascript: links, even rendered permissively', async () => {
    const v = await makeVacancy(t.db, { status: 'closed' });
    const evil = await makeApplication(t.db, v.vacancyId, {
      firstName: '<script>alert(1)</script>',
      lastName: '[klick](javascript:alert(document.cookie))',
    });
    const named = await makeApplication(t.db, v.vacancyId, {
      firstName: ARABIC,
      lastName: CYRILLIC,
    });
    const decide = await admin.request({
      method: 'PUT',
      url: `/api/vacancies/${v.vacancyId}/decision`,
      payload: {
        ranking: [
          { applicationId: named, rank: 1, reason: 'Sehr gutes Interview | **fett** # Titel' },
          {
            applicationId: evil,
            rank: 2,
            reason: '<img src=x onerror=alert(1)> <JavaScript:alert(2)> [x](JAVASCRIPT :alert(3))',
          },
        ],
      },
    });
    expect(decide.statusCode, decide.body).toBe(200);
    const md = (
      await admin.request({
        method: 'GET',
        url: `/api/vacancies/${v.vacancyId}/selection-record.md`,
      })
    ).body;
    expect(md).not.toMatch(/<script|<img/i);
    expect(md).not.toMatch(/javascript\s*:/i);
    expect(md).toContain(ARABIC);
    const html = new MarkdownIt({ html: true, linkify: true }).render(md);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).not.toMatch(/href="\s*javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The table keeps its shape: the pipe in a reason does not open a new column.
    const row = md.split('\n').find((l) => l.includes('Sehr gutes Interview'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(9);

    const pdf = await admin.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/selection-record.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    const raw = pdf.rawPayload.toString('latin1');
    expect(raw).toMatch(/DejaVuSans/);
    expect(raw).not.toMatch(/\/BaseFont\s*\/Helvetica/);
    const text = (await new PDFParse({ data: pdf.rawPayload }).getText()).text;
    // Every name prints with real glyphs (a WinAnsi font would drop or garble them).
    for (const word of [...CYRILLIC.split(' '), ...ARABIC.split(' ')]) expect(text).toContain(word);
  });
});

describe('uploads: only whole PDFs, stored and served as .pdf attachments', () => {
  const upload = (id: number, body: ReturnType<typeof multipartBody>) =>
    admin.request({ method: 'POST', url: `/api/applications/${id}/documents`, ...body });
  const HTML_WITH_PDF_PREFIX = Buffer.from(
    '%PDF-1.7\n<html><body><script>fetch("/api/session")</script></body></html>\n%%EOF\n',
  );

  it('refuses an HTML file with a %PDF- prefix, whatever its name or declared type', async () => {
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId);
    const before = await count('application_documents');
    for (const [name, type] of [
      ['lebenslauf.html', 'application/pdf'],
      ['lebenslauf.pdf', 'application/pdf'],
      ['lebenslauf.pdf', 'application/octet-stream'],
    ])
      expectError(
        await upload(id, multipartBody(name!, type!, HTML_WITH_PDF_PREFIX)),
        415,
        'NOT_A_PDF',
      );
    // A real PDF under an HTML name is refused too (it would be served under that name).
    const named = expectError(
      await upload(id, multipartBody('lebenslauf.html', 'application/pdf', TINY_PDF)),
      415,
      'NOT_A_PDF',
    );
    expect(named.details![0]!.code).toBe('not_pdf_name');
    // A PDF truncated in the middle is not a whole PDF.
    expectError(
      await upload(
        id,
        multipartBody('cut.pdf', 'application/pdf', TINY_PDF.subarray(0, TINY_PDF.length / 2)),
      ),
      415,
      'NOT_A_PDF',
    );
    expect(await count('application_documents')).toBe(before);
  });

  it('refuses a PDF that runs JavaScript when opened', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const action = doc.context.obj({
      Type: 'Action',
      S: 'JavaScript',
      JS: PDFString.of('app.alert(1)'),
    });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId);
    const err = expectError(
      await upload(id, multipartBody('cv.pdf', 'application/pdf', Buffer.from(await doc.save()))),
      415,
      'NOT_A_PDF',
    );
    expect(err.details![0]!.code).toBe('active_content');
  });

  it('stores names as .pdf and serves them as attachments with a safe header', async () => {
    const v = await makeVacancy(t.db);
    const id = await makeApplication(t.db, v.vacancyId);
    const res = await upload(id, multipartBody('Zeugnis Ганна', 'application/pdf', TINY_PDF));
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json().documents[0];
    expect(doc.filename).toBe('Zeugnis Ганна.pdf');
    const dl = await admin.request({
      method: 'GET',
      url: `/api/applications/${id}/documents/${doc.id}`,
    });
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    const cd = String(dl.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/);
    expect(cd).toContain(encodeURIComponent('Ганна'));
    // A name that tries to break out of the header is cleaned before storing.
    const evil = await upload(id, multipartBody('a\\";x=1;.pdf', 'application/pdf', TINY_PDF));
    expect(evil.statusCode, evil.body).toBe(201);
    const names = evil.json().documents.map((d: { filename: string }) => d.filename);
    for (const n of names) expect(n).toMatch(/^[\p{L}\p{N} ._-]+\.pdf$/u);
  });
});
