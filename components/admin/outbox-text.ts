// Text of a locally delivered message for the outbox view: a one-line summary that never ends mid-word or mid-URL,
// and the body split into plain text and clickable http(s) links.

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
// Punctuation that ends a sentence rather than the URL it follows.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»]+$/;

export type TextPart = { kind: "text"; text: string } | { kind: "link"; url: string };

export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    const start = match.index;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "link", url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/** The first non-empty line, shortened at a word boundary (a URL is never cut: it is left out whole) with "…". */
export function summaryLine(text: string, max = 80): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
  if (line.length <= max) return line;
  const words = line.split(/\s+/);
  let summary = "";
  for (const word of words) {
    const next = summary ? `${summary} ${word}` : word;
    if (next.length > max - 1) break;
    summary = next;
  }
  if (!summary) summary = /^https?:\/\//.test(words[0]) ? "" : words[0].slice(0, max - 1);
  return `${summary.replace(/\s*https?:\/\/\S*$/, "").trimEnd()}…`;
}
