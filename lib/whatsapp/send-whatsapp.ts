import "server-only";
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DeliveryError, isRetryableStatus, parseRetryAfter } from "@/lib/net/delivery-error";
import type { RenderedWhatsapp, WhatsappTemplateName } from "@/lib/whatsapp/render-whatsapp";
import { twilioClient, twilioResponseInfo, type TwilioConfig } from "@/lib/whatsapp/twilio-client";
import { isPublicUrl, twilioWebhookUrl } from "@/lib/whatsapp/twilio-webhook";
import { whatsappWindow } from "@/lib/whatsapp/whatsapp-window";

export interface WhatsappSent {
  sid: string;
  /** Twilio's status on acceptance (queued, usually). */
  status: string;
  mode: "freeform" | "template";
}

// Twilio error codes that are about the moment, not the message: worth another try later.
const RETRYABLE_TWILIO_CODES = new Set([20429, 20003, 20500, 20503, 63018, 63038]);

/** "+393331234567" from "whatsapp:+393331234567" or the bare number. */
export function toE164(recipient: string): string {
  return recipient.replace(/^whatsapp:/i, "").trim();
}

export function templateSid(name: WhatsappTemplateName): string | undefined {
  const e = env();
  return name === "admin_alert" ? e.TWILIO_TEMPLATE_ADMIN_ALERT_SID : e.TWILIO_TEMPLATE_TICKET_UPDATE_SID;
}

/** The last time this number wrote to us on WhatsApp: the start of its 24-hour window. */
export async function lastWhatsappInboundAt(db: Tx, phone: string): Promise<Date | null> {
  const e164 = toE164(phone);
  const result = await db.contact.aggregate({
    where: { OR: [{ userId: `whatsapp:${e164}` }, { phone: e164 }] },
    _max: { lastWhatsappInboundAt: true },
  });
  return result._max.lastWhatsappInboundAt;
}

function classify(error: unknown, retryAfter: string | undefined): DeliveryError {
  const e = error as { status?: unknown; code?: unknown; message?: unknown; moreInfo?: unknown };
  const status = typeof e?.status === "number" ? e.status : undefined;
  const code = typeof e?.code === "number" ? e.code : undefined;
  const message = typeof e?.message === "string" ? e.message : String(error);
  if (status === undefined) {
    // No HTTP answer at all: network, DNS, timeout.
    return new DeliveryError(`Twilio unreachable: ${message}`, { retryable: true, code: typeof e?.code === "string" ? e.code : "network" });
  }
  const retryable = isRetryableStatus(status) || (code !== undefined && RETRYABLE_TWILIO_CODES.has(code));
  return new DeliveryError(`Twilio ${status}${code ? ` error ${code}` : ""}: ${message}`, {
    retryable,
    retryAfterMs: parseRetryAfter(retryAfter),
    code: code ?? status,
  });
}

/**
 * Sends a WhatsApp message through Twilio. Inside the customer's 24-hour window the free text goes out; outside it
 * only the approved template may, and without one configured nothing is sent at all: Twilio would refuse a free-form
 * message (error 63016) anyway.
 */
export async function sendWhatsapp(
  config: TwilioConfig,
  input: { to: string; rendered: RenderedWhatsapp; lastInboundAt: Date | null; now?: Date },
): Promise<WhatsappSent> {
  const open = whatsappWindow(input.lastInboundAt, input.now).open;
  const contentSid = open || input.rendered.freeformOnly ? undefined : templateSid(input.rendered.template.name);
  if (!open && input.rendered.freeformOnly) {
    throw new DeliveryError("outside the 24-hour WhatsApp window: this message is never sent as a template", { retryable: false, code: "window_closed" });
  }
  if (!open && !contentSid) {
    const variable = input.rendered.template.name === "admin_alert" ? "TWILIO_TEMPLATE_ADMIN_ALERT_SID" : "TWILIO_TEMPLATE_TICKET_UPDATE_SID";
    throw new DeliveryError(`outside the 24-hour WhatsApp window and no approved template is configured (${variable})`, {
      retryable: false,
      code: "window_closed",
    });
  }
  const statusCallback = twilioWebhookUrl("status");
  const info: { retryAfter?: string } = {};
  try {
    const message = await twilioResponseInfo.run(info, () =>
      twilioClient(config).messages.create({
        from: config.from,
        to: `whatsapp:${toE164(input.to)}`,
        ...(contentSid
          ? { contentSid, contentVariables: JSON.stringify(input.rendered.template.variables) }
          : { body: input.rendered.body, ...(input.rendered.mediaUrl ? { mediaUrl: [input.rendered.mediaUrl] } : {}) }),
        ...(isPublicUrl(statusCallback) ? { statusCallback } : {}),
      }),
    );
    return { sid: message.sid, status: message.status ?? "queued", mode: contentSid ? "template" : "freeform" };
  } catch (error) {
    throw classify(error, info.retryAfter);
  }
}
