// What never reaches a log line: customers' keys (session ids, also inside channel names and URLs), tokens, API keys,
// signatures, cookies and message bodies. Shared by the app's pino logger and the bundled realtime server's logger,
// so a line is cleaned the same way whichever process writes it.

export const REDACTED = "[redacted]";

/** Field names (compared lower-case, without - and _) whose values are secrets or customer content, at any depth. */
const SECRET_FIELDS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "password",
  "newpassword",
  "currentpassword",
  "token",
  "secret",
  "auth",
  "signature",
  "apikey",
  "key",
  "sessionkey",
  "xsessionkey",
  "sessionid",
  "channeldata",
  "userdata",
  "body",
  "html",
  "text",
  "question",
  "transcript",
]);
const SECRET_SUFFIXES = ["token", "secret", "password", "signature", "apikey", "sessionkey"];
const CHANNEL_FIELDS = new Set(["channel", "channelname", "channels"]);
const URL_FIELDS = new Set(["path", "url", "href", "referer", "referrer", "location", "next", "redirectto", "callbackurl"]);

/** Path segments that follow these are ids or tokens that grant access: /api/chat/sessions/<id>, /ticket/<token>… */
const KEY_AFTER = new Set(["sessions", "tickets", "ticket", "reset-password", "verify-email", "claim"]);
/** Any other segment that looks like a generated id or token (16+ url-safe characters with a digit). */
const TOKEN_LIKE = /^(?=.*\d)[A-Za-z0-9_-]{16,}$/;

// Session channels (`private-session-<id>`, also encrypted or presence) and session paths (`/sessions/<id>`); not any
// "session-" (stack traces name files like get-session-view.ts).
const SESSION_IN_TEXT = /((?:private-|presence-)(?:encrypted-)?session-|\/sessions\/)[A-Za-z0-9_-]+/g;
// A value ends where a URL or a sentence would: the next parameter, a fragment, a quote, space or closing bracket.
const QUERY_VALUE_IN_TEXT = /([?&][\w.[\]-]+=)[^&#\s"'<>),;]+/g;
const BEARER_IN_TEXT = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

const MAX_DEPTH = 6;

function normalize(field: string): string {
  return field.toLowerCase().replace(/[-_]/g, "");
}

function isSecretField(field: string): boolean {
  const name = normalize(field);
  return SECRET_FIELDS.has(name) || SECRET_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/** `private-session-<id>` → `private-session-[redacted]`; other channel names are not secret and stay. */
export function redactChannelName(name: string): string {
  return name.replace(SESSION_IN_TEXT, `$1${REDACTED}`);
}

/**
 * A URL or path with every query value and every key-bearing path segment replaced:
 * `/api/chat/sessions/abc…/messages?after_seq=3` → `/api/chat/sessions/[redacted]/messages?after_seq=[redacted]`.
 */
export function redactUrl(value: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  const url = URL.parse(value, "http://log.invalid");
  if (!url) return REDACTED;
  const segments = url.pathname.split("/");
  const path = segments
    .map((segment, i) => (segment && (KEY_AFTER.has(segments[i - 1] ?? "") || TOKEN_LIKE.test(segment)) ? REDACTED : segment))
    .join("/");
  const query = [...url.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=${REDACTED}`).join("&");
  return `${absolute ? url.origin : ""}${path}${query ? `?${query}` : ""}`;
}

/** Free text (log messages, error messages): session channel names, query values and bearer credentials. */
export function scrubText(text: string): string {
  return text.replace(SESSION_IN_TEXT, `$1${REDACTED}`).replace(QUERY_VALUE_IN_TEXT, `$1${REDACTED}`).replace(BEARER_IN_TEXT, `$1 ${REDACTED}`);
}

function redactValue(field: string, value: unknown, depth: number): unknown {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return value;
  if (isSecretField(field)) return REDACTED;
  const name = normalize(field);
  if (typeof value === "string") {
    if (CHANNEL_FIELDS.has(name)) return redactChannelName(value);
    if (URL_FIELDS.has(name)) return redactUrl(value);
    return scrubText(value);
  }
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(field, item, depth + 1));
  // Errors keep their shape for pino's err serializer, which runs after this and is redacted on its own.
  if (value instanceof Error || typeof value !== "object") return value;
  return redactFields(value as Record<string, unknown>, depth + 1);
}

/** A copy of a log line's fields with every secret replaced (the input is not changed). */
export function redactFields(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) result[field] = redactValue(field, value, depth);
  return result;
}
