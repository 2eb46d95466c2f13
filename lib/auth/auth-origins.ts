import "server-only";
import { appUrl, env } from "@/lib/env";
import { safeReturnPath } from "@/lib/auth/safe-return-path";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The origins better-auth trusts for sign-in and its callbacks: the app's configured public URLs (APP_URL, CHAT_URL,
 * ADMIN_URL) and, when the app runs on a laptop (its public URL is a loopback address), both loopback names with the
 * app's port, so http://127.0.0.1:3001 signs in as well as http://localhost:3001.
 */
export function trustedAuthOrigins(): string[] {
  const e = env();
  const own = [appUrl(), e.CHAT_URL, e.ADMIN_URL].map(originOf).filter((o): o is string => !!o);
  const app = new URL(appUrl());
  if (LOOPBACK_HOSTS.has(app.hostname)) {
    const ports = new Set([String(e.PORT), app.port || (app.protocol === "https:" ? "443" : "80")]);
    for (const host of LOOPBACK_HOSTS) for (const port of ports) own.push(`${app.protocol}//${host}:${port}`);
  }
  return [...new Set(own)];
}

/** A redirectTo for reset/invite callbacks: a path on this site, or a URL on the app's own origin. */
export function isOwnRedirect(value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (value.startsWith("/")) return safeReturnPath(value, "") !== "";
  try {
    const url = new URL(value);
    return url.origin === new URL(appUrl()).origin && safeReturnPath(`${url.pathname}${url.search}`, "") !== "";
  } catch {
    return false;
  }
}

/** The invite / set-password link for a better-auth reset token: our own page, on the app's public URL. */
export function setPasswordUrl(token: string): string {
  return `${appUrl()}/set-password?token=${encodeURIComponent(token)}`;
}
