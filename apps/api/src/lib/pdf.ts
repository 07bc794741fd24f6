import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * DejaVu Sans covers Latin, Cyrillic and Arabic script (aliases and languages may be written
 * in any of them); pdfkit's built-in Helvetica only covers WinAnsi. Debian ships DejaVu with
 * Chromium and most desktop setups; without it we fall back to Helvetica.
 */
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
export const FONTS = existsSync(`${DEJAVU}/DejaVuSans.ttf`)
  ? { regular: `${DEJAVU}/DejaVuSans.ttf`, bold: `${DEJAVU}/DejaVuSans-Bold.ttf` }
  : { regular: 'Helvetica', bold: 'Helvetica-Bold' };

export type Pdf = PDFKit.PDFDocument & { fonts: typeof FONTS };

/** Collects a pdfkit document's output; resolves once `doc.end()` has flushed it. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Builds an A4 PDF in memory with the house fonts registered and page numbers in the footer. */
export function renderPdf(
  meta: { title: string; author?: string },
  build: (doc: Pdf) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: meta.title, Author: meta.author ?? 'Begegnung', Creator: 'Begegnung' },
    lang: 'de-DE',
  }) as Pdf;
  doc.fonts = FONTS;
  doc.font(FONTS.regular);
  const done = pdfBuffer(doc);
  build(doc);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONTS.regular)
      .fontSize(8)
      .fillColor('#5b6b72')
      .text(
        `${meta.title} · Seite ${i + 1} von ${range.count}`,
        doc.page.margins.left,
        doc.page.height - 36,
        { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center' },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** A section heading followed by a thin rule. */
export function heading(doc: Pdf, text: string) {
  doc.moveDown(0.8).font(doc.fonts.bold).fontSize(12).fillColor('#0f5468').text(text);
  const y = doc.y + 2;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(0.5)
    .strokeColor('#d5dde0')
    .stroke();
  doc.moveDown(0.4).font(doc.fonts.regular).fontSize(10).fillColor('#1c2a30');
}

/** "Label: value" lines, the label in bold. */
export function keyValues(doc: Pdf, rows: [string, string][]) {
  for (const [k, v] of rows) {
    doc.font(doc.fonts.bold).text(`${k}: `, { continued: true }).font(doc.fonts.regular).text(v);
  }
}
