import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { ApplicantExportSchema, ROLES } from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  roleClient,
  userClient,
  q,
} from './helper.ts';
import { TINY_PDF, makeApplication, makeScorecard, makeVacancy } from './hiring-fixtures.ts';
import {
  applicationDocuments,
  applicantSelfDisclosures,
  screeningResults,
} from '../src/db/tables.ts';

const t = await createTestApp();
const dpo = await userClient(t, ['data_protection']);
const one = async <T>(text: string, ...args: unknown[]) => (await q(t.db).get(text, ...args)) as T;

/** An application with a document, a self-disclosure, a screening result and a scorecard. */
async function richApplication(opts: { legalHold?: boolean } = {}) {
  const panel = await userClient(t, ['panel_member']);
  const v = await makeVacancy(t.db, { panel: [panel.userId] });
  const email = `Amira.${Date.now()}${Math.random().toString(36).slice(2, 6)}@Example.org`;
  const id = await makeApplication(t.db, v.vacancyId, {
    firstName: 'Amira',
    lastName: 'Beispiel',
    email,
    phone: '0551 123456',
    legalHold: opts.legalHold ?? false,
    legalHoldReason: opts.legalHold ? 'Klage nach AGG angekündigt' : null,
  });
  await t.db.insert(applicationDocuments).values({
    applicationId: id,
    filename: 'lebenslauf.pdf',
    size: TINY_PDF.length,
    sha256: 'x',
    data: TINY_PDF,
  });
  await t.db.insert(applicantSelfDisclosures).values({
    applicationId: id,
    migrationBackground: 'yes',
    consentGivenAt: '2026-01-10T10:00:00.000Z',
    consentTextVersion: 'SD-2026-1',
  });
  await t.db.insert(screeningResults).values({
    applicationId: id,
    criterionId: v.criterionIds[0]!,
    result: 'met',
    note: 'Urkunde liegt vor',
  });
  await makeScorecard(t.db, v, id, panel.userId, true);
  return { id, email, vacancyId: v.vacancyId };
}

describe('applicant subject requests', () => {
  it('finds applications by email, case-insensitively, and audits the lookup', async () => {
    const a = await richApplication();
    const res = await dpo.request({
      method: 'GET',
      url: `/api/privacy/applicants?email=${encodeURIComponent(a.email.toUpperCase())}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ id: a.id, name: 'Amira Beispiel' })]);
    expect(
      await auditRows(t.db, {
        entity_type: 'application',
        entity_id: String(a.id),
        action: 'read',
      }),
    ).toHaveLength(1);
  });

  it('exports contact data, documents, self-disclosure, screening and scores as JSON and PDF', async () => {
    const a = await richApplication();
    const res = await dpo.request({ method: 'GET', url: `/api/privacy/applicants/${a.id}/export` });
    expect(res.statusCode).toBe(200);
    expectSchema(ApplicantExportSchema, res.json());
    const x = res.json();
    expect(x.applicant).toMatchObject({ firstName: 'Amira', phone: '0551 123456' });
    expect(x.documents).toEqual([expect.objectContaining({ filename: 'lebenslauf.pdf' })]);
    expect(x.selfDisclosure).toMatchObject({ migrationBackground: 'yes' });
    expect(x.screening[0]).toMatchObject({ result: 'met', note: 'Urkunde liegt vor' });
    expect(x.scorecards).toHaveLength(1);

    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/applicants/${a.id}/export.pdf`,
      headers: { cookie: dpo.cookie },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await new PDFParse({ data: pdf.rawPayload }).getText()).text;
    expect(text).toContain('Auskunft über gespeicherte Bewerbungsdaten');
    expect(text).toContain('Amira Beispiel');
    expect(text).toContain('lebenslauf.pdf');
    expect(
      await auditRows(t.db, {
        entity_type: 'application',
        entity_id: String(a.id),
        action: 'export',
      }),
    ).toHaveLength(2);
  });

  it('anonymises on request: contact data, documents and self-disclosure go, the tombstone stays', async () => {
    const a = await richApplication();
    const erase = (payload: unknown) =>
      dpo.request({
        method: 'POST',
        url: `/api/privacy/applicants/${a.id}/erase`,
        payload: payload as object,
      });
    expectError(
      await erase({ reason: 'Antrag vom 1.12.', confirmId: a.id + 1 }),
      400,
      'CONFIRMATION_MISMATCH',
    );
    const res = await erase({ reason: 'Antrag vom 1.12.', confirmId: a.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: a.id, documents: 1, selfDisclosure: true });
    const row = await one<{
      first_name: string;
      email: string | null;
      phone: string | null;
      purged_at: string | null;
    }>('select first_name, email, phone, purged_at from applications where id = ?', a.id);
    expect(row).toMatchObject({ first_name: 'Anonymisiert', email: null, phone: null });
    expect(row.purged_at).not.toBeNull();
    expect(
      (
        await one<{ n: number }>(
          'select count(*) as n from application_documents where application_id = ?',
          a.id,
        )
      ).n,
    ).toBe(0);
    expect(
      (
        await one<{ n: number }>(
          'select count(*) as n from applicant_self_disclosures where application_id = ?',
          a.id,
        )
      ).n,
    ).toBe(0);
    expectError(
      await erase({ reason: 'Antrag vom 1.12.', confirmId: a.id }),
      409,
      'ALREADY_ERASED',
    );
    const audit = await auditRows(t.db, {
      entity_type: 'application',
      entity_id: String(a.id),
      action: 'delete',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).not.toContain('Amira');
  });

  it('refuses erasure under a legal hold and keeps everything', async () => {
    const a = await richApplication({ legalHold: true });
    expectError(
      await dpo.request({
        method: 'POST',
        url: `/api/privacy/applicants/${a.id}/erase`,
        payload: { reason: 'Antrag vom 1.12.', confirmId: a.id },
      }),
      409,
      'LEGAL_HOLD',
    );
    expect(
      (await one<{ first_name: string }>('select first_name from applications where id = ?', a.id))
        .first_name,
    ).toBe('Amira');
  });

  it('is for data protection only (403 audited), 404 for unknown ids', async () => {
    const a = await richApplication();
    for (const role of ROLES.filter((r) => r !== 'data_protection')) {
      const client = await roleClient(t, role);
      expectError(
        await client.request({ method: 'GET', url: `/api/privacy/applicants/${a.id}/export` }),
        403,
        'FORBIDDEN',
      );
    }
    expectError(
      await dpo.request({ method: 'GET', url: '/api/privacy/applicants/999999/export' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await dpo.request({ method: 'GET', url: '/api/privacy/applicants?email=kein-email' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
