import { CONSENT_TEXTS, type ApplicantExport, type SubjectExport } from '@begegnung/domain';
import { heading, keyValues, renderPdf } from '../../lib/pdf.ts';
import { berlinTime } from '../audit/audit.labels.ts';

const de = (iso: string | null) =>
  iso ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('de-DE') : '—';

const PURPOSES: Record<string, string> = {
  follow_up_contact: 'Kontaktaufnahme und Nachgehen',
  named_statistics: 'Namentliche Statistik',
  photos: 'Fotos',
};
const CONTACT: Record<string, string> = {
  phone: 'Telefon',
  sms: 'SMS',
  messenger: 'Messenger',
  in_person: 'persönlich im Zentrum',
  letter: 'Brief',
  none: 'kein Kontakt gewünscht',
};
const OUTCOMES: Record<string, string> = {
  reached: 'erreicht',
  re_engaged: 'wieder dabei',
  moved_away: 'weggezogen',
  declined: 'möchte keinen Kontakt',
  unreachable: 'nicht erreichbar',
};
const SERVICES: Record<string, string> = {
  counselling: 'Beratung',
  language_course: 'Sprachkurs',
  job_centre: 'Jobcenter',
  health: 'Gesundheit',
  other: 'Sonstiges',
};
const STATUS: Record<string, string> = { open: 'offen', closed: 'abgeschlossen' };
const label = (map: Record<string, string>, v: string | null) => (v ? (map[v] ?? v) : '—');
/** pdfkit lays text out left to right and DejaVu has no Ethiopic: these stay on the sheet. */
const PDF_SCRIPT_OK = new Set(['de', 'en', 'uk', 'tr']);

/** A readable Art. 15 letter enclosure: what is stored, the Art. 15 information, who processed it. */
export function subjectPdf(x: SubjectExport) {
  return renderPdf({ title: `Auskunft ${x.subject.code}` }, (doc) => {
    doc.font(doc.fonts.bold).fontSize(18).fillColor('#0f5468');
    doc.text('Auskunft über gespeicherte Daten');
    doc.font(doc.fonts.regular).fontSize(10).fillColor('#5b6b72');
    doc.text(
      `Art. 15 DSGVO · erstellt am ${berlinTime(x.generatedAt)} · Kennung ${x.subject.code}`,
    );
    doc.fillColor('#1c2a30');

    const i = x.information;
    heading(doc, 'Informationen nach Art. 15 DSGVO');
    keyValues(doc, [
      ['Verantwortlich', i.controller],
      ['Datenschutzbeauftragte', i.dpo],
      ['Zwecke', i.purposes.join('; ')],
      ['Rechtsgrundlage', i.legalBasis],
      ['Kategorien', i.categories.join('; ')],
      ['Empfänger', i.recipients],
      ['Speicherdauer', i.retention],
      ['Herkunft', i.source],
      ['Ihre Rechte', i.rights],
      ['Beschwerde', i.complaint],
      ['Automatisierte Entscheidung', i.automatedDecision],
    ]);

    heading(doc, 'Stammdaten (pseudonym)');
    keyValues(doc, [
      ['Kennung', x.subject.code],
      ['Zentrum', x.subject.centre],
      ['Vorname oder Spitzname', x.subject.alias ?? '—'],
      ['Sprachen', x.subject.languages.join(', ') || '—'],
      ['Haushaltsgröße', x.subject.householdSize?.toString() ?? '—'],
      ['Stadtteil', x.subject.district || '—'],
      ['Eingezogen in eigene Wohnung', de(x.subject.movedInAt)],
      ['Kontaktweg', label(CONTACT, x.subject.contactPreference)],
      ['Notizen', x.subject.notes ?? '—'],
      ['Angelegt am', de(x.subject.createdAt)],
    ]);

    heading(doc, `Einwilligungen (${x.consents.length})`);
    if (!x.consents.length) doc.text('Keine.');
    for (const c of x.consents) {
      doc.text(
        `${PURPOSES[c.purpose] ?? c.purpose}: erteilt ${de(c.givenOn)}, gültig bis ${de(c.expiresOn)}` +
          (c.withdrawnOn ? `, widerrufen ${de(c.withdrawnOn)}` : '') +
          ` (erklärt auf ${CONSENT_TEXTS[c.language].language})`,
      );
    }

    heading(doc, `Namentliche Teilnahme an Angeboten (${x.encounters.length})`);
    if (!x.encounters.length) doc.text('Keine.');
    for (const e of x.encounters) {
      doc.text(
        `${de(e.date)} ${e.startTime} · ${e.activity} · ${e.centre} · ${e.durationMinutes} Min.`,
      );
    }

    heading(doc, `Nachgehende Kontakte (${x.followUps.length})`);
    if (!x.followUps.length) doc.text('Keine.');
    for (const f of x.followUps) {
      doc.text(
        `Fällig ${de(f.dueOn)} · ${f.reason} · ${label(STATUS, f.status)}${f.outcome ? ` (${label(OUTCOMES, f.outcome)})` : ''}`,
      );
      for (const a of f.attempts)
        doc.text(
          `   Versuch ${de(a.attemptedOn)}: ${label(OUTCOMES, a.outcome)}${a.note ? ` – ${a.note}` : ''}`,
        );
    }

    heading(doc, `Vermittlungen (${x.referrals.length})`);
    if (!x.referrals.length) doc.text('Keine.');
    for (const r of x.referrals)
      doc.text(
        `${de(r.referredOn)} · ${label(SERVICES, r.service)}${r.note ? ` – ${r.note}` : ''}`,
      );

    heading(doc, 'Gruppen und Umzüge');
    doc.text(`Gruppen: ${x.groups.join(', ') || 'keine'}`);
    for (const t of x.transfers) doc.text(`${de(t.on)}: ${t.from} → ${t.to} (${t.reason})`);

    heading(doc, `Wer Ihre Daten gesehen oder bearbeitet hat (${x.accessLog.length})`);
    doc.fontSize(9);
    for (const a of x.accessLog)
      doc.text(`${a.atLocal} · ${a.by} · ${a.actionLabel} · ${a.screen}`);

    const t = x.translation;
    if (t.available) {
      heading(doc, `In Ihrer Sprache: ${t.languageName}`);
      if (t.note) doc.fillColor('#8a5a00').text(t.note).fillColor('#1c2a30');
      if (PDF_SCRIPT_OK.has(t.language)) {
        for (const line of t.lines) doc.text(line);
      } else {
        doc.text(
          `Die Informationen in ${t.languageName} stehen im JSON-Export und auf dem Einwilligungsbogen in dieser Sprache (Druck aus dem Browser); dieses PDF enthält die deutsche Fassung.`,
        );
      }
    }
  });
}

