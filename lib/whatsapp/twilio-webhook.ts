import "server-only";
import twilio from "twilio";
import type { TwilioWebhook } from "@/lib/api/endpoint";
import { appUrl, env } from "@/lib/env";

/**
 * The public URL Twilio signs for each webhook. Behind Render's proxy the request reaches Next.js on an internal
 * host and under /api, so the URL is taken from configuration, never from the request: TWILIO_WEBHOOK_URL when
 * set (exactly as configured in the Twilio console), else APP_URL + the guide's path.
 */
export function twilioWebhookUrl(kind: TwilioWebhook): string {
  const inbound = env().TWILIO_WEBHOOK_URL ?? `${appUrl()}/webhooks/whatsapp`;
  if (kind === "inbound") return inbound;
  const url = new URL(inbound);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/status`;
  return url.toString();
}

/** Whether Twilio could reach the URL at all: status callbacks are not requested for a laptop's localhost. */
export function isPublicUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return !(host === "localhost" || host.endsWith(".localhost") || host === "::1" || host === "[::1]" || /^127\./.test(host) || host === "0.0.0.0");
}

/** Checks X-Twilio-Signature over the public URL and the form parameters. */
export function isValidTwilioSignature(signature: string | null, url: string, params: Record<string, string>): boolean {
  const token = env().TWILIO_AUTH_TOKEN;
  if (!token || !signature) return false;
  return twilio.validateRequest(token, signature, url, params);
}
