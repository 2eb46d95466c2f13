import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import { chatUrl, env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { appendMessage } from "@/lib/chat/append-message";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { inRoutingTransaction, type RoutingScope } from "@/lib/routing/routing-transaction";
import { EVENTS, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { assignSession, findFreeOperator } from "@/lib/routing/assign-session";
import { averageHandleMinutes, capacity, estimateWaitMinutes, queuePosition } from "@/lib/routing/queue";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { isOpenAt, nextOpening } from "@/lib/rules/business-hours";
import { createTicket, ticketCreatedMessage } from "@/lib/tickets/create-ticket";
import type { RequestOperatorResult } from "@/lib/schemas/escalation";
import type { Priority } from "@/lib/schemas/common";

export interface EscalationInput {
  userId: string;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  question: string;
  priority: Priority;
  metadata?: Prisma.InputJsonValue | null;
  source: string;
  channel: "web" | "whatsapp";
  locale?: "it" | "en";
  /** Set when a signed embed token vouched for the email. */
  verified?: boolean;
}

export function newSessionId(): string {
  return randomBytes(18).toString("base64url"); // 144 random bits
}

export function customerChatUrl(sessionId: string): string {
  return `${chatUrl()}/admin/customer-chat.html?session=${sessionId}`;
}

async function queuedAnswer(scope: RoutingScope, sessionId: string, existing: boolean): Promise<RequestOperatorResult> {
  const position = (await queuePosition(scope.tx, sessionId)) ?? 1;
  const [{ seatsOnline }, handle] = await Promise.all([capacity(scope.tx), averageHandleMinutes(scope.tx)]);
  return {
    success: true,
    type: "queue",
    session_id: sessionId,
    position,
    estimated_wait: estimateWaitMinutes(position, handle.minutes, seatsOnline),
    chat_url: customerChatUrl(sessionId),
    ...(existing ? { existing } : {}),
  };
}

/**
 * The handoff: a free operator now, the queue with an honest position and wait, or a ticket when nobody can take
 * the chat (no operator online, outside business hours, queue full). A customer who already has a queued or
 * active session gets that session back.
 */
export async function requestOperator(input: EscalationInput, actor: Actor): Promise<RequestOperatorResult> {
  return inRoutingTransaction((scope) => escalateInScope(scope, input, actor));
}

/** The same escalation inside a routing transaction the caller holds: the WhatsApp webhook adds its writes to it. */
export async function escalateInScope(scope: RoutingScope, input: EscalationInput, actor: Actor): Promise<RequestOperatorResult> {
    const { tx } = scope;
    const contact = await tx.contact.upsert({
      where: { userId: input.userId },
      create: { userId: input.userId, email: input.email, phone: input.phone, name: input.name, verified: input.verified ?? false },
      update: {
        ...(input.email ? { email: input.email, verified: input.verified ?? false } : {}),
        ...(input.phone ? { phone: input.phone } : {}),
        ...(input.name ? { name: input.name } : {}),
      },
      select: { id: true, email: true, phone: true },
    });

    const open = await tx.chatSession.findFirst({
      where: { contactId: contact.id, status: { in: ["queued", "active"] } },
      select: { id: true, status: true, operator: { select: { id: true, name: true } } },
    });
    if (open?.status === "active" && open.operator) {
      return { success: true, type: "operator_assigned", session_id: open.id, operator: open.operator, chat_url: customerChatUrl(open.id), existing: true };
    }
    if (open) return queuedAnswer(scope, open.id, true);

    const rules = await getEscalationRules(tx);
    const now = new Date();
    const seats = await capacity(tx);
    const queued = await tx.chatSession.count({ where: { status: "queued" } });
    const reason = !isOpenAt(rules.business_hours, now)
      ? "after_hours"
      : seats.operatorsOnline === 0
        ? "no_operators"
        : null;
    const operator = reason ? null : await findFreeOperator(scope);
    const finalReason = reason ?? (!operator && queued >= rules.max_queue_length ? "queue_full" : null);

    if (input.priority === "urgent" && rules.urgent_whatsapp_alert && env().ADMIN_PHONE) {
      await enqueueNotification(tx, {
        kind: "urgent_escalation_admin",
        channel: "whatsapp",
        recipient: env().ADMIN_PHONE!,
        payload: { question: input.question.slice(0, 500), user_id: input.userId, outcome: finalReason ? "ticket" : operator ? "assigned" : "queued" },
      });
    }

    if (finalReason) {
      const ticket = await createTicket(tx, rules, actor, {
        contact,
        question: input.question,
        priority: input.priority,
        metadata: input.metadata ?? undefined,
        source: input.source,
        channel: input.channel,
        locale: input.locale,
        reason: finalReason,
      });
      const reopens = finalReason === "after_hours" ? nextOpening(rules.business_hours, now) : null;
      return {
        success: true,
        type: "ticket_created",
        ticket_id: ticket.number,
        ticket_number: ticket.number,
        message: ticketCreatedMessage(ticket.number, ticket.slaHours, input.locale, reopens ? { at: reopens, timeZone: rules.business_hours.timezone } : null),
        reason: finalReason,
        ...(reopens ? { reopens_at: reopens.toISOString() } : {}),
      };
    }

    const sessionId = newSessionId();
    await tx.chatSession.create({
      data: {
        id: sessionId,
        contactId: contact.id,
        status: "queued",
        priority: input.priority,
        question: input.question,
        metadata: input.metadata ?? undefined,
        source: input.source,
        channel: input.channel,
        queuedAt: now,
      },
    });
    await appendMessage(tx, { sessionId, sender: "customer", body: input.question, channel: input.channel });
    await recordAuditEvent(tx, actor, {
      action: "session.requested",
      targetType: "session",
      targetId: sessionId,
      data: { priority: input.priority, source: input.source },
    });

    if (operator) {
      await assignSession(scope, sessionId, operator);
      return { success: true, type: "operator_assigned", session_id: sessionId, operator, chat_url: customerChatUrl(sessionId) };
    }
    const answer = await queuedAnswer(scope, sessionId, false);
    // A higher-priority arrival moves everyone behind it back one place.
    if (answer.type === "queue" && answer.position <= queued) scope.queueChanged = true;
    scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "queued", session_id: sessionId } });
    return answer;
}
