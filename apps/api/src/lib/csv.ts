/** One CSV cell: quoted when it holds the separator, a quote or a line break. */
const cell = (v: string | number | null | undefined) => {
  const s = v == null ? '' : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV for German Excel: `;` separator, CRLF, UTF-8 with BOM so umlauts open correctly. */
export const toCsv = (rows: readonly (readonly (string | number | null | undefined)[])[]) =>
  `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
