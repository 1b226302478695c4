/**
 * CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180, checked 2026-12-06):
 * CRLF between records, a field quoted when it holds a comma, a quote or a line break, and a
 * quote inside doubled. A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and
 * tab or carriage return before them) gets a leading apostrophe first, as OWASP's "CSV
 * Injection" page advises: the file is opened in Excel or Sheets as often as it is imported.
 */

const FORMULA_START = /^[=+\-@\t\r]/

/** One field, guarded and quoted as needed. */
export function csvField(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/** Rows of fields as CSV text, each record ending in CRLF. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('')
}
