import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new endpoint secret as Standard Webhooks formats it: whsec_ + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * The Standard Webhooks headers for one attempt. During a rotation's overlap window the signature header carries a
 * signature by each secret ("v1,… v1,…"), so a receiver still configured with the old secret keeps verifying.
 */
export function signWebhook(secrets: SigningSecrets, msgId: string, body: string, now = new Date()): Record<string, string> {
  const keys = [secrets.secret];
  if (secrets.previousSecret && secrets.previousSecretExpiresAt && secrets.previousSecretExpiresAt > now) keys.push(secrets.previousSecret);
  const signatures = keys.map((key) => new Webhook(key).sign(msgId, now, body));
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
