import { eq, inArray } from 'drizzle-orm';
import type { CriterionInput } from '@begegnung/domain';
import type { Db } from '../db/client.ts';
import { postStatusChanges, posts, users } from '../db/tables.ts';
import * as repo from '../modules/hiring/hiring.repository.ts';

/** The motion's requirement profile (SPD/0235/18), criteria version 1. */
export const MOTION_CRITERIA: CriterionInput[] = [
  {
    kind: 'required',
    label: 'Abgeschlossenes Studium Soziale Arbeit / Sozialpädagogik mit staatlicher Anerkennung',
    evidenceType: 'certificate',
    weight: 5,
    scale: 'erfüllt / nicht erfüllt',
    groupKey: 'qualifikation',
    rank: 1,
  },
  {
    kind: 'required',
    label: 'Mindestens 3 Jahre nachgewiesene Berufserfahrung in der Flüchtlingssozialarbeit',
    evidenceType: 'employment_record',
    weight: 4,
    scale: 'Jahre laut Arbeitszeugnissen (≥ 3)',
    groupKey: 'qualifikation',
    rank: 2,
  },
  {
    kind: 'preferred',
    label: 'Erfahrung in Gemeinwesenarbeit oder in einem Nachbarschaftszentrum',
    evidenceType: 'cv',
    weight: 3,
    scale: '1–5',
  },
  {
    kind: 'desirable',
    label:
      'Sprachen der Zielgruppen (z. B. Arabisch, Dari/Farsi, Tigrinya, Kurdisch) mindestens B2 (GER)',
    evidenceType: 'language_certificate',
    weight: 2,
    scale: 'GER A1–C2',
  },
  {
    kind: 'desirable',
    label: 'Interkulturelle Kompetenz (strukturierte Interviewfrage)',
    evidenceType: 'interview',
    weight: 2,
    scale: '1–5 (verankert)',
  },
];

/** The advert names the actual employer: the association for a centre post, the city for coordination. */
const advert = (employer: string, place: string, share: string, payGroup: string) =>
  `${employer} sucht für ${place} eine Fachkraft für Integration durch Begegnung (m/w/d), ` +
  `${share}, Entgeltgruppe ${payGroup} TVöD SuE, befristet im Rahmen des Programms.\n\n` +
  'Ihre Aufgaben: offene Begegnungsangebote, Beratung und Begleitung neu zugezogener Geflüchteter, ' +
  'Zusammenarbeit mit Ehrenamtlichen und Einrichtungen im Quartier.\n\n' +
  'Ihr Profil: Studium der Sozialen Arbeit / Sozialpädagogik mit staatlicher Anerkennung oder mindestens ' +
  'drei Jahre nachgewiesene Berufserfahrung in der Flüchtlingssozialarbeit; Erfahrung in der ' +
  'Gemeinwesenarbeit; Kenntnisse in Sprachen der Zielgruppen (Niveau B2) sind willkommen.\n\n' +
  'Bewerbungen von Menschen mit Migrationsgeschichte sind ausdrücklich erwünscht. Schwerbehinderte ' +
  'Menschen werden bei gleicher Eignung bevorzugt berücksichtigt.';

/** Obviously fictional applicants (names from a German textbook register). */
const APPLICANTS = [
  {
    first: 'Erika',
    last: 'Musterfrau',
    status: 'invited',
    disabled: false,
    screen: ['met', 'not_met', 'met', 'partly', 'unclear'],
  },
  {
    first: 'Max',
    last: 'Mustermann',
    status: 'invited',
    disabled: true,
    screen: ['not_met', 'met', 'partly', 'met', 'unclear'],
  },
  {
    first: 'Lea',
    last: 'Beispiel',
    status: 'interviewed',
    disabled: false,
    screen: ['met', 'met', 'met', 'not_met', 'unclear'],
  },
  {
    first: 'Tom',
    last: 'Testmann',
    status: 'screened',
    disabled: false,
    screen: ['not_met', 'unclear', 'partly', 'not_met', 'unclear'],
  },
  {
    first: 'Jana',
    last: 'Probe',
    status: 'screened',
    disabled: false,
    screen: ['met', 'not_met', 'not_met', 'met', 'unclear'],
  },
  { first: 'Kai', last: 'Platzhalter', status: 'received', disabled: true, screen: [] },
  { first: 'Nora', last: 'Fiktiv', status: 'received', disabled: false, screen: [] },
  {
    first: 'Otto',
    last: 'Normalbewerber',
    status: 'rejected',
    disabled: false,
    screen: ['not_met', 'not_met', 'partly', 'not_met', 'unclear'],
  },
] as const;

const NOTES: Record<string, string> = {
  met: 'Nachweis liegt vor',
  partly: 'Teilweise belegt, im Gespräch klären',
  not_met: 'Kein Nachweis in den Unterlagen',
  unclear: 'Erst im Interview prüfbar',
};

