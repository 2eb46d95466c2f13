import "server-only";
import { appUrl } from "@/lib/env";

/** Push services want a contact; a laptop with no ADMIN_EMAIL has none better than this. */
export const LOCAL_FALLBACK_SUBJECT = "mailto:admin@sportello.local";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether the server may POST pushes to this endpoint: https only, except plain http to a loopback address while the
 * app itself runs on a loopback URL (a laptop, the tests' push-service double). The endpoint comes from an operator's
 * browser, so anything else (internal hosts over http, other schemes) is refused.
 */
export function isAllowedPushEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && LOOPBACK.has(url.hostname) && LOOPBACK.has(new URL(appUrl()).hostname);
}
