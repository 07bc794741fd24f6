import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { CriterionInput } from '@begegnung/domain';
import type { Db } from '../src/db/client.ts';
import { posts } from '../src/db/tables.ts';
import * as repo from '../src/modules/hiring/hiring.repository.ts';
import { unique } from './helper.ts';

/** The motion's requirement profile: (a) OR (b), preferred, desirable. */
export const MOTION_CRITERIA: CriterionInput[] = [
  {
    kind: 'required',
    label: 'Studium Soziale Arbeit / Sozialpädagogik mit staatlicher Anerkennung',
    evidenceType: 'certificate',
    weight: 5,
    scale: 'met/not_met',
    groupKey: 'qualification',
    rank: 1,
  },
  {
    kind: 'required',
    label: 'Mindestens 3 Jahre nachgewiesene Berufserfahrung in der Flüchtlingssozialarbeit',
    evidenceType: 'employment_record',
    weight: 4,
    scale: 'years ≥ 3',
    groupKey: 'qualification',
    rank: 2,
  },
  {
    kind: 'preferred',
    label: 'Erfahrung in Gemeinwesenarbeit / Nachbarschaftszentren',
    evidenceType: 'cv',
    weight: 3,
    scale: '1–5',
  },
  {
    kind: 'desirable',
    label:
      'Sprachen der Zielgruppen (Arabisch, Dari/Farsi, Tigrinya, Kurdisch) mindestens B2 (GER)',
    evidenceType: 'language_certificate',
    weight: 2,
    scale: 'GER A1–C2',
  },
  {
    kind: 'desirable',
    label: 'Interkulturelle Kompetenz (strukturierte Interviewfrage)',
    evidenceType: 'interview',
    weight: 2,
    scale: '1–5',
  },
];

export const CLEAN_ADVERT =
  'Sozialarbeiter*in (m/w/d) für das Nachbarschaftszentrum Grone, 0,5 Stelle, S 11b TVöD SuE. ' +
  'Bewerbungen von Menschen mit Migrationsgeschichte sind ausdrücklich erwünscht.';

/** A post ready to advertise (approved), employed by the city unless told otherwise. */
export async function makeHiringPost(
  db: Db,
  opts: {
    status?: 'proposed' | 'budgeted' | 'approved' | 'open' | 'filled' | 'frozen' | 'abolished';
    employer?: 'city' | 'operator';
  } = {},
) {
  return (
    await db
      .insert(posts)
      .values({
        code: unique('HX-'),
        title: 'Integrationsstelle',
        roleType: 'centre_integration',
        fteMilli: 500,
        payGroup: 'S 11b',
        employer: opts.employer ?? 'city',
        fundingMode: 'grant',
        budgetYearFrom: 2019,
        status: opts.status ?? 'approved',
      })
      .returning({ id: posts.id })
  )[0]!.id;
}

export interface VacancyFixture {
  vacancyId: number;
  setId: number;
  criterionIds: number[];
}

/** A vacancy inserted directly (for access tests), with the motion's criteria. */
export async function makeVacancy(
  db: Db,
  opts: {
    status?: 'draft' | 'published' | 'closed';
    panel?: number[];
    oversight?: {
      userId: number;
      body: 'staff_council' | 'equality_officer' | 'disability_representative';
    }[];
  } = {},
): Promise<VacancyFixture> {
  const status = opts.status ?? 'published';
  const vacancyId = await repo.insertVacancy(db, {
    title: unique('Fachkraft Integration '),
    advertText: CLEAN_ADVERT,
    channel: 'city_website',
    deadline: '2030-12-31',
    status,
    publishedOn: status === 'draft' ? null : '2026-01-05',
  });
  await repo.setVacancyPosts(db, vacancyId, [await makeHiringPost(db)]);
  const setId = await repo.insertCriteriaSet(
    db,
    { vacancyId, version: 1, reason: 'Erstfassung', createdById: null },
    MOTION_CRITERIA,
  );
  if (status !== 'draft') await repo.freezeSet(db, setId, '2026-01-05T08:00:00.000Z');
  await repo.replaceMembers(db, vacancyId, [
    ...(opts.panel ?? []).map((userId) => ({ userId, kind: 'panel' as const, body: null })),
    ...(opts.oversight ?? []).map((o) => ({
      userId: o.userId,
      kind: 'oversight' as const,
      body: o.body,
    })),
  ]);
  return { vacancyId, setId, criterionIds: (await repo.criteriaOf(db, setId)).map((c) => c.id) };
}

export async function makeApplication(
  db: Db,
  vacancyId: number,
  opts: Partial<Parameters<typeof repo.insertApplication>[1]> = {},
) {
  return await repo.insertApplication(db, {
    vacancyId,
    firstName: 'Testa',
    lastName: unique('Bewerberin'),
    email: `${unique('bew')}@example.org`,
    receivedOn: '2026-01-10',
    status: 'received',
    ...opts,
  });
}

export async function makeScorecard(
  db: Db,
  v: VacancyFixture,
  applicationId: number,
  memberId: number,
  submitted: boolean,
) {
  return await repo.insertScorecard(db, {
    vacancyId: v.vacancyId,
    applicationId,
    memberId,
    stage: 'first_interview',
    ratings: [{ criterionId: v.criterionIds[0]!, score: 4 }],
    recommendation: 'yes',
    notes: 'Fixture',
    submittedAt: submitted ? '2026-02-01T10:00:00.000Z' : null,
  });
}

/** A small but complete PDF with one page (pdf-lib writes it). */
export async function makePdf(opts: { padBytes?: number } = {}) {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Lebenslauf', { x: 20, y: 100, size: 12 });
  // Scanned certificates are big binary streams.
  if (opts.padBytes) doc.context.register(doc.context.stream(randomBytes(opts.padBytes)));
  return Buffer.from(await doc.save());
}
export const TINY_PDF = await makePdf();

/** A multipart/form-data body with one file field. */
export function multipartBody(filename: string, contentType: string, data: Buffer) {
  const boundary = `----begegnung${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
