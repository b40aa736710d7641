// CSV for the dashboard's downloads. Customer text is hostile: besides RFC 4180 quoting, a text cell
// that a spreadsheet would read as a formula (= + - @, or a leading tab or carriage return) gets a
// leading apostrophe, so opening the file never runs `=HYPERLINK(…)` or `@SUM(…)|cmd`.

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A number cannot carry a formula; only text gets the apostrophe (so -0.4 stays a number).
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: a header line, then one line per row, CRLF after every line. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)), ...rows.map((row) => columns.map((c) => csvCell(c.value(row))))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}
