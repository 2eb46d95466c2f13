// Turns what a person typed into to_tsquery() text. Pure, browser-safe and unit-tested.

const MAX_TERMS = 8;

/**
 * Words joined with AND, the last one as a prefix (`fattur` finds "fattura" while the person is still typing).
 * Only letters and digits reach to_tsquery, so its operators (& | ! : * ( ) <->) can never be injected. A run of
 * digits with spaces, dots, dashes or a leading + ("+39 333 123-4567") is one number. Null when nothing is left.
 */
export function buildTsquery(input: string): string | null {
  const text = input.normalize("NFC").trim();
  const phoneLike = /^\+?[\d\s().-]{6,}$/.test(text) && /\d/.test(text);
  const terms = phoneLike ? [text.replace(/\D/g, "")] : (text.match(/[\p{L}\p{N}]+/gu) ?? []);
  const kept = terms.filter((t) => t.length > 0).slice(0, MAX_TERMS).map((t) => t.toLowerCase());
  if (kept.length === 0) return null;
  return kept.map((term, i) => (i === kept.length - 1 ? prefixOf(term) : term)).join(" & ");
}

/**
 * The word still being typed, as a prefix. to_tsquery stems it like a whole word, and a long partial word can stem
 * past the stored stem ("installazi" → `installaz`, but "installazione" is stored as `install`), so a word of 8 or
 * more letters also matches as its first letters up to where a suffix may start (at least 5, all but the last 3):
 * "installazi" → `installazi:* | install:*` (which the dictionaries stem again: `install`, English `instal`).
 */
function prefixOf(term: string): string {
  if (term.length < 8 || !/\p{L}/u.test(term)) return `${term}:*`;
  const shorter = term.slice(0, Math.max(5, term.length - 3));
  return `(${term}:* | ${shorter}:*)`;
}

/** A ticket number typed as "1042" or "#1042". */
export function ticketNumberOf(input: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(input.trim());
  return match ? Number(match[1]) : null;
}

/** ts_headline marks matches with these control characters; the text is HTML-escaped and they become <mark>. */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_STOP = "\u0003";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** A snippet safe to put into HTML: everything escaped, only our own <mark> tags added. */
export function renderSnippet(headline: string): string {
  return headline
    .replace(/[&<>"']/g, (c) => ESCAPES[c])
    .replaceAll(HIGHLIGHT_START, "<mark>")
    .replaceAll(HIGHLIGHT_STOP, "</mark>");
}
