import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { compileTrustedProxies, resolveClientAddress, type TrustProxy } from "@/lib/net/client-address";

/**
 * Next's route handlers do not see the socket. Our web server (scripts/web-server.mjs) writes the socket's address
 * into this header, replacing whatever a client sent, prefixed with a per-start secret so a forged header is
 * recognised: `<SPORTELLO_PEER_SECRET> <address>`.
 */
export const PEER_HEADER = "x-sportello-peer";
/** What better-auth reads the client's address from: set by our auth route from clientIp(), never by a client. */
export const AUTH_CLIENT_IP_HEADER = "x-sportello-client-ip";

/** The address used when the socket is unknown (app served without our web server): one shared, strict bucket. */
export const UNKNOWN_ADDRESS = "unknown";

let trust: { setting: string | undefined; fn: TrustProxy } | undefined;
let warned = false;

function trustedProxies(): TrustProxy {
  const setting = env().TRUSTED_PROXIES;
  if (!trust || trust.setting !== setting) trust = { setting, fn: compileTrustedProxies(setting) };
  return trust.fn;
}

/** The socket's address as stamped by our web server, or null when the stamp is missing or forged. */
export function peerAddress(headers: Headers): string | null {
  const secret = env().SPORTELLO_PEER_SECRET;
  const stamp = headers.get(PEER_HEADER);
  if (!secret || !stamp) return null;
  const space = stamp.indexOf(" ");
  if (space < 0) return null;
  const presented = Buffer.from(stamp.slice(0, space));
  const expected = Buffer.from(secret);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  const address = stamp.slice(space + 1).trim();
  return address || null;
}

/** The client's address: the socket, walked back through X-Forwarded-For only across TRUSTED_PROXIES. */
export function clientIp(request: Request): string {
  const peer = peerAddress(request.headers);
  if (!peer) {
    if (!warned) {
      warned = true;
      logger.warn("client address unknown: serve the app with `npm start` (scripts/web-server.mjs) so limits are per client");
    }
    return UNKNOWN_ADDRESS;
  }
  return resolveClientAddress(peer, request.headers.get("x-forwarded-for"), trustedProxies());
}
