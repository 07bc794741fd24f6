import PDFDocument from 'pdfkit';
import { DomainError, type DecisionBody, type SelectionRecord } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransaction } from '../../lib/tx.ts';
import { audit, requireRole } from '../audit/audit.service.ts';
import { nowIso, requirePart } from './access.ts';
import { evaluateScreening } from '@begegnung/domain';
import * as repo from './hiring.repository.ts';
import { currentCriteriaSet } from './vacancies.service.ts';
import { pdfBuffer } from '../../lib/pdf.ts';

const ENTITY = 'selection_record';

function buildRecord(ctx: ServiceContext, vacancyId: number): SelectionRecord {
  const v = repo.findVacancy(ctx.db, vacancyId)!;
  const set = currentCriteriaSet(ctx, vacancyId);
  const apps = repo.applicationsOf(ctx.db, vacancyId);
  const screening = repo.screeningOf(
    ctx.db,
    apps.map((a) => a.id),
  );
  const cards = repo
    .scorecardsOfVacancy(ctx.db, vacancyId)
    .filter((c) => c.card.submittedAt && !c.card.supersededAt);
  const rankings = new Map(repo.rankingsOf(ctx.db, vacancyId).map((r) => [r.applicationId, r]));
  const ids = new Set(set.criteria.map((c) => c.id));
  const candidates = apps.map((a) => {
    const mine = screening.filter((s) => s.applicationId === a.id && ids.has(s.criterionId));
    const myCards = cards.filter((c) => c.card.applicationId === a.id);
    const scores = myCards.flatMap((c) => c.card.ratings.map((r) => r.score));
    const r = rankings.get(a.id);
    return {
      applicationId: a.id,
      displayName: `${a.firstName} ${a.lastName}`.trim(),
      status: a.status,
      severelyDisabled: a.severelyDisabled,
      screening: mine.map((s) => ({ criterionId: s.criterionId, result: s.result, note: s.note })),
      suggestion: evaluateScreening(set.criteria, mine).suggestion,
      scorecardCount: myCards.length,
      averageScore: scores.length
        ? Math.round((scores.reduce((x, y) => x + y, 0) / scores.length) * 100) / 100
        : null,
      recommendations: myCards.flatMap((c) =>
        c.card.recommendation ? [c.card.recommendation] : [],
      ),
      rank: r?.rank ?? null,
      reason: r?.reason ?? null,
    };
  });
  candidates.sort(
    (a, b) => (a.rank ?? 9999) - (b.rank ?? 9999) || a.applicationId - b.applicationId,
  );
  return {
    vacancyId,
    title: v.title,
    status: v.status,
    publishedOn: v.publishedOn,
    deadline: v.deadline,
    postCodes: repo.vacancyPostsOf(ctx.db, vacancyId).map((p) => p.code),
    criteriaSet: set,
    candidates,
    participations: repo.participationsOf(ctx.db, vacancyId),
    decidedAt: v.decidedAt,
    decidedByName: repo.userName(ctx.db, v.decidedById),
    generatedAt: nowIso(),
  };
}

/** HR and the oversight bodies read the selection record (audited). */
export function getSelectionRecord(ctx: ServiceContext, vacancyId: number): SelectionRecord {
  requirePart(ctx, vacancyId, ENTITY, 'admin', 'oversight');
  audit(ctx, { action: 'read', entityType: ENTITY, entityId: vacancyId });
  return buildRecord(ctx, vacancyId);
}

/**
 * The decision: a ranking with a written reason for every candidate still in the
 * procedure. Without reasons nothing is saved; the vacancy moves to `decided`.
 */
