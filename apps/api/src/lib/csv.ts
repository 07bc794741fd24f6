/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe (OWASP CSV injection): a failed sign-in as "=1+1@evil.example" stays text.
 * Numbers pass unchanged, so negative figures stay numbers.
 */
const neutralise = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** One CSV cell: neutralised, and quoted when it holds the separator, a quote or a line break. */
const cell = (v: string | number | null | undefined) => {
  const s = v == null ? '' : typeof v === 'number' ? String(v) : neutralise(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV for German Excel: `;` separator, CRLF, UTF-8 with BOM so umlauts open correctly. */
export const toCsv = (rows: readonly (readonly (string | number | null | undefined)[])[]) =>
  `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
