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

/**
 * An operator's message in a WhatsApp conversation, queued for Twilio in the caller's transaction (the message is
 * already stored). Outside the customer's 24-hour window it can only go out as the approved template; with none
 * configured the reply is refused (409) rather than sent free-form for Twilio to reject with error 63016.
 * The worker re-checks the window when it sends, since a retry may come after the window closed.
 */
export async function queueWhatsappReply(
  tx: Tx,
  input: { sessionId: string; messageId: string; body: string; now?: Date; mediaUrl?: string },
): Promise<QueuedWhatsappReply> {
  const session = await tx.chatSession.findUniqueOrThrow({
    where: { id: input.sessionId },
    select: { id: true, channel: true, contact: { select: { phone: true, userId: true, lastWhatsappInboundAt: true } } },
  });
  const phone = session.contact.phone ?? (session.contact.userId.startsWith("whatsapp:") ? session.contact.userId.slice("whatsapp:".length) : null);
  if (session.channel !== "whatsapp" || !phone) {
    throw new ApiError("INVALID_STATE", "This conversation is not on WhatsApp");
  }
  const window = whatsappWindow(session.contact.lastWhatsappInboundAt, input.now);
  if (!window.open && !templateSid("ticket_update")) {
    throw new ApiError(
      "INVALID_STATE",
      "The customer's 24-hour WhatsApp window is closed and no approved template is configured (TWILIO_TEMPLATE_TICKET_UPDATE_SID)",
      { details: { window_closed_at: window.closesAt?.toISOString() ?? null } },
    );
  }
  const message = await tx.message.update({
    where: { id: input.messageId },
    // The message goes out over WhatsApp whatever the dashboard stored it as: status callbacks and the thread say so.
    data: { deliveryStatus: "pending", channel: "whatsapp" },
    select: { operator: { select: { name: true } } },
  });
  const notificationId = await enqueueNotification(tx, {
    kind: "session_message",
    channel: "whatsapp",
    recipient: phone,
    sessionId: session.id,
    messageId: input.messageId,
    payload: { session_id: session.id, body: input.body, operator_name: message.operator?.name ?? null, ...(input.mediaUrl ? { media_url: input.mediaUrl } : {}) },
  });
  return { notificationId, mode: window.open ? "freeform" : "template", window };
}
