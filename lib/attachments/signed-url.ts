import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appUrl, env } from "@/lib/env";

/** How long Twilio may fetch an operator's attachment: the outbox may retry a WhatsApp message for hours. */
export const SIGNED_URL_TTL_SECONDS = 24 * 60 * 60;

// Without AUTH_SECRET (development, tests) a key for this process's lifetime: links die with it, as they should.
const processKey = randomBytes(32);

function signingKey(): Buffer {
  const secret = env().AUTH_SECRET;
  return secret ? createHmac("sha256", secret).update("sportello attachment url").digest() : processKey;
}

function signature(id: string, expires: number): string {
  return createHmac("sha256", signingKey()).update(`${id}.${expires}`).digest("base64url");
}

/**
 * A URL that serves one attachment without the customer's key or an operator's cookie, until it expires: for a
 * provider that fetches the file itself (Twilio's MediaUrl). Unguessable, tied to the id, and short-lived.
 */
export function signedAttachmentUrl(id: string, now: Date = new Date(), ttlSeconds = SIGNED_URL_TTL_SECONDS): string {
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return `${appUrl()}/api/chat/attachments/${encodeURIComponent(id)}?expires=${expires}&signature=${signature(id, expires)}`;
}

export function validAttachmentSignature(id: string, expires: number | undefined, given: string | undefined, now: Date = new Date()): boolean {
  if (!expires || !given || expires < now.getTime() / 1000) return false;
  const expected = Buffer.from(signature(id, expires));
  const presented = Buffer.from(given);
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
