// Where a `next` / return parameter may send a browser: only a path on this site. Shared by the login page, the
// login form and every page redirect that carries a return path; no "server-only" because it is pure.

// C0/C1 controls and DEL: browsers strip tabs and newlines from URLs ("/\t/evil" becomes "//evil"), and a newline in a
// Location header makes the server fail.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
// A percent-encoded slash or backslash can turn into "//" or "\" once a router decodes the path.
const ENCODED_SEPARATOR = /%2f|%5c/i;
const PLACEHOLDER_ORIGIN = "https://sportello.invalid";
const MAX_LENGTH = 2048;

/**
 * `value` if it is a same-origin path ("/admin/tickets?status=open"), else `fallback`. Refused: anything not starting
 * with one "/", protocol-relative "//host", backslashes, control characters (raw or percent-encoded), encoded path
 * separators, absolute URLs with a scheme, and anything the URL parser would resolve to another origin.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/operator"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\") || CONTROL_CHARACTERS.test(value)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (CONTROL_CHARACTERS.test(decoded) || decoded.includes("\\")) return fallback;
  const queryStart = value.search(/[?#]/);
  if (ENCODED_SEPARATOR.test(queryStart === -1 ? value : value.slice(0, queryStart))) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where a signed-in person lands when nothing asked for another page: admins on the panel, operators on the desk. */
export function landingPath(role: string): string {
  return role === "admin" ? "/admin" : "/operator";
}
