import PDFDocument from 'pdfkit';
import type { ServiceContext } from '../../types.ts';
import { FONTS, pdfBuffer } from '../../lib/pdf.ts';
import { audit } from '../audit/audit.service.ts';
import { requirePart } from './access.ts';
import { buildRecord } from './selection.service.ts';
import {
  BODY_DE,
  EMPLOYER_NOTE,
  EVIDENCE_DE,
  KIND_DE,
  REC_DE,
  RESPONSE_DE,
  RESULT_DE,
  STATUS_DE,
  SUGGESTION_DE,
  criterionLabel,
  deDate,
  deNumber,
  lateCardsText,
} from './selection-labels.ts';

const ENTITY = 'selection_record';

export async function selectionPdf(ctx: ServiceContext, vacancyId: number) {
  await requirePart(ctx, vacancyId, ENTITY, 'admin', 'oversight');
  const r = await buildRecord(ctx, vacancyId);
  await audit(ctx, { action: 'export', entityType: ENTITY, entityId: vacancyId, reason: 'pdf' });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: `Auswahlvermerk: ${r.title}`, Author: 'Begegnung', Subject: 'Auswahlvermerk' },
    bufferPages: true,
    lang: 'de-DE',
  });
  // DejaVu Sans: Latin, Cyrillic and Arabic names print (pdfkit shapes Arabic via fontkit).
  doc.font(FONTS.regular);
  const done = pdfBuffer(doc);
  const width = doc.page.width - 112;
  const bold = { src: FONTS.bold };
  const head = (cells: string[]) =>
    cells.map((text) => ({ text, font: bold, backgroundColor: '#e8e8e8' }));
  const heading = (text: string) => {
    doc.moveDown(1);
    doc.font(FONTS.bold).fontSize(12).fillColor('#000').text(text, 56, doc.y, { width });
    doc.moveDown(0.4);
    doc.font(FONTS.regular).fontSize(9);
  };

  doc
    .font(FONTS.regular)
    .fontSize(9)
    .fillColor('#555')
    .text('Stadt Göttingen · Personalauswahlverfahren', { width });
  doc.moveDown(0.3);
  doc.font(FONTS.bold).fontSize(18).fillColor('#000').text('Auswahlvermerk', { width });
  doc.font(FONTS.regular).fontSize(12).text(r.title, { width });
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
    columnStyles: [30, 40, '*', 90, 56],
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
  const late = r.candidates.filter((c) => c.lateCards.length);
  if (late.length) {
    doc.moveDown(0.6);
    doc
      .font(FONTS.bold)
      .fontSize(9)
      .fillColor('#8a3b00')
      .text('Bewertungsbögen nach Einsicht in andere Bögen abgegeben oder geändert:', 56, doc.y, {
        width,
      });
    doc.font(FONTS.regular).fillColor('#000');
    for (const c of late) doc.text(`${c.displayName}: ${lateCardsText(c)}`, 56, doc.y, { width });
  }

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
  doc.text(EMPLOYER_NOTE[r.employer], 56, doc.y, { width });
  doc.moveDown(0.4);
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
    .font(FONTS.regular)
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
      .font(FONTS.regular)
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