export function recordDecision(ctx: ServiceContext, vacancyId: number, body: DecisionBody) {
  requireRole(ctx, ENTITY, 'admin');
  const { vacancy } = requirePart(ctx, vacancyId, ENTITY, 'admin');
  if (vacancy.status !== 'closed')
    throw new DomainError(
      'ILLEGAL_STATUS_TRANSITION',
      'Decide after the application deadline: close the vacancy first',
      409,
    );
  const apps = repo.applicationsOf(ctx.db, vacancyId);
  const byId = new Map(apps.map((a) => [a.id, a]));
  const foreign = body.ranking.filter((r) => !byId.has(r.applicationId));
  if (foreign.length)
    throw new DomainError(
      'APPLICATION_NOT_IN_VACANCY',
      'The ranking names candidates of another vacancy',
      400,
      [
        {
          field: 'ranking',
          code: 'other_vacancy',
          message: foreign.map((f) => f.applicationId).join(', '),
        },
      ],
    );
  const given = new Map(body.ranking.map((r) => [r.applicationId, r]));
  const missing = apps
    .filter((a) => a.status !== 'withdrawn' && !a.purgedAt)
    .filter((a) => (given.get(a.id)?.reason.trim().length ?? 0) < 3);
  if (missing.length)
    throw new DomainError('REASONS_REQUIRED', 'Every candidate needs a written reason', 400, [
      ...missing.map((a) => ({
        field: `ranking.${a.id}`,
        code: 'reason_required',
        message: `Reason missing for ${a.firstName} ${a.lastName}`,
      })),
    ]);
  inTransaction(ctx, (tx) => {
    repo.replaceRankings(
      tx.db,
      vacancyId,
      body.ranking.map((r) => ({
        applicationId: r.applicationId,
        rank: r.rank,
        reason: r.reason.trim(),
      })),
    );
    repo.updateVacancy(tx.db, vacancyId, {
      status: 'decided',
      decidedAt: nowIso(),
      decidedById: ctx.actor.userId,
    });
    audit(tx, {
      action: 'update',
      entityType: 'vacancy',
      entityId: vacancyId,
      changedFields: ['status', 'ranking'],
    });
  });
  return buildRecord(ctx, vacancyId);
}

// ── Exports ──

const RESULT_DE: Record<string, string> = {
  met: 'erfüllt',
  partly: 'teilweise',
  not_met: 'nicht erfüllt',
  unclear: 'unklar',
};
const KIND_DE: Record<string, string> = {
  required: 'Muss',
  preferred: 'Soll',
  desirable: 'Kann',
};
const STATUS_DE: Record<string, string> = {
  draft: 'Entwurf',
  published: 'veröffentlicht',
  closed: 'Bewerbungsfrist beendet',
  decided: 'entschieden',
  aborted: 'abgebrochen',
  received: 'eingegangen',
  screened: 'gesichtet',
  invited: 'eingeladen',
  interviewed: 'Gespräch geführt',
  offered: 'Angebot',
  hired: 'eingestellt',
  rejected: 'abgesagt',
  withdrawn: 'zurückgezogen',
};
const SUGGESTION_DE: Record<string, string> = {
  meets_required: 'Mussanforderungen erfüllt',
  needs_review: 'menschliche Prüfung nötig',
  incomplete: 'Sichtung unvollständig',
};
const BODY_DE: Record<string, string> = {
  staff_council: 'Personalrat',
  equality_officer: 'Gleichstellungsbeauftragte',
  disability_representative: 'Schwerbehindertenvertretung',
};
const RESPONSE_DE: Record<string, string> = {
  pending: 'ausstehend',
  consent: 'Zustimmung',
  no_objection: 'keine Einwände',
  objection: 'Einwände',
  comments: 'Stellungnahme',
};
const REC_DE: Record<string, string> = {
  strong_yes: 'klar ja',
  yes: 'ja',
  no: 'nein',
  strong_no: 'klar nein',
};

const EVIDENCE_DE: Record<string, string> = {
  certificate: 'Urkunde / Zeugnis',
  employment_record: 'Arbeitszeugnisse',
  cv: 'Lebenslauf',
  language_certificate: 'Sprachnachweis',
  interview: 'Interviewfrage',
};

const deDate = (iso: string | null) =>
  iso ? iso.slice(0, 10).split('-').reverse().join('.') : '–';
const deNumber = (n: number | null) => (n === null ? '–' : n.toFixed(2).replace('.', ','));

function criterionLabel(record: SelectionRecord, id: number) {
  const i = record.criteriaSet.criteria.findIndex((c) => c.id === id);
  return i < 0 ? `#${id}` : `K${i + 1}`;
}

