import "server-only";
import type { ZodType, z } from "zod";
import type { TwilioWebhook } from "@/lib/api/endpoint";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { isValidTwilioSignature, twilioWebhookUrl } from "@/lib/whatsapp/twilio-webhook";

/** The caller of an endpoint declared `auth: "twilio-signature"`: Twilio, with the form parameters it signed. */
export interface TwilioCaller {
  kind: "twilio";
  webhook: TwilioWebhook;
  params: Record<string, string>;
}

/**
 * Resolves a Twilio webhook's caller (the route wrapper does, for `auth: "twilio-signature"`): X-Twilio-Signature
 * checked against the public URL and the form parameters, 403 before anything is parsed or stored when it is missing
 * or wrong, 503 when no auth token is configured to check it with.
 */
export function verifyTwilioSignature(webhook: TwilioWebhook, headers: Headers, rawBody: string): TwilioCaller {
  if (!env().TWILIO_AUTH_TOKEN) throw new ApiError("SERVICE_UNAVAILABLE", "WhatsApp is not configured (TWILIO_AUTH_TOKEN)");
  const params = Object.fromEntries(new URLSearchParams(rawBody));
  if (!isValidTwilioSignature(headers.get("x-twilio-signature"), twilioWebhookUrl(webhook), params)) {
    throw new ApiError("INVALID_SIGNATURE", "Missing or invalid X-Twilio-Signature");
  }
  return { kind: "twilio", webhook, params };
}

/** The signed form parameters, parsed by the webhook's schema (400 VALIDATION_ERROR when they do not fit). */
export function parseTwilioParams<S extends ZodType>(caller: TwilioCaller, schema: S): z.infer<S> {
  const parsed = schema.safeParse(caller.params);
  if (!parsed.success) {
    throw new ApiError("VALIDATION_ERROR", "Invalid request body", {
      details: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return parsed.data;
}
