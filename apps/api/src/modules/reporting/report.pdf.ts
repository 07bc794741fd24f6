import PDFDocument from 'pdfkit';
import { fteText, isShown, type ShownCell } from '@begegnung/domain';
import {
  OUTCOME_LABELS,
  cell,
  germanDate,
  outOfViewWords,
  germanMonth,
  num,
  pct,
  type ReportData,
  quarterLabel,
} from './report.format.ts';
import { pdfBuffer } from '../../lib/pdf.ts';

// A4 in points; generous margins like a city's printed Vorlage.
const PAGE = { w: 595.28, h: 841.89, margin: 56 };
const WIDTH = PAGE.w - 2 * PAGE.margin;
const COLOR = {
  text: '#1f2933',
  muted: '#5f6b7a',
  line: '#c9d2dc',
  accent: '#0b5c8a',
  accent2: '#7fb3d5',
  soft: '#eef4f8',
  hidden: '#d5dbe1',
};

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/**
 * Tagged PDF (PDFKit accessibility): every text belongs to a structure element (H1, H2, P,
 * L/LI/LBody, Table/TR/TH/TD, Figure with alternative text) under one Document element;
 * rules, boxes and page furniture are artifacts, so screen readers skip them.
 */
function tag(doc: Doc, parent: Struct, type: string, draw: () => void, alt?: string) {
  parent.add(doc.struct(type as never, alt ? { alt } : {}, [draw]));
}
function artifact(doc: Doc, draw: () => void, type?: 'Pagination' | 'Layout') {
  doc.markContent('Artifact', type ? { type } : undefined);
  draw();
  doc.endMarkedContent();
}
const HEAD_SIZE = 7.5;
const BODY_SIZE = 8.5;

class Layout {
  y = PAGE.margin;
  constructor(
    readonly doc: Doc,
    readonly root: Struct,
  ) {}

