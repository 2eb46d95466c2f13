import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Tx } from "@/lib/db/client";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { templateSid } from "@/lib/whatsapp/send-whatsapp";
import { whatsappWindow, type WhatsappWindow } from "@/lib/whatsapp/whatsapp-window";

export interface QueuedWhatsappReply {
  notificationId: string;
  /** Free text inside the 24-hour window; the approved "ticket update" template (with the text in it) outside. */
  mode: "freeform" | "template";
  window: WhatsappWindow;
}

/** A session's WhatsApp side, as the statement that locks the session reads it (post-message.ts). */
export interface WhatsappReplyTarget {
  sessionId: string;
  channel: string;
  contactPhone: string | null;
  contactUserId: string;
  lastWhatsappInboundAt: Date | null;
}

export interface WhatsappReplyPlan {
  sessionId: string;
  phone: string;
  mode: QueuedWhatsappReply["mode"];
  window: WhatsappWindow;
}

/**
 * Whether an operator's message in this conversation can go out over WhatsApp, checked before the message is
 * written. Outside the customer's 24-hour window it can only go out as the approved template; with none configured
 * the reply is refused (409) rather than sent free-form for Twilio to reject with error 63016.
 */
export function planWhatsappReply(target: WhatsappReplyTarget, now?: Date): WhatsappReplyPlan {
  const phone = target.contactPhone ?? (target.contactUserId.startsWith("whatsapp:") ? target.contactUserId.slice("whatsapp:".length) : null);
  if (target.channel !== "whatsapp" || !phone) {
    throw new ApiError("INVALID_STATE", "This conversation is not on WhatsApp");
  }
  const window = whatsappWindow(target.lastWhatsappInboundAt, now);
  if (!window.open && !templateSid("ticket_update")) {
    throw new ApiError(
      "INVALID_STATE",
      "The customer's 24-hour WhatsApp window is closed and no approved template is configured (TWILIO_TEMPLATE_TICKET_UPDATE_SID)",
      { details: { window_closed_at: window.closesAt?.toISOString() ?? null } },
    );
  }
  return { sessionId: target.sessionId, phone, mode: window.open ? "freeform" : "template", window };
}

/**
 * The operator's message, already stored complete (channel "whatsapp", delivery "pending"), queued for Twilio in the
 * caller's transaction. The worker re-checks the window when it sends, since a retry may come after the window closed.
 */
export async function queueWhatsappReply(
  tx: Tx,
  plan: WhatsappReplyPlan,
  message: { id: string; body: string; operator_name?: string | null; mediaUrl?: string },
): Promise<QueuedWhatsappReply> {
  const notificationId = await enqueueNotification(tx, {
    kind: "session_message",
    channel: "whatsapp",
    recipient: plan.phone,
    sessionId: plan.sessionId,
    messageId: message.id,
    payload: { session_id: plan.sessionId, body: message.body, operator_name: message.operator_name ?? null, ...(message.mediaUrl ? { media_url: message.mediaUrl } : {}) },
  });
  return { notificationId, mode: plan.mode, window: plan.window };
}
