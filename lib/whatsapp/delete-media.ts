import "server-only";
import { twilioConfig } from "@/lib/whatsapp/twilio-client";
import { twilioMediaUrl } from "@/lib/whatsapp/fetch-media";
import { logger } from "@/lib/log/logger";

/**
 * Deletes WhatsApp attachments at Twilio (DELETE on each media resource), for erase and retention. Only URLs of this
 * account's media are called; a 404 counts as deleted (already gone). Failures are logged and counted, never thrown:
 * the personal data in Sportello is already gone, and Twilio's own media retention removes what is left.
 */
export async function deleteWhatsappMedia(urls: string[]): Promise<{ deleted: number; failed: number }> {
  const config = twilioConfig();
  const result = { deleted: 0, failed: 0 };
  if (!config || urls.length === 0) return { deleted: 0, failed: urls.length };
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  for (const url of urls) {
    const target = twilioMediaUrl(url, config.accountSid);
    if (!target) {
      result.failed++;
      continue;
    }
    try {
      const response = await fetch(target, { method: "DELETE", headers: { Authorization: authorization }, redirect: "manual", signal: AbortSignal.timeout(15_000) });
      await response.body?.cancel();
      if (response.ok || response.status === 404) result.deleted++;
      else {
        result.failed++;
        logger.warn({ status: response.status }, "WhatsApp media not deleted at Twilio");
      }
    } catch (error) {
      result.failed++;
      logger.warn({ err: error }, "WhatsApp media not deleted at Twilio");
    }
  }
  return result;
}
