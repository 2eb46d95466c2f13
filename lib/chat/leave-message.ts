import "server-only";
import { ticketUrl } from "@/lib/env";
import { ApiError } from "@/lib/api/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type SessionCaller, sessionActor } from "@/lib/auth/customer-key";
import { lockedQueuedSessionOfCustomer, ticketFromSession } from "@/lib/chat/session-actions";
import { upsertContact } from "@/lib/contacts/upsert-contact";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { replyChannels } from "@/lib/tickets/create-ticket";

/**
 * The waiting customer stops waiting: their queued chat becomes a ticket with the conversation so far, answered at
 * the addresses the chat was opened with. An email or phone given here is used only where the chat has none, and
 * (like any anonymous input) only fills an empty field of the contact, never overwrites one.
 */
export async function leaveMessage(sessionId: string, caller: SessionCaller, given: { email?: string; phone?: string }) {
  const actor = sessionActor(caller, sessionId);
  return inRoutingTransaction(async (scope) => {
    const session = await lockedQueuedSessionOfCustomer(scope, sessionId, caller, "leave a message instead of waiting");
    const contact = { email: session.contactEmail ?? given.email ?? null, phone: session.contactPhone ?? given.phone ?? null };
    if (!contact.email && !contact.phone) {
      throw new ApiError("VALIDATION_ERROR", "No address for the answer: give an email or a phone", { details: [{ path: "email", message: "required" }] });
    }
    if (contact.email !== session.contactEmail || contact.phone !== session.contactPhone) {
      const stored = await scope.tx.contact.findUniqueOrThrow({ where: { id: session.contactId }, select: { userId: true } });
      await upsertContact(scope.tx, { userId: stored.userId, email: contact.email, phone: contact.phone, trusted: false });
      await scope.tx.chatSession.update({ where: { id: sessionId }, data: { contactEmail: contact.email, contactPhone: contact.phone } });
    }
    const ticket = await ticketFromSession(scope, session, actor, { reason: "customer_left_message", contact });
    await recordAuditEvent(scope.tx, actor, { action: "session.left_message", targetType: "session", targetId: sessionId, data: { ticket_number: ticket.number } });
    return {
      session_id: sessionId,
      status: "ticketed" as const,
      ticket_number: ticket.number,
      ticket_url: ticketUrl(ticket.accessToken),
      reply_via: replyChannels(contact),
    };
  });
}
