import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { ApiError } from "@/lib/api/errors";
import type { Tx } from "@/lib/db/client";
import { EVENTS, operatorChannel } from "@/lib/realtime/channels";
import type { RealtimeEvent } from "@/lib/realtime/server";
import { appendTicketMessage, type TicketMessageRow } from "@/lib/tickets/append-ticket-message";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { statusAfterCustomerReply } from "@/lib/tickets/ticket-lifecycle";
import { changeTicketStatus, lockTicket } from "@/lib/tickets/update-ticket";

export interface CustomerReplyInput {
  ticketId: string;
  body: string;
  channel: "web" | "whatsapp" | "email";
  /** Twilio's MessageSid for WhatsApp answers: a redelivered webhook finds the unique key taken. */
  externalId?: string | null;
  /** Media metadata stored on the message as it is created (WhatsApp attachments). */
  media?: Prisma.InputJsonValue;
  now?: Date;
}

/**
 * A customer's answer on a ticket (the ticket page, or WhatsApp): appended to the thread, and a ticket that was
 * waiting on them or resolved opens again; endpoints that asked for customer messages get ticket.replied. Returns the events to publish after commit (the assignee's alert).
 */
export async function recordCustomerReply(tx: Tx, input: CustomerReplyInput): Promise<{ message: TicketMessageRow; status: string; events: RealtimeEvent[] }> {
  await lockTicket(tx, input.ticketId);
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: input.ticketId },
    select: { id: true, number: true, status: true, assigneeId: true, contactId: true },
  });
  const next = statusAfterCustomerReply(ticket.status);
  if (next === "refused") throw new ApiError("INVALID_STATE", "This ticket is closed");
  const message = await appendTicketMessage(tx, {
    ticketId: ticket.id,
    sender: "customer",
    body: input.body,
    channel: input.channel,
    externalId: input.externalId,
    media: input.media,
  });
  await changeTicketStatus(tx, { type: "customer", id: ticket.contactId }, ticket, next, input.now ?? new Date(), "customer_reply");
  await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: input.now ?? new Date() } });
  // The bot or integration that asked for customer messages hears the answer too (after the status change's event).
  await emitWebhookEvent(tx, {
    type: "ticket.replied",
    ticketId: ticket.id,
    customerMessage: true,
    data: {
      ticket_id: ticket.number,
      ticket_number: ticket.number,
      message: { id: message.id, sender: "customer", body: input.body, operator_name: null, channels: [input.channel], created_at: message.createdAt.toISOString() },
    },
    now: input.now,
  });
  const events: RealtimeEvent[] = ticket.assigneeId
    ? [{ channel: operatorChannel(ticket.assigneeId), name: EVENTS.operatorAlert, data: { kind: "ticket_customer_reply", ticket_id: ticket.id, ticket_number: ticket.number } }]
    : [];
  return { message, status: next, events };
}
