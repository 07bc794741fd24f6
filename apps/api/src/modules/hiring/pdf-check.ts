import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';

/**
 * Is the whole upload a PDF? A `%PDF-` prefix proves nothing (an HTML page can start with it),
 * so the file is parsed with pdf-lib: it must load, have a catalogue with at least one page,
 * end with `%%EOF`, and carry no active content (JavaScript or launch actions). The result is
 * a reason code for the refusal, or null when the file is acceptable.
 */
export type PdfProblem =
  'no_pdf_header' | 'no_eof_marker' | 'unparseable' | 'encrypted' | 'no_pages' | 'active_content';

const ACTIVE_KEYS = ['JS', 'JavaScript', 'Launch', 'SubmitForm', 'ImportData'].map((k) =>
  PDFName.of(k),
);

export async function pdfProblem(data: Buffer): Promise<PdfProblem | null> {
  if (data.subarray(0, 5).toString('latin1') !== '%PDF-') return 'no_pdf_header';
  if (!data.subarray(Math.max(0, data.length - 1024)).includes('%%EOF')) return 'no_eof_marker';
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(data, { throwOnInvalidObject: true, updateMetadata: false });
  } catch (e) {
    return (e as Error).name === 'EncryptedPDFError' ? 'encrypted' : 'unparseable';
  }
  try {
    if (doc.getPageCount() < 1) return 'no_pages';
  } catch {
    return 'unparseable';
  }
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && ACTIVE_KEYS.some((k) => obj.has(k))) return 'active_content';
    // An action dictionary: /S /JavaScript or /S /Launch.
    if (obj instanceof PDFDict) {
      const s = obj.get(PDFName.of('S'));
      if (s instanceof PDFName && ACTIVE_KEYS.includes(s)) return 'active_content';
    }
  }
  return null;
}

export const PDF_PROBLEM_MESSAGE: Record<PdfProblem, string> = {
  no_pdf_header: 'The file does not start like a PDF',
  no_eof_marker: 'The file is not a complete PDF (no end marker)',
  unparseable: 'The file could not be read as a PDF',
  encrypted: 'Encrypted PDFs cannot be checked; upload an unprotected copy',
  no_pages: 'The PDF has no pages',
  active_content: 'The PDF contains JavaScript or launch actions; print it to a plain PDF',
};

/**
 * The stored name: letters, digits, space, dot, dash and underscore; always ending in `.pdf`.
 * Returns null when the name carries another extension (e.g. `lebenslauf.html`).
 */
export function pdfFilename(original: string): string | null {
  const clean = original
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._-]/gu, '_')
    .replace(/^[.\s]+/u, '')
    .trim();
  const ext = /\.([\p{L}\p{N}]{1,8})$/u.exec(clean)?.[1]?.toLowerCase();
  if (ext && ext !== 'pdf') return null;
  const base = (ext ? clean.slice(0, -4) : clean).slice(0, 116).trim() || 'dokument';
  return `${base}.pdf`;
}

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name (RFC 5987). */
export function attachmentHeader(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
