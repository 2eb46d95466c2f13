import { createHash, createHmac, timingSafeEqual } from "node:crypto";

import { LIMITS } from "./protocol";

export function hmacSha256Hex(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data, "utf8").digest("hex");
}

export function md5Hex(body: Buffer | string): string {
  return createHash("md5").update(body).digest("hex");
}

/** Constant-time comparison so signatures cannot be probed byte by byte. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a channel/user `auth` token of the form `<key>:<hex hmac>`.
 * `stringToSign` is `<socket_id>:<channel>[:<channel_data>]` or `<socket_id>::user::<user_data>`.
 */
export function verifySocketAuth(auth: unknown, key: string, secret: string, stringToSign: string): boolean {
  if (typeof auth !== "string") return false;
  const separator = auth.indexOf(":");
  if (separator < 0) return false;
  const authKey = auth.slice(0, separator);
  const signature = auth.slice(separator + 1);
  return safeEqual(authKey, key) && safeEqual(signature, hmacSha256Hex(secret, stringToSign));
}

export interface SignedRequest {
  method: string;
  /** Raw request path exactly as sent (the SDK signs it unescaped). */
  path: string;
  query: URLSearchParams;
  body: Buffer;
}

export type VerifyResult = { ok: true } | { ok: false; status: 401; message: string };

/**
 * Verifies Pusher HTTP API request signing (auth_version 1.0):
 * signature = hmac(secret, "METHOD\npath\nsorted lowercase query without auth_signature").
 * Query values are used decoded, because the official SDKs sign them unescaped.
 */
export function verifySignedRequest(
  request: SignedRequest,
  credentials: { key: string; secret: string },
  nowMs: number = Date.now(),
): VerifyResult {
  const params = firstValues(request.query);
  const fail = (message: string): VerifyResult => ({ ok: false, status: 401, message });

  const signature = params.get("auth_signature");
  if (!signature) return fail("Missing auth_signature");
  if (params.get("auth_key") !== credentials.key) return fail("Unknown auth_key");

  const timestamp = Number(params.get("auth_timestamp"));
  if (!Number.isFinite(timestamp)) return fail("Missing or invalid auth_timestamp");
  if (Math.abs(nowMs / 1000 - timestamp) > LIMITS.maxTimestampSkewSeconds) {
    return fail("Timestamp expired: outside the accepted window of 600 seconds");
  }

  if (request.body.length > 0) {
    const bodyMd5 = params.get("body_md5");
    if (!bodyMd5 || !safeEqual(bodyMd5, md5Hex(request.body))) return fail("Invalid body_md5");
  }

  const expected = hmacSha256Hex(credentials.secret, stringToSign(request.method, request.path, params));
  if (!safeEqual(signature, expected)) return fail("Invalid signature");
  return { ok: true };
}

function stringToSign(method: string, path: string, params: Map<string, string>): string {
  const query = [...params.entries()]
    .filter(([name]) => name !== "auth_signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  return `${method.toUpperCase()}\n${path}\n${query}`;
}

/** Lower-cases keys (as the spec requires) and keeps the first value of a repeated key. */
function firstValues(query: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of query) {
    const lower = name.toLowerCase();
    if (!params.has(lower)) params.set(lower, value);
  }
  return params;
}