export const HIRING_DEMO_USERS = {
  panel: ['panel1@demo.begegnung.de', 'panel2@demo.begegnung.de', 'panel3@demo.begegnung.de'],
  oversight: 'personalrat@demo.begegnung.de',
  admin: 'admin@demo.begegnung.de',
};

/**
 * One published vacancy for the Grone half post with 8 applicants across the pipeline and a
 * panel of three with submitted, pending and one late (revised after seeing colleagues')
 * scorecards; one draft vacancy (Weststadt) to walk through publication; and one published
 * vacancy for the city's coordination post with the city's staff council and equality officer
 * taking part. Deterministic.
 *
 * The employer decides who takes part (docs/hiring-law.md): the centre posts are employed by
 * their associations (e.V., kAöR), so the city's staff council, equality officer and disability
 * representative have no part in those procedures and no participation records; the
 * association's own works council (if it has one) is the association's business and is not
 * recorded here. Only the city's own post carries the city's bodies.
 */
export async function seedHiring(db: Db) {
  const byEmail = new Map(
    (
      await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(
          inArray(users.email, [
            ...HIRING_DEMO_USERS.panel,
            HIRING_DEMO_USERS.oversight,
            HIRING_DEMO_USERS.admin,
          ]),
        )
    ).map((u) => [u.email, u.id]),
  );
  const adminId = byEmail.get(HIRING_DEMO_USERS.admin)!;
  const panel = HIRING_DEMO_USERS.panel.map((e) => byEmail.get(e)!);
  const pr = byEmail.get(HIRING_DEMO_USERS.oversight)!;
  const postId = async (code: string) =>
    (await db.select({ id: posts.id }).from(posts).where(eq(posts.code, code)).limit(1))[0]!.id;
  // Only budgeted or approved posts may be advertised. The motion's outcome is not documented,
  // so the demo marks the three centre posts it advertises as budgeted, labelled as a demo
  // assumption in their history.
  for (const code of ['INT-GRO-01', 'INT-WEST-01', 'INT-LEI-01', 'KOORD-01']) {
    await db
      .update(posts)
      .set({ status: 'budgeted' })
      .where(eq(posts.id, await postId(code)));
    await db.insert(postStatusChanges).values({
      postId: await postId(code),
      fromStatus: 'proposed',
      toStatus: 'budgeted',
      effectiveOn: '2026-10-01',
      reason: 'Demo-Annahme für das Auswahlverfahren: veranschlagt (nicht belegt)',
    });
  }

  const vacancyId = await repo.insertVacancy(db, {
    title: 'Fachkraft Integration durch Begegnung (m/w/d), NBZ Grone, 50 %',
    advertText: advert(
      'Der Nachbarschaftszentrum Grone e.V.',
      'das Nachbarschaftszentrum Grone',
      'Teilzeit 50 %',
      'S 11b',
    ),
    channel: 'city_website',
    deadline: '2027-01-31',
    status: 'published',
    publishedOn: '2026-11-02',
    createdById: adminId,
  });
  await repo.setVacancyPosts(db, vacancyId, [await postId('INT-GRO-01')]);
  const setId = await repo.insertCriteriaSet(
    db,
    { vacancyId, version: 1, reason: 'Erstfassung nach Antrag SPD/0235/18', createdById: adminId },
    MOTION_CRITERIA,
  );
  await repo.freezeSet(db, setId, '2026-11-02T08:00:00.000Z');
  const criterionIds = (await repo.criteriaOf(db, setId)).map((c) => c.id);
  // An association's post: the panel only; no city oversight bodies (BODY_NOT_RESPONSIBLE).
  await repo.replaceMembers(
    db,
    vacancyId,
    panel.map((userId) => ({ userId, kind: 'panel' as const, body: null })),
  );

  for (const [i, a] of APPLICANTS.entries()) {
    const id = await repo.insertApplication(db, {
      vacancyId,
      firstName: a.first,
      lastName: a.last,
      email: `${a.first.toLowerCase()}.${a.last.toLowerCase()}@beispiel.example`,
      phone: `0551 000 00${i + 10}`,
      receivedOn: `2026-11-${String(5 + i).padStart(2, '0')}`,
      severelyDisabled: a.disabled,
      status: a.status,
      statusReason:
        a.status === 'rejected'
          ? 'Keine Option der Qualifikationsgruppe belegt; nach Prüfung durch die Personalstelle abgesagt'
          : null,
      rejectionSentOn: a.status === 'rejected' ? '2026-11-20' : null,
      rejectionReceivedOn: a.status === 'rejected' ? '2026-11-23' : null,
    });
    for (const [k, result] of a.screen.entries()) {
      await repo.upsertScreening(db, {
        applicationId: id,
        criterionId: criterionIds[k]!,
        result,
        note: NOTES[result]!,
        assessedById: panel[k % 2]!,
      });
    }
    // Nora gave the voluntary, separately consented self-disclosure (stored apart).
    if (a.first === 'Nora')
      await repo.upsertSelfDisclosure(db, {
        applicationId: id,
        migrationBackground: 'prefer_not_to_say',
        consentGivenAt: '2026-11-11T09:00:00.000Z',
        consentTextVersion: 'SD-2026-1',
      });
    if (a.status !== 'invited' && a.status !== 'interviewed') continue;
    // Panel 1 and 2 have submitted; panel 3 has a draft for Erika and nothing for Max.
    for (const [m, memberId] of panel.entries()) {
      if (m === 2 && a.status === 'invited' && a.first === 'Max') continue;
      const submitted = m < 2 || a.status === 'interviewed';
      const cardId = await repo.insertScorecard(db, {
        vacancyId,
        applicationId: id,
        memberId,
        stage: 'first_interview',
        ratings: criterionIds.map((criterionId, k) => ({
          criterionId,
          score: 2 + ((i + m + k) % 4),
        })),
        recommendation: submitted
          ? (['yes', 'strong_yes', 'yes', 'no'] as const)[(i + m) % 4]
          : null,
        notes: submitted ? 'Strukturiertes Interview, Leitfaden v1' : 'Entwurf',
        submittedAt: submitted ? `2026-11-${String(25 + m).padStart(2, '0')}T14:00:00.000Z` : null,
      });
      // Panel 1 read the colleagues' cards for Lea, then revised theirs: a late card, flagged.
      if (m === 0 && a.first === 'Lea') {
        const seen = '2026-11-28T09:00:00.000Z';
        await repo.recordPeek(db, {
          memberId,
          applicationId: id,
          stage: 'first_interview',
          at: seen,
        });
        await repo.updateScorecard(db, cardId, { supersededAt: '2026-11-28T10:00:00.000Z' });
        await repo.insertScorecard(db, {
          vacancyId,
          applicationId: id,
          memberId,
          stage: 'first_interview',
          revision: 2,
          ratings: criterionIds.map((criterionId) => ({ criterionId, score: 4 })),
          recommendation: 'yes',
          notes: 'Strukturiertes Interview, Leitfaden v1',
          submittedAt: '2026-11-28T10:00:00.000Z',
          correctionReason: 'Nach Rücksprache im Gremium angeglichen',
          seenOthersAt: seen,
        });
      }
    }
  }

  // A draft for the Weststadt post: publish it to walk through the procedure.
  const draftId = await repo.insertVacancy(db, {
    title: 'Fachkraft Integration durch Begegnung (m/w/d), Weststadtzentrum, 50 %',
    advertText: advert(
      'Die Beschäftigungsförderung Göttingen kAöR',
      'das Weststadtzentrum',
      'Teilzeit 50 %',
      'S 11b',
    ),
    channel: 'interamt',
    deadline: '2027-02-28',
    status: 'draft',
    createdById: adminId,
  });
  await repo.setVacancyPosts(db, draftId, [await postId('INT-WEST-01')]);
  await repo.insertCriteriaSet(
    db,
    {
      vacancyId: draftId,
      version: 1,
      reason: 'Erstfassung nach Antrag SPD/0235/18',
      createdById: adminId,
    },
    MOTION_CRITERIA,
  );
  await repo.replaceMembers(
    db,
    draftId,
    panel.map((userId) => ({ userId, kind: 'panel' as const, body: null })),
  );

  // The city's own coordination post: the city's staff council and equality officer take part.
  const cityId = await repo.insertVacancy(db, {
    title: 'Koordination Integration durch Begegnung (m/w/d), Stadt Göttingen, 100 %',
    advertText: advert(
      'Die Stadt Göttingen',
      'die Koordination der vier Zentren',
      'Vollzeit',
      'S 12',
    ),
    channel: 'interamt',
    deadline: '2027-02-15',
    status: 'published',
    publishedOn: '2026-11-16',
    createdById: adminId,
  });
  await repo.setVacancyPosts(db, cityId, [await postId('KOORD-01')]);
  const citySet = await repo.insertCriteriaSet(
    db,
    {
      vacancyId: cityId,
      version: 1,
      reason: 'Erstfassung nach Antrag SPD/0235/18',
      createdById: adminId,
    },
    MOTION_CRITERIA,
  );
  await repo.freezeSet(db, citySet, '2026-11-16T08:00:00.000Z');
  await repo.replaceMembers(db, cityId, [
    ...panel.map((userId) => ({ userId, kind: 'panel' as const, body: null })),
    { userId: pr, kind: 'oversight', body: 'staff_council' },
  ]);
  await repo.insertParticipation(db, {
    vacancyId: cityId,
    body: 'staff_council',
    requestedOn: '2026-11-16',
    response: 'pending',
    notes: 'Information über die Ausschreibung; Zustimmung zur Einstellung folgt nach Auswahl',
    recordedById: adminId,
  });
  await repo.insertParticipation(db, {
    vacancyId: cityId,
    body: 'equality_officer',
    requestedOn: '2026-11-16',
    response: 'comments',
    respondedOn: '2026-11-18',
    notes: 'Frühzeitig beteiligt (§ 9 Abs. 5 NKomVG); keine Einwände gegen den Ausschreibungstext',
    recordedById: adminId,
  });
}
