import "server-only";
import type { ZodType, z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { isValidTwilioSignature, twilioWebhookUrl } from "@/lib/whatsapp/twilio-webhook";

/**
 * A Twilio webhook's form parameters, after X-Twilio-Signature checked out against the public URL: 403 before
 * anything is parsed or stored when it is missing or wrong, 503 when no auth token is configured to check it with.
 */
export function verifyTwilioRequest<S extends ZodType>(
  kind: "inbound" | "status",
  headers: Headers,
  rawBody: string,
  schema: S,
): { data: z.infer<S>; params: Record<string, string> } {
  if (!env().TWILIO_AUTH_TOKEN) throw new ApiError("SERVICE_UNAVAILABLE", "WhatsApp is not configured (TWILIO_AUTH_TOKEN)");
  const params = Object.fromEntries(new URLSearchParams(rawBody));
  if (!isValidTwilioSignature(headers.get("x-twilio-signature"), twilioWebhookUrl(kind), params)) {
    throw new ApiError("INVALID_SIGNATURE", "Missing or invalid X-Twilio-Signature");
  }
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new ApiError("VALIDATION_ERROR", "Invalid request body", {
      details: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return { data: parsed.data, params };
}