export function selectionMarkdown(ctx: ServiceContext, vacancyId: number) {
  requirePart(ctx, vacancyId, ENTITY, 'admin', 'oversight');
  const r = buildRecord(ctx, vacancyId);
  audit(ctx, { action: 'export', entityType: ENTITY, entityId: vacancyId, reason: 'markdown' });
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [
    `# Auswahlvermerk: ${r.title}`,
    '',
    `- Stellen: ${r.postCodes.join(', ')}`,
    `- Status: ${STATUS_DE[r.status]}`,
    `- Veröffentlicht am: ${deDate(r.publishedOn)}; Bewerbungsfrist: ${deDate(r.deadline)}`,
    `- Anforderungsprofil: Fassung ${r.criteriaSet.version} (eingefroren am ${deDate(r.criteriaSet.frozenAt)})`,
    `- Entschieden am: ${deDate(r.decidedAt)}${r.decidedByName ? ` durch ${r.decidedByName}` : ''}`,
    '',
    '## Anforderungsprofil',
    '',
    '| Nr. | Art | Kriterium | Nachweis | Gewicht | Alternativgruppe |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.criteriaSet.criteria.map(
      (c, i) =>
        `| K${i + 1} | ${KIND_DE[c.kind]} | ${esc(c.label)} | ${EVIDENCE_DE[c.evidenceType] ?? c.evidenceType} | ${c.weight} | ${c.groupKey ? `${c.groupKey} (Rang ${c.rank})` : '–'} |`,
    ),
    '',
    '## Bewerberinnen und Bewerber',
    '',
    '| Rang | Name | Status | Sichtung (Vorschlag) | Bewertungen | Ø Punkte | Begründung |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.candidates.map(
      (c) =>
        `| ${c.rank ?? '–'} | ${esc(c.displayName)}${c.severelyDisabled ? ' (SB)' : ''} | ${STATUS_DE[c.status]} | ${SUGGESTION_DE[c.suggestion]} | ${c.scorecardCount}${c.recommendations.length ? ` (${c.recommendations.map((x) => REC_DE[x]).join(', ')})` : ''} | ${deNumber(c.averageScore)} | ${esc(c.reason ?? '–')} |`,
    ),
    '',
    '## Sichtungsergebnisse je Kriterium',
    '',
    ...r.candidates.flatMap((c) => [
      `**${esc(c.displayName)}**: ` +
        (c.screening.length
          ? c.screening
              .map(
                (s) =>
                  `${criterionLabel(r, s.criterionId)} ${RESULT_DE[s.result]}${s.note ? ` (${esc(s.note)})` : ''}`,
              )
              .join('; ')
          : 'keine Sichtung erfasst'),
      '',
    ]),
    '## Beteiligung',
    '',
    '| Gremium | angefragt am | Antwort | beantwortet am | Anmerkungen |',
    '| --- | --- | --- | --- | --- |',
    ...r.participations.map(
      (p) =>
        `| ${BODY_DE[p.body]} | ${deDate(p.requestedOn)} | ${RESPONSE_DE[p.response]} | ${deDate(p.respondedOn)} | ${esc(p.notes || '–')} |`,
    ),
    '',
    `_Erstellt am ${deDate(r.generatedAt)}. Die Software macht Vorschläge; entschieden haben Menschen (Art. 22 DSGVO). Selbstauskünfte zur Migrationsgeschichte sind nicht Teil dieses Vermerks._`,
    '',
  ];
  return { markdown: lines.join('\n'), filename: `auswahlvermerk-${vacancyId}.md` };
}