  space(h: number) {
    if (this.y + h > PAGE.h - PAGE.margin - 24) this.newPage();
  }
  newPage() {
    this.doc.addPage();
    this.y = PAGE.margin;
  }
  heading(text: string) {
    this.space(160);
    this.y += 6;
    this.doc.font('Helvetica-Bold').fontSize(15).fillColor(COLOR.accent);
    tag(this.doc, this.root, 'H1', () =>
      this.doc.text(text, PAGE.margin, this.y, { width: WIDTH }),
    );
    this.y = this.doc.y + 2;
    artifact(this.doc, () =>
      this.doc
        .moveTo(PAGE.margin, this.y)
        .lineTo(PAGE.margin + WIDTH, this.y)
        .lineWidth(0.8)
        .strokeColor(COLOR.accent)
        .stroke(),
    );
    this.y += 10;
  }
  subheading(text: string) {
    this.space(90);
    this.doc.font('Helvetica-Bold').fontSize(11).fillColor(COLOR.text);
    tag(this.doc, this.root, 'H2', () =>
      this.doc.text(text, PAGE.margin, this.y, { width: WIDTH }),
    );
    this.y = this.doc.y + 4;
  }
  paragraph(text: string, opts: { size?: number; color?: string } = {}) {
    this.doc
      .font('Helvetica')
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? COLOR.text);
    const h = this.doc.heightOfString(text, { width: WIDTH, lineGap: 2 });
    this.space(h);
    tag(this.doc, this.root, 'P', () =>
      this.doc.text(text, PAGE.margin, this.y, { width: WIDTH, lineGap: 2 }),
    );
    this.y = this.doc.y + 6;
  }
  bullets(items: string[]) {
    const list = this.doc.struct('L');
    this.root.add(list);
    for (const item of items) {
      this.doc.font('Helvetica').fontSize(10).fillColor(COLOR.text);
      const h = this.doc.heightOfString(item, { width: WIDTH - 14, lineGap: 2 });
      this.space(h + 4);
      artifact(this.doc, () =>
        this.doc.circle(PAGE.margin + 4, this.y + 5, 1.8).fill(COLOR.accent),
      );
      const li = this.doc.struct('LI');
      list.add(li);
      tag(this.doc, li, 'LBody', () =>
        this.doc.fillColor(COLOR.text).text(item, PAGE.margin + 14, this.y, {
          width: WIDTH - 14,
          lineGap: 2,
        }),
      );
      li.end();
      this.y = this.doc.y + 4;
    }
    list.end();
    this.y += 2;
  }

  /**
   * A table: first column left-aligned, the others right-aligned and as wide as their longest
   * word or value; the last row bold if `total`. Kept on one page when it fits on one.
   */
  table(headers: string[], rows: string[][], opts: { total?: boolean } = {}) {
    const pad = 4;
    const n = headers.length;
    const measure = (text: string, bold: boolean, size: number, words: boolean) => {
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
      const parts = words ? text.split(/\s+/) : [text];
      return Math.max(...parts.map((w) => this.doc.widthOfString(w)));
    };
    const need = headers.map((h, i) =>
      i === 0
        ? 0
        : Math.max(
            measure(h, true, HEAD_SIZE, true),
            ...rows.map((r) => measure(r[i] ?? '', true, BODY_SIZE, false)),
          ) +
          2 * pad +
          2,
    );
    let rest = need.slice(1).reduce((a, b) => a + b, 0);
    const scale = rest > WIDTH - 110 ? (WIDTH - 110) / rest : 1;
    const widths = need.map((w) => w * scale);
    rest = widths.slice(1).reduce((a, b) => a + b, 0);
    // Spread spare room over the number columns, but keep the label column wide enough.
    const spare = Math.max(0, WIDTH - rest - Math.max(110, Math.min(190, WIDTH - rest)));
    for (let i = 1; i < n; i++) widths[i]! += spare / (n - 1);
    widths[0] = WIDTH - widths.slice(1).reduce((a, b) => a + b, 0);

    const rowHeight = (cells: string[], bold: boolean, size: number) => {
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
      return (
        Math.max(
          ...cells.map((c, i) => this.doc.heightOfString(c, { width: widths[i]! - 2 * pad })),
        ) +
        2 * pad
      );
    };
    const table = this.doc.struct('Table');
    this.root.add(table);
    const drawRow = (cells: string[], bold: boolean, size: number, fill?: string) => {
      const h = rowHeight(cells, bold, size);
      this.space(h);
      if (fill) artifact(this.doc, () => this.doc.rect(PAGE.margin, this.y, WIDTH, h).fill(fill));
      let x = PAGE.margin;
      const tr = this.doc.struct('TR');
      table.add(tr);
      cells.forEach((c, i) => {
        // Header row and the first column (centre, month) are header cells.
        tag(this.doc, tr, fill || i === 0 ? 'TH' : 'TD', () =>
          this.doc
            .font(bold ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(size)
            .fillColor(COLOR.text)
            .text(c, x + pad, this.y + pad, {
              width: widths[i]! - 2 * pad,
              align: i === 0 ? 'left' : 'right',
            }),
        );
        x += widths[i]!;
      });
      tr.end();
      this.y += h;
      artifact(this.doc, () =>
        this.doc
          .moveTo(PAGE.margin, this.y)
          .lineTo(PAGE.margin + WIDTH, this.y)
          .lineWidth(0.4)
          .strokeColor(COLOR.line)
          .stroke(),
      );
    };
    const total =
      rowHeight(headers, true, HEAD_SIZE) +
      rows.reduce((s, r) => s + rowHeight(r, false, BODY_SIZE), 0);
    this.space(
      total < PAGE.h - 2 * PAGE.margin - 40 ? total : rowHeight(headers, true, HEAD_SIZE) + 20,
    );
    drawRow(headers, true, HEAD_SIZE, COLOR.soft);
    rows.forEach((r, i) => drawRow(r, !!opts.total && i === rows.length - 1, BODY_SIZE));
    table.end();
    this.y += 10;
  }

  /** Vertical bars (e.g. per month); hidden values drawn as outlined stubs labelled "< 5". */
  columnChart(
    title: string,
    labels: string[],
    values: ShownCell[],
    opts: { height?: number } = {},
  ) {
    const height = opts.height ?? 130;
    this.space(height + 50);
    this.subheading(title);
    const alt = `${title}: ${labels.map((l, i) => `${l} ${cell(values[i]!)}`).join(', ')}`;
    const top = this.y;
    tag(this.doc, this.root, 'Figure', () => this.drawColumns(top, height, labels, values), alt);
    this.y = top + height + 22;
  }

  private drawColumns(top: number, height: number, labels: string[], values: ShownCell[]) {
    const left = PAGE.margin + 28;
    const width = WIDTH - 28;
    const max = Math.max(1, ...values.filter(isShown));
    const step = niceStep(max);
    const scaleMax = Math.ceil(max / step) * step;
    this.doc.font('Helvetica').fontSize(7).fillColor(COLOR.muted);
    for (let v = 0; v <= scaleMax; v += step) {
      const y = top + height - (v / scaleMax) * height;
      this.doc
        .moveTo(left, y)
        .lineTo(left + width, y)
        .lineWidth(0.3)
        .strokeColor(COLOR.line)
        .stroke();
      this.doc
        .fillColor(COLOR.muted)
        .text(num(v), PAGE.margin - 4, y - 3.5, { width: 28, align: 'right' });
    }
    const slot = width / Math.max(1, values.length);
    const bar = Math.min(28, slot * 0.66);
    values.forEach((v, i) => {
      const x = left + i * slot + (slot - bar) / 2;
      if (isShown(v)) {
        const h = (v / scaleMax) * height;
        this.doc.rect(x, top + height - h, bar, h).fill(COLOR.accent);
      } else {
        this.doc
          .rect(x, top + height - 10, bar, 10)
          .lineWidth(0.6)
          .strokeColor(COLOR.muted)
          .dash(2, { space: 1.5 })
          .stroke()
          .undash();
        this.doc
          .fontSize(6.5)
          .fillColor(COLOR.muted)
          .text(cell(v), x - 6, top + height - 20, { width: bar + 12, align: 'center' });
      }
      this.doc
        .fontSize(6.5)
        .fillColor(COLOR.muted)
        .text(labels[i]!, left + i * slot, top + height + 4, {
          width: slot,
          align: 'center',
        });
    });
  }

  /** Horizontal bars with the value at the end (e.g. per activity or centre). */
  barChart(
    title: string,
    labels: string[],
    values: number[],
    format: (n: number) => string,
    maxValue?: number,
  ) {
    const rowH = 16;
    this.space(values.length * rowH + 40);
    this.subheading(title);
    const alt = `${title}: ${labels.map((l, i) => `${l} ${format(values[i]!)}`).join(', ')}`;
    tag(
      this.doc,
      this.root,
      'Figure',
      () => this.drawBars(labels, values, format, rowH, maxValue),
      alt,
    );
    this.y += values.length * rowH + 12;
  }

  private drawBars(
    labels: string[],
    values: number[],
    format: (n: number) => string,
    rowH: number,
    maxValue?: number,
  ) {
    const labelW = 150;
    const width = WIDTH - labelW - 50;
    const max = maxValue ?? Math.max(1, ...values);
    values.forEach((v, i) => {
      const y = this.y + i * rowH;
      this.doc
        .font('Helvetica')
        .fontSize(8.5)
        .fillColor(COLOR.text)
        .text(labels[i]!, PAGE.margin, y + 3, {
          width: labelW - 8,
          ellipsis: true,
          lineBreak: false,
        });
      this.doc.rect(PAGE.margin + labelW, y + 2, width, rowH - 5).fill(COLOR.soft);
      this.doc
        .rect(PAGE.margin + labelW, y + 2, Math.max(0.5, (v / max) * width), rowH - 5)
        .fill(COLOR.accent);
      this.doc
        .fillColor(COLOR.text)
        .text(format(v), PAGE.margin + labelW + width + 6, y + 3, { width: 44 });
    });
  }

  /** Key figures as boxes in a row. */
  figures(items: { label: string; value: string }[]) {
    const perRow = 3;
    const gap = 10;
    const w = (WIDTH - gap * (perRow - 1)) / perRow;
    const h = 58;
    for (let i = 0; i < items.length; i += perRow) {
      this.space(h + gap);
      items.slice(i, i + perRow).forEach((f, j) => {
        const x = PAGE.margin + j * (w + gap);
        artifact(this.doc, () => {
          this.doc.rect(x, this.y, w, h).fill(COLOR.soft);
          this.doc.rect(x, this.y, 3, h).fill(COLOR.accent);
        });
        tag(this.doc, this.root, 'P', () => {
          this.doc
            .font('Helvetica-Bold')
            .fontSize(18)
            .fillColor(COLOR.accent)
            .text(f.value, x + 12, this.y + 9, { width: w - 20 });
          this.doc
            .font('Helvetica')
            .fontSize(8.5)
            .fillColor(COLOR.text)
            .text(f.label, x + 12, this.y + 33, { width: w - 20 });
        });
      });
      this.y += h + gap;
    }
    this.y += 4;
  }
}

