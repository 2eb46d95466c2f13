import "server-only";
import { env } from "@/lib/env";
import type { CheckStatus } from "@/lib/health/check-health";

/** Whether the email and WhatsApp providers are configured; a local outbox stands in for those that are not. */
export async function providerHealth(): Promise<Record<"email" | "whatsapp", CheckStatus>> {
  const e = env();
  return {
    email: e.RESEND_API_KEY ? "configured" : "not_configured",
    whatsapp: e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_WHATSAPP_NUMBER ? "configured" : "not_configured",
  };
}
