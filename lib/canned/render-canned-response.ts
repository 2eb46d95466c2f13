// Fills a canned response's {{variables}}. Pure and browser-safe: the API renders previews with it
// (lib/canned/canned-context.ts), and the composer uses unfilledVariables to keep a left-over {{name}} from being sent.

/** The variables a response may use, filled from the conversation in view and the operator answering. */
export const CANNED_VARIABLES = [
  "customer.name",
  "customer.first_name",
  "customer.email",
  "customer.phone",
  "operator.name",
  "operator.first_name",
  "ticket.number",
  "ticket.url",
  "session.position",
] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedVariables = Partial<Record<CannedVariable, string | number | null>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g;

/**
 * Replaces each known variable that has a value. An unknown variable, or one this conversation has no value for
 * (no name given, no ticket yet, not queued), stays in the text as `{{name}}` and is listed in `missing`: the
 * operator sees it in the composer and fills it in; the composer does not send text that still holds one.
 */
export function renderCannedResponse(template: string, variables: CannedVariables): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = (CANNED_VARIABLES as readonly string[]).includes(name) ? variables[name as CannedVariable] : undefined;
    const filled = value === null || value === undefined ? "" : String(value).trim();
    if (filled) return filled;
    missing.add(name);
    return `{{${name}}}`;
  });
  return { text, missing: [...missing] };
}

/** The `{{name}}` placeholders still in a draft, in order of appearance, each once. */
export function unfilledVariables(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1]))];
}

/** The first word of a name ("Maria Rossi" → "Maria"), for a friendlier greeting. */
export function firstName(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first || null;
}

/**
 * Whether a message still carries an inserted response, edits inside it allowed: its opening or its closing words
 * (up to 20 characters each) are still in the text. A response inserted and then deleted is not counted as used.
 */
export function stillCarries(message: string, inserted: string): boolean {
  const text = inserted.trim();
  if (!text) return false;
  const edge = Math.min(20, text.length);
  return message.includes(text.slice(0, edge)) || message.includes(text.slice(-edge));
}