export async function selectionPdf(ctx: ServiceContext, vacancyId: number) {
  requirePart(ctx, vacancyId, ENTITY, 'admin', 'oversight');
  const r = buildRecord(ctx, vacancyId);
  audit(ctx, { action: 'export', entityType: ENTITY, entityId: vacancyId, reason: 'pdf' });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: `Auswahlvermerk: ${r.title}`, Author: 'Begegnung', Subject: 'Auswahlvermerk' },
    bufferPages: true,
  });
  const done = pdfBuffer(doc);
  const width = doc.page.width - 112;
  const bold = { src: 'Helvetica-Bold' };
  const head = (cells: string[]) =>
    cells.map((text) => ({ text, font: bold, backgroundColor: '#e8e8e8' }));
  const heading = (text: string) => {
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(text, 56, doc.y, { width });
    doc.moveDown(0.4);
    doc.font('Helvetica').fontSize(9);
  };

  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555')
    .text('Stadt Göttingen · Personalauswahlverfahren', { width });
  doc.moveDown(0.3);
  doc.font('Helvetica-Bold').fontSize(18).fillColor('#000').text('Auswahlvermerk', { width });
  doc.font('Helvetica').fontSize(12).text(r.title, { width });
  doc.moveDown(0.6);
  doc.fontSize(9);
  doc.table({
    columnStyles: [150, '*'],
    data: [
      ['Stellen', r.postCodes.join(', ')],
      ['Status des Verfahrens', STATUS_DE[r.status]!],
      ['Veröffentlicht am', deDate(r.publishedOn)],
      ['Bewerbungsfrist', deDate(r.deadline)],
      [
        'Anforderungsprofil',
        `Fassung ${r.criteriaSet.version}, eingefroren am ${deDate(r.criteriaSet.frozenAt)}`,
      ],
      ['Entschieden', `${deDate(r.decidedAt)}${r.decidedByName ? `, ${r.decidedByName}` : ''}`],
    ].map(([k, v]) => [{ text: k!, font: bold }, v!]),
  });

  heading('1. Anforderungsprofil');
  doc.table({
    columnStyles: [30, 40, '*', 90, 45],
    data: [
      head(['Nr.', 'Art', 'Kriterium', 'Nachweis', 'Gewicht']),
      ...r.criteriaSet.criteria.map((c, i) => [
        `K${i + 1}`,
        KIND_DE[c.kind]!,
        c.groupKey ? `${c.label}\n(Alternative „${c.groupKey}“, Rang ${c.rank})` : c.label,
        EVIDENCE_DE[c.evidenceType] ?? c.evidenceType,
        String(c.weight),
      ]),
    ],
  });

  heading('2. Bewerberinnen und Bewerber, Rangfolge und Begründung');
  doc.table({
    columnStyles: [34, 110, 70, 50, '*'],
    data: [
      head(['Rang', 'Name', 'Status', 'Ø Punkte', 'Begründung']),
      ...r.candidates.map((c) => [
        c.rank == null ? '–' : String(c.rank),
        `${c.displayName}${c.severelyDisabled ? '\n(schwerbehindert, § 165 SGB IX)' : ''}`,
        STATUS_DE[c.status]!,
        `${deNumber(c.averageScore)}\n(${c.scorecardCount} Bögen${c.recommendations.length ? `: ${c.recommendations.map((x) => REC_DE[x]).join(', ')}` : ''})`,
        c.reason ?? '–',
      ]),
    ],
  });

  heading('3. Sichtungsergebnisse je Kriterium');
  doc.table({
    columnStyles: [130, 110, '*'],
    data: [
      head(['Name', 'Vorschlag der Software', 'Ergebnisse (von Menschen erfasst)']),
      ...r.candidates.map((c) => [
        c.displayName,
        SUGGESTION_DE[c.suggestion]!,
        c.screening.length
          ? c.screening
              .map(
                (s) =>
                  `${criterionLabel(r, s.criterionId)}: ${RESULT_DE[s.result]}${s.note ? ` – ${s.note}` : ''}`,
              )
              .join('\n')
          : 'keine Sichtung erfasst',
      ]),
    ],
  });

  heading('4. Beteiligung der Gremien');
  doc.table({
    columnStyles: [130, 70, 80, 70, '*'],
    data: [
      head(['Gremium', 'angefragt am', 'Antwort', 'beantwortet am', 'Anmerkungen']),
      ...(r.participations.length
        ? r.participations.map((p) => [
            BODY_DE[p.body]!,
            deDate(p.requestedOn),
            RESPONSE_DE[p.response]!,
            deDate(p.respondedOn),
            p.notes || '–',
          ])
        : [['keine Beteiligung erfasst', '', '', '', '']]),
    ],
  });

  doc.moveDown(1.2);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#444')
    .text(
      'Die Software macht Vorschläge; entschieden haben Menschen (Art. 22 DSGVO). Freiwillige Selbstauskünfte zur Migrationsgeschichte sind nicht Teil dieses Vermerks und flossen in keine Bewertung ein.',
      56,
      doc.y,
      { width },
    );
  // Signature block: two columns, kept together on one page.
  if (doc.y > doc.page.height - 160) doc.addPage();
  doc.moveDown(3);
  const y = doc.y;
  const col = (width - 40) / 2;
  doc.lineWidth(0.5).strokeColor('#000');
  for (const [i, label] of [
    'Datum, Unterschrift Personalstelle',
    'Datum, Unterschrift Vorsitz Auswahlkommission',
  ].entries()) {
    const x = 56 + i * (col + 40);
    doc
      .moveTo(x, y)
      .lineTo(x + col, y)
      .stroke();
    doc
      .fillColor('#000')
      .fontSize(8)
      .text(label, x, y + 4, { width: col });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page; the footer sits in the margin.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#666')
      .text(
        `Auswahlvermerk Verfahren ${r.vacancyId} · erstellt am ${deDate(r.generatedAt)} · Seite ${i + 1} von ${range.count}`,
        56,
        doc.page.height - 40,
        { width, align: 'center', lineBreak: false },
      );
  }
  doc.end();
  return { pdf: await done, filename: `auswahlvermerk-${vacancyId}.pdf` };
}
