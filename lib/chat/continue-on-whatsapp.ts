import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type SessionCaller, sessionActor } from "@/lib/auth/customer-key";
import { lockedQueuedSessionOfCustomer } from "@/lib/chat/session-actions";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { queuePosition } from "@/lib/routing/queue";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { twilioConfig } from "@/lib/whatsapp/twilio-client";

/** "+39 ••• ••• 4567": enough for the customer to recognise their number, not enough to learn someone else's. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)} ••• ${phone.slice(-4)}`;
}

/**
 * The waiting customer moves to WhatsApp and keeps their place: the session stays queued, marked as waiting for
 * that phone, and the first WhatsApp message goes out through the outbox. The phone was typed, not proven, so it
 * routes nothing by itself: only an inbound message from exactly this phone continues exactly this session
 * (receive-inbound-message.ts), and only because the session's own customer asked for it here.
 */
export async function continueOnWhatsapp(sessionId: string, caller: SessionCaller, now: Date = new Date()) {
  const actor = sessionActor(caller, sessionId);
  if (!twilioConfig()) throw new ApiError("INVALID_STATE", "WhatsApp is not configured on this desk");
  return inRoutingTransaction(async (scope) => {
    const session = await lockedQueuedSessionOfCustomer(scope, sessionId, caller, "move it to WhatsApp");
    const phone = session.contactPhone;
    if (!phone) throw new ApiError("INVALID_STATE", "No phone is known for this chat");
    const position = (await queuePosition(scope.tx, sessionId)) ?? 1;
    if (!session.whatsappContinueAt) {
      await scope.tx.chatSession.update({ where: { id: sessionId }, data: { whatsappContinueAt: now } });
      const locale = sessionLocale(session.metadata);
      const body = systemText(locale).continueOnWhatsapp(position);
      await enqueueNotification(scope.tx, { kind: "session_message", channel: "whatsapp", recipient: phone, locale, sessionId, payload: { session_id: sessionId, body } });
      await recordAuditEvent(scope.tx, actor, { action: "session.continue_on_whatsapp", targetType: "session", targetId: sessionId });
    }
    return { session_id: sessionId, status: "queued" as const, position, whatsapp_to: maskPhone(phone), requested_at: (session.whatsappContinueAt ?? now).toISOString() };
  });
}