function niceStep(max: number) {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

function cover(doc: Doc, root: Struct, d: ReportData) {
  artifact(doc, () => doc.rect(0, 0, PAGE.w, 250).fill(COLOR.accent));
  const p = (draw: () => void) => tag(doc, root, 'P', draw);
  p(() =>
    doc
      .font('Helvetica')
      .fontSize(11)
      .fillColor('#ffffff')
      .text('Stadt Göttingen · Fachbereich Soziales · Integrationsprogramm', PAGE.margin, 70, {
        width: WIDTH,
      }),
  );
  tag(doc, root, 'H1', () =>
    doc
      .font('Helvetica-Bold')
      .fontSize(30)
      .fillColor('#ffffff')
      .text('Bericht an den Rat', PAGE.margin, 110, { width: WIDTH }),
  );
  p(() =>
    doc
      .font('Helvetica')
      .fontSize(14)
      .fillColor('#ffffff')
      .text(
        'Begegnung in den Stadtteilen: Nachbarschaftszentren und nachgehende Arbeit',
        PAGE.margin,
        155,
        { width: WIDTH },
      ),
  );
  p(() =>
    doc
      .fillColor(COLOR.text)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(d.periodLabel, PAGE.margin, 300, { width: WIDTH }),
  );
  p(() =>
    doc.font('Helvetica').fontSize(12).text(d.scopeLabel, PAGE.margin, 322, { width: WIDTH }),
  );
  p(() =>
    doc
      .fontSize(10)
      .fillColor(COLOR.muted)
      .text(
        `Grundlage: Ratsantrag SPD/0235/18 (Stellen in vier Nachbarschaftszentren, damit Geflüchtete nach dem Auszug aus Gemeinschaftsunterkünften nicht vereinzeln). Erstellt am ${germanDate(d.createdOn)} mit Begegnung.`,
        PAGE.margin,
        370,
        { width: WIDTH, lineGap: 2 },
      ),
  );
  tag(doc, root, 'H2', () =>
    doc.font('Helvetica-Bold').fontSize(11).fillColor(COLOR.text).text('Inhalt', PAGE.margin, 440),
  );
  const chapters = [
    'Das Wichtigste in Kürze',
    'Reichweite: erreichte Neuzugezogene, Begegnungen je Monat',
    'Begegnungen nach Angebot',
    'Kontakt zur Aufnahmegesellschaft',
    'Aus dem Blick und nachgehende Arbeit',
    ...(d.staffing ? ['Stellen und Bedarf'] : []),
    'Methode und Schutz kleiner Zahlen',
  ];
  const list = doc.struct('L');
  root.add(list);
  chapters.forEach((c, i) => {
    const li = doc.struct('LI');
    list.add(li);
    tag(doc, li, 'LBody', () =>
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(`${i + 1}.  ${c}`, PAGE.margin, 462 + i * 17, { width: WIDTH }),
    );
    li.end();
  });
  list.end();
  artifact(doc, () => doc.rect(PAGE.margin, 660, WIDTH, 70).fill(COLOR.soft));
  tag(doc, root, 'H2', () =>
    doc
      .font('Helvetica-Bold')
      .fontSize(9.5)
      .fillColor(COLOR.text)
      .text('Datenschutz', PAGE.margin + 12, 672),
  );
  p(() =>
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(
        'Der Bericht enthält keine Namen. Zahlen, die Personen zählen, sind leicht verändert (Zufallsüberlagerung, höchstens ± 4) und unter 5 als „< 5“ ausgeblendet. Summen werden eigens überlagert und können von der Summe der Felder abweichen.',
        PAGE.margin + 12,
        686,
        { width: WIDTH - 24, lineGap: 1.5 },
      ),
  );
}

function summary(d: ReportData): string[] {
  const db = d.dashboard;
  const o = d.outreach;
  if (!db.hasData) {
    return [
      'Für diesen Zeitraum liegen keine erfassten Begegnungen vor. Der Bericht enthält daher keine Zahlen zur Reichweite.',
    ];
  }
  const out = [
    `In ${db.centres.length > 1 ? `den ${db.centres.length} Zentren` : 'dem Zentrum'} fanden ${num(db.encounters)} Begegnungen mit zusammen ${num(db.hours)} Stunden statt.`,
    isShown(db.people.total)
      ? `${num(db.people.total)} Neuzugezogene wurden namentlich erreicht${isShown(db.people.colTotals[0]!) ? `, davon ${num(db.people.colTotals[0]!)} zum ersten Mal` : ''}. Dazu kommen ${cell(db.anonymousNewcomers)} anonym gezählte Besuche von Neuzugezogenen ohne Einwilligung.`
      : `Die Zahl der namentlich erreichten Personen ist klein und wird deshalb nicht genannt. Dazu kommen ${cell(db.anonymousNewcomers)} anonym gezählte Besuche.`,
    db.hostShare === null
      ? 'Zum Kontakt mit der Aufnahmegesellschaft liegen keine Angaben vor.'
      : `Bei ${pct(db.hostShare)} der Begegnungen war mindestens eine Person aus der Nachbarschaft (Aufnahmegesellschaft) dabei.`,
  ];
  const flagged = o.flagged.total;
  const oov = outOfViewWords(d);
  out.push(
    isShown(flagged)
      ? `Heute sind ${num(flagged)} Personen „aus dem Blick“: Sie sind ${oov.moved} in eine eigene Wohnung gezogen und wurden ${oov.unseen} nicht mehr gesehen.`
      : 'Nur wenige Personen sind derzeit „aus dem Blick“ (weniger als 5).',
  );
  out.push(
    o.totalRate !== null
      ? `Von den im Zeitraum abgeschlossenen Nachfragen führten ${pct(o.totalRate)} nachweislich dazu, dass die Person wieder ins Zentrum kam (Besuch innerhalb von ${o.reEngagedWithinWeeks} Wochen nach dem Abschluss; laut Fachkraft: ${pct(o.totalSelfReportedRate)}).`
      : 'Eine Wiedereinstiegsquote lässt sich für diesen Zeitraum nicht angeben (zu wenige abgeschlossene Nachfragen).',
  );
  return out;
}

export function renderReportPdf(d: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: {
      Title: `Bericht an den Rat – ${d.periodLabel}`,
      Author: 'Stadt Göttingen – Begegnung',
      Subject: d.scopeLabel,
    },
    // Tagged PDF with document language and title shown (BITV 2.0 / PDF/UA checklist).
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    pdfVersion: '1.7',
  });
  const done = pdfBuffer(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);

  const db = d.dashboard;
  const o = d.outreach;
  cover(doc, root, d);

  const l = new Layout(doc, root);
  l.newPage();
  l.heading('Das Wichtigste in Kürze');
  l.bullets(summary(d));
  if (db.hasData) {
    l.figures([
      { label: 'Begegnungen', value: num(db.encounters) },
      { label: 'Stunden', value: num(db.hours) },
      { label: 'Namentlich erreichte Neuzugezogene', value: cell(db.people.total) },
      { label: 'davon zum ersten Mal', value: cell(db.people.colTotals[0]!) },
      { label: 'Begegnungen mit Aufnahmegesellschaft', value: pct(db.hostShare) },
      { label: 'Wiedereinstiegsquote der Nachfragen', value: pct(o.totalRate) },
    ]);

    l.heading('Reichweite');
    l.paragraph(
      'Neu: erste Begegnung überhaupt im Zeitraum. Wiederkommend: schon vorher einmal da gewesen. Gezählt werden Personen, die mit Einwilligung namentlich erfasst sind.',
      { size: 9, color: COLOR.muted },
    );
    l.table(
      ['Zentrum', 'Neu', 'Wiederkommend', 'Erreicht', 'Begegnungen', 'Stunden'],
      [
        ...db.centres.map((c, i) => [
          c.name,
          cell(db.people.cells[i]![0]!),
          cell(db.people.cells[i]![1]!),
          cell(db.people.rowTotals[i]!),
          num(db.perCentre[i]!.encounters),
          num(db.perCentre[i]!.hours),
        ]),
        ...(db.centres.length > 1
          ? [
              [
                'Gesamt',
                cell(db.people.colTotals[0]!),
                cell(db.people.colTotals[1]!),
                cell(db.people.total),
                num(db.encounters),
                num(db.hours),
              ],
            ]
          : []),
      ],
      { total: db.centres.length > 1 },
    );
    const monthLabels = db.months.map(germanMonth);
    l.columnChart(
      'Begegnungen je Monat',
      monthLabels,
      db.byMonth.map((m) => m.encounters),
    );
    l.columnChart(
      'Namentlich erreichte Neuzugezogene je Monat',
      monthLabels,
      db.monthlyPeople.rowTotals,
    );
    l.table(
      ['Monat', 'Begegnungen', 'Stunden', 'Neu', 'Wiederkommend', 'Erreicht'],
      db.byMonth.map((m, i) => [
        germanMonth(m.month),
        num(m.encounters),
        num(m.hours),
        cell(db.monthlyPeople.cells[i]![0]!),
        cell(db.monthlyPeople.cells[i]![1]!),
        cell(db.monthlyPeople.rowTotals[i]!),
      ]),
    );

    l.heading('Begegnungen nach Angebot');
    l.barChart(
      'Anzahl der Begegnungen',
      db.byActivity.map((a) => a.name),
      db.byActivity.map((a) => a.encounters),
      num,
    );
    l.table(
      ['Angebot', 'Begegnungen', 'Stunden', 'mit Aufnahmegesellschaft'],
      db.byActivity.map((a) => [a.name, num(a.encounters), num(a.hours), num(a.mixed)]),
    );

    l.heading('Kontakt zur Aufnahmegesellschaft');
    l.paragraph(
      'Eine Begegnung gilt als gemischt, wenn mindestens eine Person aus der Nachbarschaft (Aufnahmegesellschaft) dabei war. Das wird über die anonyme Kopfzahl erfasst.',
      { size: 9, color: COLOR.muted },
    );
    l.barChart(
      'Anteil gemischter Begegnungen je Zentrum',
      db.centres.map((c) => c.name),
      db.perCentre.map((p) => p.hostShare ?? 0),
      (n) => pct(n),
      100,
    );
    l.subheading(
      `Gemischte Begegnungen je Person in den 90 Tagen bis ${germanDate(db.mixed.windowTo)}`,
    );
    l.table(
      ['Zentrum', ...db.mixed.buckets.map((b) => `${b} mal`), 'Personen'],
      [
        ...db.centres.map((c, i) => [
          c.name,
          ...db.mixed.table.cells[i]!.map(cell),
          cell(db.mixed.table.rowTotals[i]!),
        ]),
        ...(db.centres.length > 1
          ? [['Gesamt', ...db.mixed.table.colTotals.map(cell), cell(db.mixed.table.total)]]
          : []),
      ],
      { total: db.centres.length > 1 },
    );
  }

  l.heading('Aus dem Blick und nachgehende Arbeit');
  const words = outOfViewWords(d);
  l.paragraph(
    `Aus dem Blick: ${words.moved} in eine eigene Wohnung gezogen und ${words.unseen} weder bei einer Begegnung gesehen noch durch eine Nachfrage erreicht (Stand heute). Kontaktiert: Aufgaben mit mindestens einem Kontaktversuch im Zeitraum. Abgeschlossen: im Zeitraum abgeschlossene Aufgaben. „Belegt wieder dabei“ zählt davon, wer innerhalb von ${o.reEngagedWithinWeeks} Wochen nach dem Abschluss tatsächlich bei einer Begegnung war; die Quote ist deren Anteil an den abgeschlossenen Aufgaben, daneben die Quote nach dem Ergebnis, das die Fachkraft gewählt hat. „–“: nicht anzugeben (zu wenige Fälle).`,
    { size: 9, color: COLOR.muted },
  );
  const many = o.centres.length > 1;
  l.table(
    [
      'Zentrum',
      'Aus dem Blick',
      'Kontaktiert',
      'Abgeschlossen',
      'Belegt wieder dabei',
      'Quote belegt',
      'Quote laut Fachkraft',
    ],
    [
      ...o.centres.map((c, i) => [
        c.name,
        cell(o.flagged.cells[i]![0]!),
        cell(o.contacted.cells[i]![0]!),
        cell(o.closed.rowTotals[i]!),
        cell(o.verified.cells[i]![0]!),
        pct(o.rate[i] ?? null),
        pct(o.selfReportedRate[i] ?? null),
      ]),
      ...(many
        ? [
            [
              'Gesamt',
              cell(o.flagged.total),
              cell(o.contacted.total),
              cell(o.closed.total),
              cell(o.verified.total),
              pct(o.totalRate),
              pct(o.totalSelfReportedRate),
            ],
          ]
        : []),
    ],
    { total: many },
  );
  l.subheading('Abgeschlossene Aufgaben nach Ergebnis (laut Fachkraft)');
  l.table(
    [
      'Zentrum',
      ...o.outcomes.map((x) => OUTCOME_LABELS[x].replace(/^./, (ch) => ch.toUpperCase())),
    ],
    [
      ...o.centres.map((c, i) => [c.name, ...o.closed.cells[i]!.map(cell)]),
      ...(many ? [['Gesamt', ...o.closed.colTotals.map(cell)]] : []),
    ],
    { total: many },
  );

  const s = d.staffing;
  if (s) {
    const fte = (v: string | null | undefined) => (v == null ? 'keine Daten' : fteText(v));
    const withData = s.needs.filter((n) => n.need !== null);
    l.heading('Stellen und Bedarf');
    l.paragraph(
      `Bedarf: Neuzugezogene im Einzugsgebiet, wie die Koordination sie aus der städtischen Statistik eingetragen hat (Quelle und Stand je Zentrum unten) – nicht die beim Zentrum registrierten Personen. Die Aufteilung nach Bedarf verteilt ${fteText(s.split.totalFte)} VZÄ in Schritten von ${fteText(s.split.stepFte)} nach diesen Zahlen (Änderungsantrag der Grünen, größte Reste), die gleiche Verteilung entspricht dem Antrag. Zentren ohne Bedarfszahl („keine Daten“) nehmen an keiner der beiden Aufteilungen teil.`,
      { size: 9, color: COLOR.muted },
    );
    l.table(
      ['Zentrum', 'Bedarf', 'Aktiv', 'Aus dem Blick', 'Begegnungen', 'nach Bedarf', 'gleich'],
      [
        ...s.centres.map((c, i) => [
          c.name,
          s.needs[i]?.need == null ? 'keine Daten' : num(s.needs[i]!.need!),
          cell(s.active.cells[i]![0]!),
          cell(s.outOfView.cells[i]![0]!),
          num(s.rows[i]!.encounters),
          s.split.byNeed ? fte(s.split.byNeed[i]) : '–',
          s.split.equal ? fte(s.split.equal[i]) : '–',
        ]),
        [
          'Gesamt',
          withData.length > 0 ? num(withData.reduce((a, n) => a + n.need!, 0)) : 'keine Daten',
          cell(s.active.total),
          cell(s.outOfView.total),
          num(s.rows.reduce((a, r) => a + r.encounters, 0)),
          s.split.byNeed ? fteText(s.split.totalFte) : '–',
          s.split.equal ? fteText(s.split.totalFte) : '–',
        ],
      ],
      { total: true },
    );
    if (withData.length > 0) {
      l.paragraph(
        `Quellen der Bedarfszahlen: ${withData
          .map(
            (n) =>
              `${n.centreName}: ${n.source ?? ''}${n.asOf ? `, Stand ${germanDate(n.asOf)}` : ''}`,
          )
          .join('; ')}.`,
        { size: 8, color: COLOR.muted },
      );
    }
    l.subheading('VZÄ je Szenario und Begegnungen je VZÄ');
    l.table(
      ['Zentrum', ...s.scenarios.map((x) => x.name)],
      [
        ...s.centres.map((c, i) => [
          c.name,
          ...s.rows[i]!.fte.map((f) =>
            Number(f.fte) === 0
              ? fteText('0')
              : `${fteText(f.fte)} VZÄ · ${f.encountersPerFte?.replace('.', ',') ?? '–'} je VZÄ`,
          ),
        ]),
        ['Gesamt', ...s.scenarios.map((x) => `${fteText(x.totalFte)} VZÄ`)],
      ],
      { total: true },
    );
  }

  if (d.corrections?.length) {
    l.heading('Korrekturen seit Veröffentlichung');
    l.paragraph(
      'Einträge mit einem Datum in einem schon veröffentlichten Quartal, die seit Beginn dieses Berichtszeitraums nachgetragen, korrigiert oder storniert wurden – jeweils mit Begründung. Die veröffentlichten Berichte bleiben unverändert; die heutigen Zahlen dieser Quartale weichen um diese Einträge davon ab.',
      { size: 9, color: COLOR.muted },
    );
    l.table(
      ['Zentrum', 'Quartal', 'Einträge'],
      [
        ...d.corrections.map((c) => [
          c.centreName,
          quarterLabel(c.periodFrom, c.periodTo),
          num(c.count),
        ]),
        ['Gesamt', '', num(d.corrections.reduce((a, c) => a + c.count, 0))],
      ],
      { total: true },
    );
  }

  l.heading('Methode und Schutz kleiner Zahlen');
  l.bullets([
    'Quelle sind die Begegnungen, die die Fachkräfte in den Zentren erfassen: Angebot, Dauer, anonyme Kopfzahlen (Neuzugezogene, Nachbarschaft, Ehrenamtliche, Sonstige) und – nur mit Einwilligung – namentlich erfasste Teilnehmende.',
    'Personen werden nur gezählt, wenn sie namentlich erfasst sind; anonyme Besuche erscheinen als Kopfzahl. Eine Person, die in zwei Zentren war, zählt in beiden.',
    'Schutz kleiner Zahlen (Cell-Key-Verfahren, wie es die statistischen Ämter für den Zensus 2022 nutzen): Jede Zahl, die Personen zählt, wird vor der Veröffentlichung um einen kleinen Zufallswert verändert, höchstens um 4 nach oben oder unten, im Mittel um 0. Der Zufallswert hängt nur davon ab, welche Personen gezählt werden: Dieselben Personen ergeben in jeder Tabelle, jedem Zeitraum und jeder Auswahl dieselbe Zahl. So lässt sich durch Vergleichen oder Abziehen von Zahlen keine einzelne Person herausrechnen.',
    'Eine veränderte Zahl unter 5 wird als „< 5“ gezeigt. Eine 0 bedeutet: wirklich niemand. Anonyme Kopfzahlen von Neuzugezogenen zählen ebenfalls Personen und werden genauso behandelt.',
    'Summen und Gesamtzahlen werden eigens verändert. Sie müssen deshalb nicht genau die Summe der einzelnen Felder ergeben; Abweichungen von wenigen Personen sind gewollt und kein Fehler. Anteile (Prozent) werden aus den veröffentlichten Zahlen berechnet.',
    'Begegnungen, Stunden und die Zahl der Begegnungen mit Aufnahmegesellschaft zählen Termine, keine Personen, und werden genau gezeigt.',
    `Aus dem Blick: Umzug in eine eigene Wohnung ${outOfViewWords(d).moved} und ${outOfViewWords(d).unseen} kein Kontakt. Stand: ${germanDate(d.createdOn)}.`,
    'Prozentwerte sind auf eine Nachkommastelle gerundet.',
    'Veröffentlichte Quartalsberichte werden unverändert aufbewahrt. Wer danach einen Eintrag mit einem Datum in einem veröffentlichten Quartal erfasst, korrigiert oder storniert, muss einen Grund angeben; der nächste Bericht zählt diese Korrekturen je Zentrum und Quartal auf.',
  ]);

  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page.
    doc.page.margins.bottom = 0;
    artifact(
      doc,
      () => {
        doc.font('Helvetica').fontSize(8).fillColor(COLOR.muted);
        doc.text(
          `Bericht an den Rat · ${d.scopeLabel} · ${d.periodLabel}`,
          PAGE.margin,
          PAGE.h - PAGE.margin + 16,
          { width: WIDTH - 80, lineBreak: false },
        );
        doc.text(
          `Seite ${i + 1} von ${range.count}`,
          PAGE.margin + WIDTH - 80,
          PAGE.h - PAGE.margin + 16,
          { width: 80, align: 'right', lineBreak: false },
        );
      },
      'Pagination',
    );
  }
  root.end();
  doc.end();
  return done;
}