const RESULTS: Record<string, string> = {
  met: 'erfüllt',
  partly: 'teilweise',
  not_met: 'nicht erfüllt',
  unclear: 'unklar',
};

/** The applicant's Art. 15 enclosure: contact data, documents, screening, scores, access. */
export function applicantPdf(x: ApplicantExport) {
  const a = x.applicant;
  return renderPdf({ title: `Auskunft Bewerbung ${a.id}` }, (doc) => {
    doc.font(doc.fonts.bold).fontSize(18).fillColor('#0f5468');
    doc.text('Auskunft über gespeicherte Bewerbungsdaten');
    doc.font(doc.fonts.regular).fontSize(10).fillColor('#5b6b72');
    doc.text(`Art. 15 DSGVO · erstellt am ${de(x.generatedAt)} · Bewerbung Nr. ${a.id}`);
    doc.fillColor('#1c2a30');

    heading(doc, 'Bewerbung');
    keyValues(doc, [
      ['Ausschreibung', a.vacancy],
      ['Name', `${a.firstName} ${a.lastName}`],
      ['E-Mail', a.email ?? '—'],
      ['Telefon', a.phone ?? '—'],
      ['Eingegangen am', de(a.receivedOn)],
      ['Schwerbehinderung angegeben', a.severelyDisabled ? 'ja' : 'nein'],
      ['Stand', a.status],
      ['Absage versandt / erhalten', `${de(a.rejectionSentOn)} / ${de(a.rejectionReceivedOn)}`],
      ['Aufbewahrung wegen Rechtsstreit', a.legalHold ? 'ja' : 'nein'],
      ['Talentpool bis', de(a.talentPoolUntil)],
    ]);

    heading(doc, `Unterlagen (${x.documents.length})`);
    if (!x.documents.length) doc.text('Keine.');
    for (const d of x.documents) {
      doc.text(`${d.filename} · ${Math.round(d.size / 1024)} KB · hochgeladen ${de(d.uploadedAt)}`);
    }

    heading(doc, 'Freiwillige Selbstauskunft');
    doc.text(
      x.selfDisclosure
        ? `${x.selfDisclosure.migrationBackground} (Einwilligung vom ${de(x.selfDisclosure.consentGivenAt)}, Text ${x.selfDisclosure.consentTextVersion}); getrennt gespeichert, nie bewertet.`
        : 'Keine.',
    );

    heading(doc, `Sichtung nach Anforderungsprofil (${x.screening.length})`);
    if (!x.screening.length) doc.text('Noch keine.');
    for (const r of x.screening) {
      doc.text(`${r.criterion}: ${RESULTS[r.result] ?? r.result}${r.note ? ` – ${r.note}` : ''}`);
    }

    heading(doc, `Bewertungen der Auswahlkommission (${x.scorecards.length})`);
    if (!x.scorecards.length) doc.text('Keine.');
    for (const c of x.scorecards) {
      doc.text(
        `${c.stage}, Fassung ${c.revision}${c.submittedAt ? `, abgegeben ${de(c.submittedAt)}` : ', Entwurf'}: ` +
          c.ratings.map((r) => `${r.criterion} ${r.score}/5`).join('; ') +
          (c.recommendation ? ` · Empfehlung ${c.recommendation}` : '') +
          (c.notes ? ` · ${c.notes}` : ''),
      );
    }

    heading(doc, 'Auswahlentscheidung');
    doc.text(
      x.ranking
        ? `${x.ranking.rank ? `Rang ${x.ranking.rank}: ` : ''}${x.ranking.reason}`
        : 'Noch keine.',
    );

    heading(doc, `Zugriffe auf diese Daten (${x.accessLog.length})`);
    doc.fontSize(9);
    for (const e of x.accessLog) doc.text(`${e.at.replace('T', ' ').slice(0, 16)} · ${e.action}`);
  });
}
