// CSV writing (RFC 4180) that spreadsheets cannot turn into formulas. Pure.

// A cell starting with one of these is run as a formula by Excel / LibreOffice / Sheets (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r|]/;

/** One CSV cell: numbers and booleans as they are; text quoted when needed, and defused when it could be a formula. */
export function csvCell(value: unknown): string {
  if (value == null) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(";") : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
