import "server-only";
import { ApiError } from "@/lib/api/errors";
import { readCapped } from "@/lib/api/read-body";
import { env } from "@/lib/env";
import { rebaseTwilioUrl, twilioConfig } from "@/lib/whatsapp/twilio-client";

const TWILIO_API_ORIGIN = "https://api.twilio.com";

export interface FetchedMedia {
  contentType: string;
  bytes: Buffer;
}

/**
 * The URL to fetch, if it is a media resource of this Twilio account on Twilio's API host (or its stand-in at
 * TWILIO_API_BASE_URL). Anything else is refused: the account's credentials go to Twilio and nowhere else.
 */
export function twilioMediaUrl(url: string, accountSid: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const base = env().TWILIO_API_BASE_URL;
  const basePath = base ? new URL(base).pathname.replace(/\/$/, "") : "";
  const onTwilio = parsed.origin === TWILIO_API_ORIGIN;
  const onBase = base !== undefined && parsed.origin === new URL(base).origin && parsed.pathname.startsWith(`${basePath}/`);
  if (!onTwilio && !onBase) return null;
  const path = onTwilio ? parsed.pathname : parsed.pathname.slice(basePath.length);
  if (!new RegExp(`^/2010-04-01/Accounts/${accountSid}/Messages/[A-Z]{2}[0-9a-f]{32}/Media/[A-Z]{2}[0-9a-f]{32}$`, "i").test(path)) return null;
  return onTwilio ? rebaseTwilioUrl(parsed.toString(), base) : parsed.toString();
}

/**
 * Downloads an inbound message's media (a URL stored in Message.media) with the account's credentials, up to
 * WHATSAPP_MEDIA_MAX_BYTES. Twilio answers with a redirect to its CDN: that hop is followed without credentials.
 */
export async function fetchWhatsappMedia(url: string): Promise<FetchedMedia> {
  const config = twilioConfig();
  if (!config) throw new ApiError("SERVICE_UNAVAILABLE", "WhatsApp is not configured");
  const target = twilioMediaUrl(url, config.accountSid);
  if (!target) throw new ApiError("VALIDATION_ERROR", "Not a media URL of this Twilio account");
  const limit = env().WHATSAPP_MEDIA_MAX_BYTES;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  let response = await fetch(target, { headers: { Authorization: authorization }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location) {
    await response.body?.cancel();
    response = await fetch(new URL(location, target), { redirect: "follow", signal: AbortSignal.timeout(30_000) });
  }
  if (response.status === 404) throw new ApiError("NOT_FOUND", "Media not found at Twilio");
  if (!response.ok) throw new ApiError("SERVICE_UNAVAILABLE", `Twilio answered ${response.status} for the media`);
  const bytes = await readCapped(response, limit, () => new ApiError("PAYLOAD_TOO_LARGE", `Media exceeds ${limit} bytes`));
  return { contentType: response.headers.get("content-type") ?? "application/octet-stream", bytes };
}
