import "server-only";
import { verifiedEmail, verifiedPhone } from "@/lib/contacts/upsert-contact";
import { ApiError } from "@/lib/api/errors";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf, operatorIdOf, type Principal } from "@/lib/auth/principal";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordCannedUses } from "@/lib/canned/manage-canned-responses";
import { prisma, type Tx } from "@/lib/db/client";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { appendTicketMessage } from "@/lib/tickets/append-ticket-message";
import { getTicketOrThrow } from "@/lib/tickets/get-ticket-or-throw";
import type { TicketReplyBody } from "@/lib/tickets/ticket-schemas";
import { changeTicketStatus, lockTicket } from "@/lib/tickets/update-ticket";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { signedAttachmentUrl } from "@/lib/attachments/signed-url";
import { env, ticketUrl } from "@/lib/env";

/** The language the customer was first written to in (the ticket-created notification), Italian by default. */
export async function customerLocale(tx: Tx, ticketId: string): Promise<string> {
  const first = await tx.notification.findFirst({
    where: { ticketId, kind: { in: ["ticket_created_customer", "queue_timeout_ticket"] } },
    orderBy: { createdAt: "asc" },
    select: { locale: true },
  });
  return first?.locale ?? "it";
}

/**
 * The files a reply names (uploaded for this ticket, not yet sent), in the order named. An emailed reply carries them
 * as attachments, so their total is capped (EMAIL_ATTACHMENTS_MAX_BYTES; Resend takes 40 MB per email once encoded).
 */
async function replyAttachments(tx: Tx, ticketId: string, input: TicketReplyBody) {
  const ids = input.attachment_ids ?? [];
  if (ids.length === 0) return [];
  const rows = await tx.chatAttachment.findMany({ where: { id: { in: ids }, ticketId, messageId: null }, select: { id: true, name: true, contentType: true, size: true } });
  if (rows.length !== ids.length) {
    throw new ApiError("VALIDATION_ERROR", "Invalid request body", { details: [{ path: "attachment_ids", message: "unknown, of another ticket, or already sent" }] });
  }
  const total = rows.reduce((sum, row) => sum + row.size, 0);
  const max = env().EMAIL_ATTACHMENTS_MAX_BYTES;
  if (input.channels.includes("email") && total > max) {
    throw new ApiError("PAYLOAD_TOO_LARGE", `The files of one emailed reply are limited to ${Math.floor(max / 1024)} KB in total`, { details: { max_bytes: max, total_bytes: total } });
  }
  return ids.map((id) => rows.find((row) => row.id === id)!);
}

/**
 * An operator's answer from the panel: stored in the ticket's thread, and sent by email and/or WhatsApp through the
 * outbox with a link back to the customer's ticket page. The first answer stops the SLA clock.
 */
export async function replyToTicket(ref: string, input: TicketReplyBody, caller: Principal, now = new Date()) {
  const actor = actorOf(caller, SYSTEM_ACTOR);
  // An admin API key answers as the desk: it takes no ticket.
  const operatorId = operatorIdOf(caller);
  return prisma.$transaction(async (tx) => {
    const { id } = await getTicketOrThrow(ref, { id: true }, tx);
    await lockTicket(tx, id);
    const ticket = await getTicketOrThrow(
      id,
      { id: true, number: true, status: true, accessToken: true, firstResponseAt: true, assigneeId: true, contactEmail: true, contactPhone: true, contact: { select: { email: true, phone: true, emailVerifiedAt: true, phoneVerifiedAt: true } } },
      tx,
    );
    if (ticket.status === "closed") throw new ApiError("INVALID_STATE", "The ticket is closed: reopen it before replying");
    // Only where the ticket was opened, or the contact's verified addresses: never one someone typed in later.
    const recipients = { email: ticket.contactEmail ?? verifiedEmail(ticket.contact), whatsapp: ticket.contactPhone ?? verifiedPhone(ticket.contact) };
    const missing = input.channels.filter((channel) => !recipients[channel]);
    if (missing.length > 0) {
      throw new ApiError("VALIDATION_ERROR", "Invalid request body", {
        details: missing.map((channel) => ({ path: "channels", message: `the customer has no ${channel === "email" ? "email address" : "phone number"}` })),
      });
    }

    const files = await replyAttachments(tx, id, input);
    const message = await appendTicketMessage(tx, {
      ticketId: id,
      sender: "operator",
      body: input.body,
      channel: input.channels.includes("email") ? "email" : "whatsapp",
      operatorId,
      media: files.length ? files.map((f) => ({ attachment_id: f.id, name: f.name, content_type: f.contentType, size: f.size })) : undefined,
    });
    if (files.length) await tx.chatAttachment.updateMany({ where: { id: { in: files.map((f) => f.id) } }, data: { messageId: message.id } });
    await tx.message.update({ where: { id: message.id }, data: { deliveryStatus: "queued" } });
    await recordCannedUses(tx, actor, input.canned_response_ids);
    const locale = await customerLocale(tx, id);
    const operatorName = message.operator?.name ?? null;
    for (const channel of input.channels) {
      await enqueueNotification(tx, {
        kind: "ticket_reply",
        channel,
        recipient: recipients[channel]!,
        locale,
        ticketId: id,
        messageId: message.id,
        payload: {
          ticket_id: id,
          ticket_number: ticket.number,
          body: input.body,
          ticket_url: ticketUrl(ticket.accessToken),
          locale,
          operator_name: operatorName,
          // Email: the files go as attachments (read from their store when sent). WhatsApp: the first one as media,
          // through a signed link Twilio fetches.
          ...(files.length && channel === "email" ? { attachment_ids: files.map((f) => f.id) } : {}),
          ...(files.length && channel === "whatsapp" ? { media_url: signedAttachmentUrl(files[0].id) } : {}),
        },
      });
    }

    await emitWebhookEvent(tx, {
      type: "ticket.replied",
      ticketId: id,
      data: {
        ticket_id: ticket.number,
        ticket_number: ticket.number,
        message: { id: message.id, sender: "operator", body: input.body, operator_name: operatorName, channels: input.channels, created_at: message.createdAt.toISOString() },
      },
      now,
    });
    if (!ticket.firstResponseAt) await tx.ticket.update({ where: { id }, data: { firstResponseAt: now } });
    // Whoever answers an unassigned ticket takes it, as in Zendesk.
    if (!ticket.assigneeId && operatorId) {
      await tx.ticket.update({ where: { id }, data: { assigneeId: operatorId } });
      await recordAuditEvent(tx, actor, { action: "ticket.assigned", targetType: "ticket", targetId: id, data: { number: ticket.number, from: null, to: operatorId } });
    }
    if (input.status) await changeTicketStatus(tx, actor, ticket, input.status, now, "reply");

    return {
      id: message.id,
      ticket_id: id,
      seq: message.seq,
      sender: message.sender,
      body: message.body,
      channels: input.channels,
      operator_name: operatorName,
      created_at: message.createdAt.toISOString(),
    };
  });
}
