import type { ServiceContext } from '../../types.ts';
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

/**
 * Escapes user content for Markdown (CommonMark/GFM) inside a table cell or a line: HTML
 * becomes text (no raw tags), Markdown syntax is backslash-escaped (no links, images,
 * emphasis or headings), line breaks become spaces, and a `javascript:`/`vbscript:`/`data:`
 * scheme loses its colon so no renderer can turn it into a link.
 */
export function esc(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#!|~]/g, (ch) => `\\${ch}`)
    .replace(/\b(javascript|vbscript|data|file)(\s*):/giu, '$1$2&#58;');
}

export async function selectionMarkdown(ctx: ServiceContext, vacancyId: number) {
  await requirePart(ctx, vacancyId, ENTITY, 'admin', 'oversight');
  const r = await buildRecord(ctx, vacancyId);
  await audit(ctx, {
    action: 'export',
    entityType: ENTITY,
    entityId: vacancyId,
    reason: 'markdown',
  });
  const lines = [
    `# Auswahlvermerk: ${esc(r.title)}`,
    '',
    `- Stellen: ${esc(r.postCodes.join(', '))}`,
    `- Status: ${STATUS_DE[r.status]}`,
    `- Veröffentlicht am: ${deDate(r.publishedOn)}; Bewerbungsfrist: ${deDate(r.deadline)}`,
    `- Anforderungsprofil: Fassung ${r.criteriaSet.version} (eingefroren am ${deDate(r.criteriaSet.frozenAt)})`,
    `- Entschieden am: ${deDate(r.decidedAt)}${r.decidedByName ? ` durch ${esc(r.decidedByName)}` : ''}`,
    '',
    '## Anforderungsprofil',
    '',
    '| Nr. | Art | Kriterium | Nachweis | Gewicht | Alternativgruppe |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.criteriaSet.criteria.map(
      (c, i) =>
        `| K${i + 1} | ${KIND_DE[c.kind]} | ${esc(c.label)} | ${EVIDENCE_DE[c.evidenceType] ?? esc(c.evidenceType)} | ${c.weight} | ${c.groupKey ? `${esc(c.groupKey)} (Rang ${c.rank})` : '–'} |`,
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
    ...(r.candidates.some((c) => c.lateCards.length)
      ? [
          '## Bewertungsbögen nach Einsicht in andere Bögen',
          '',
          ...r.candidates
            .filter((c) => c.lateCards.length)
            .map((c) => `- ${esc(c.displayName)}: ${esc(lateCardsText(c))}`),
          '',
        ]
      : []),
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
    EMPLOYER_NOTE[r.employer],
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
