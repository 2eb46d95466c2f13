import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { env, ticketUrl } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { addBusinessHours } from "@/lib/rules/business-hours";
import type { EscalationRules } from "@/lib/schemas/escalation-rules";
import { recordOwnerChange } from "@/lib/conversations/conversation-owner";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

import type { Priority } from "@/lib/schemas/common";

export interface CreateTicketInput {
  /** The contact, with the addresses the ticket is opened with: its replies and link go only there. */
  contact: { id: string; email: string | null; phone: string | null };
  question: string;
  priority: Priority;
  metadata?: Prisma.InputJsonValue;
  source: string;
  channel: "web" | "whatsapp" | "email";
  sessionId?: string;
  locale?: string;
  /** Why a ticket and not a chat, for the audit trail (no_operators, after_hours, queue_full, queue_timeout, api). */
  reason: string;
  /** The customer's notification: a queue timeout tells them why their chat became a ticket. */
  customerNotificationKind?: "ticket_created_customer" | "queue_timeout_ticket";
  /** The clock, for the time-based rules (their tests control it). */
  now?: Date;
  /** The team that owns it: a ticket from a session inherits the session's team when this is absent. */
  teamId?: string;
}

export interface CreatedTicket {
  id: string;
  number: number;
  dueAt: Date;
  accessToken: string;
  slaHours: number;
  createdAt: Date;
}

/** How a ticket's answers reach the customer: the addresses it was opened with (the notifications below). */
export function replyChannels(contact: { email: string | null; phone: string | null }): ("email" | "whatsapp")[] {
  return [...(contact.email ? (["email"] as const) : []), ...(contact.phone ? (["whatsapp"] as const) : [])];
}

/** Creates a ticket with its SLA due date, and records in the same transaction the notifications it implies. */
export async function createTicket(tx: Tx, rules: EscalationRules, actor: Actor, input: CreateTicketInput): Promise<CreatedTicket> {
  const slaHours = rules.sla_hours[input.priority];
  const now = input.now ?? new Date();
  const accessToken = randomBytes(24).toString("base64url");
  const teamId = input.teamId ?? (input.sessionId ? (await tx.chatSession.findUnique({ where: { id: input.sessionId }, select: { teamId: true } }))?.teamId : undefined);
  const ticket = await tx.ticket.create({
    data: {
      contactId: input.contact.id,
      contactEmail: input.contact.email,
      contactPhone: input.contact.phone,
      question: input.question,
      priority: input.priority,
      metadata: input.metadata,
      source: input.source,
      channel: input.channel,
      sessionId: input.sessionId,
      teamId,
      accessToken,
      dueAt: addBusinessHours(rules.business_hours, now, slaHours),
      createdAt: now,
    },
    select: { id: true, number: true, dueAt: true, createdAt: true },
  });
  const payload = {
    ticket_id: ticket.id,
    ticket_number: ticket.number,
    question: input.question.slice(0, 1000),
    priority: input.priority,
    sla_hours: slaHours,
    ticket_url: ticketUrl(accessToken),
    customer_email: input.contact.email,
    customer_phone: input.contact.phone,
    reason: input.reason,
  };
  const locale = input.locale ?? "it";
  const base = { payload, locale, ticketId: ticket.id, sessionId: input.sessionId };
  const customerKind = input.customerNotificationKind ?? "ticket_created_customer";
  if (input.contact.email) {
    await enqueueNotification(tx, { ...base, kind: customerKind, channel: "email", recipient: input.contact.email });
  }
  if (input.contact.phone) {
    await enqueueNotification(tx, { ...base, kind: customerKind, channel: "whatsapp", recipient: input.contact.phone });
  }
  const { ADMIN_EMAIL, ADMIN_PHONE } = env();
  if (ADMIN_EMAIL) await enqueueNotification(tx, { ...base, kind: "ticket_created_admin", channel: "email", recipient: ADMIN_EMAIL });
  if (ADMIN_PHONE) await enqueueNotification(tx, { ...base, kind: "ticket_created_admin", channel: "whatsapp", recipient: ADMIN_PHONE });
  await recordAuditEvent(tx, actor, {
    action: "ticket.created",
    targetType: "ticket",
    targetId: ticket.id,
    data: { number: ticket.number, priority: input.priority, reason: input.reason },
  });
  await emitWebhookEvent(tx, {
    type: "ticket.created",
    ticketId: ticket.id,
    data: { ticket_id: ticket.number, ticket_number: ticket.number, priority: input.priority, reason: input.reason },
    now,
  });
  if (input.sessionId) {
    // A chat that became a ticket: the bot hears it on the session too, and the ticket now owns the conversation.
    const session = await tx.chatSession.findUnique({ where: { id: input.sessionId }, select: { status: true } });
    await recordOwnerChange(tx, actor, { sessionId: input.sessionId, from: session?.status === "active" ? "human" : "queued", to: "ticket", reason: input.reason });
    await emitWebhookEvent(tx, {
      type: "session.ticketed",
      sessionId: input.sessionId,
      data: { session_id: input.sessionId, ticket_id: ticket.number, ticket_number: ticket.number },
      now,
    });
  }
  return { ...ticket, accessToken, slaHours };
}

/**
 * The guide's customer-facing promise: "Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h."
 * Outside business hours it also says when the operators are back.
 */
