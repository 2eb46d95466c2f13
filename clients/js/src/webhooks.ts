// Verifying Sportello's webhooks (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature, HMAC-SHA256).
// Web Crypto only, no dependency: runs on Node ≥ 18, Deno, Bun and edge runtimes.
import type { WebhookEvent } from "./webhook-types";

const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far webhook-timestamp may be from now (replay protection); default 300 s. */
  toleranceSeconds?: number;
  /** The clock, in ms (tests). */
  now?: number;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function base64ToBytes(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Constant-time comparison of two strings of the same alphabet. */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks a webhook's signature against the endpoint's secret (`whsec_…`, or several during a rotation) and returns
 * the parsed event. Pass the raw body exactly as received: a re-serialised JSON object does not verify. Throws
 * WebhookVerificationError when the headers are missing, the timestamp is too old or new, or no signature matches.
 */
export async function verifyWebhook(rawBody: string | Uint8Array, headers: WebhookHeaders, secret: string | string[], options: VerifyWebhookOptions = {}): Promise<WebhookEvent> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature");
  const seconds = Number(timestamp);
  const now = (options.now ?? Date.now()) / 1000;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > tolerance) throw new WebhookVerificationError("webhook-timestamp is outside the tolerance");
  const body = typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody);
  const signed = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  const offered = signatures
    .split(" ")
    .map((s) => s.split(","))
    .filter(([version, value]) => version === "v1" && value)
    .map(([, value]) => value);
  for (const candidate of [secret].flat()) {
    const key = await crypto.subtle.importKey("raw", base64ToBytes(candidate.replace(/^whsec_/, "")), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const expected = bytesToBase64(new Uint8Array(await crypto.subtle.sign("HMAC", key, signed)));
    if (offered.some((value) => equal(value, expected))) return JSON.parse(body) as WebhookEvent;
  }
  throw new WebhookVerificationError("no signature matches");
}
