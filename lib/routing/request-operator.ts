import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import { chatUrl, env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { inRoutingTransaction, type RoutingScope } from "@/lib/routing/routing-transaction";
import { EVENTS, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { assignSession, freeOperatorQuery, type FreeOperator } from "@/lib/routing/assign-session";
import { cachedHandleMinutes, capacity, estimateWaitMinutes, queuePosition } from "@/lib/routing/queue";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import type { EscalationRules } from "@/lib/rules/escalation-rules-schema";
import { prisma, type Tx } from "@/lib/db/client";
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
  const [{ seatsOnline }, handleMinutes] = await Promise.all([capacity(scope.tx), cachedHandleMinutes()]);
  return {
    success: true,
    type: "queue",
    session_id: sessionId,
    position,
    estimated_wait: estimateWaitMinutes(position, handleMinutes, seatsOnline),
    chat_url: customerChatUrl(sessionId),
    ...(existing ? { existing } : {}),
  };
}

type Contact = { id: string; email: string | null; phone: string | null };

function upsertContact(tx: Tx, input: EscalationInput): Promise<Contact> {
  return tx.contact.upsert({
    where: { userId: input.userId },
    create: { userId: input.userId, email: input.email, phone: input.phone, name: input.name, verified: input.verified ?? false },
    update: {
      ...(input.email ? { email: input.email, verified: input.verified ?? false } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.name ? { name: input.name } : {}),
    },
    select: { id: true, email: true, phone: true },
  });
}

interface Prepared {
  contact: Contact;
  rules: EscalationRules;
  handleMinutes: number;
}

/**
 * The handoff: a free operator now, the queue with an honest position and wait, or a ticket when nobody can take
 * the chat (no operator online, outside business hours, queue full). A customer who already has a queued or
 * active session gets that session back.
 * The contact, the rules and the measured handle time are read before the routing lock is taken: the serialised
 * part is only the decision and its writes.
 */
export async function requestOperator(input: EscalationInput, actor: Actor): Promise<RequestOperatorResult> {
  const [rules, handle] = await Promise.all([getEscalationRules(prisma), cachedHandleMinutes()]);
  let contact: Contact | undefined;
  return inRoutingTransaction((scope) => escalateInScope(scope, input, actor, { contact: contact!, rules, handleMinutes: handle }), {
    beforeLock: async (tx) => {
      contact = await upsertContact(tx, input);
    },
  });
}

/** The same escalation inside a routing transaction the caller holds: the WhatsApp webhook adds its writes to it. */
export async function escalateInScope(scope: RoutingScope, input: EscalationInput, actor: Actor, prepared?: Prepared): Promise<RequestOperatorResult> {
  const { tx } = scope;
  const contact = prepared?.contact ?? (await upsertContact(tx, input));
  const rules = prepared?.rules ?? (await getEscalationRules(tx));
  const handleMinutes = prepared?.handleMinutes ?? (await cachedHandleMinutes());

  const state = await routingState(scope, contact.id, input.priority);
  if (state.open?.status === "active" && state.open.operator) {
    return { success: true, type: "operator_assigned", session_id: state.open.id, operator: state.open.operator, chat_url: customerChatUrl(state.open.id), existing: true };
  }
  if (state.open) return queuedAnswer(scope, state.open.id, true);

  const now = new Date();
  const reason = !isOpenAt(rules.business_hours, now) ? "after_hours" : state.operatorsOnline === 0 ? "no_operators" : null;
  const operator = reason ? null : state.freeOperator;
  const finalReason = reason ?? (!operator && state.queued >= rules.max_queue_length ? "queue_full" : null);

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
  // The session, its first message (the customer's question, seq 1) and the audit row in one round trip: every
  // statement here runs while the routing lock is held.
  await tx.$executeRaw`
    WITH session AS (
      INSERT INTO chat_sessions (id, contact_id, status, priority, question, metadata, source, channel, queued_at, last_seq, created_at, updated_at)
      VALUES (${sessionId}, ${contact.id}, 'queued', ${input.priority}::"Priority", ${input.question},
              ${input.metadata == null ? null : JSON.stringify(input.metadata)}::jsonb, ${input.source}, ${input.channel}::"Channel", ${now}, 1, ${now}, ${now})
      RETURNING id
    ), message AS (
      INSERT INTO messages (id, session_id, seq, sender, body, channel, created_at)
      SELECT ${randomUUID()}, id, 1, 'customer', ${input.question}, ${input.channel}::"Channel", ${now} FROM session
    )
    INSERT INTO audit_events (id, actor_type, actor_id, action, target_type, target_id, data, at)
    SELECT ${randomUUID()}, ${actor.type}, ${actor.id}, 'session.requested', 'session', id,
           ${JSON.stringify({ priority: input.priority, source: input.source })}::jsonb, ${now} FROM session`;

  if (operator) {
    await assignSession(scope, sessionId, operator, now);
    return { success: true, type: "operator_assigned", session_id: sessionId, operator, chat_url: customerChatUrl(sessionId) };
  }
  // Under the lock nobody else moves: the newcomer goes after every waiting session of its priority or higher.
  const position = state.aheadOf + 1;
  // A higher-priority arrival moves everyone behind it back one place.
  if (position <= state.queued) scope.queueChanged = true;
  scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "queued", session_id: sessionId } });
  return {
    success: true,
    type: "queue",
    session_id: sessionId,
    position,
    estimated_wait: estimateWaitMinutes(position, handleMinutes, state.seatsOnline),
    chat_url: customerChatUrl(sessionId),
  };
}

interface RoutingState {
  operatorsOnline: number;
  seatsOnline: number;
  queued: number;
  aheadOf: number;
  open: { id: string; status: "queued" | "active"; operator: FreeOperator | null } | null;
  freeOperator: FreeOperator | null;
}

/**
 * Everything the decision needs, in one round trip under the lock: the customer's open session if any, operators
 * and seats online, the queue's length and how many wait ahead at this priority, and the operator to assign.
 */
async function routingState(scope: RoutingScope, contactId: string, priority: Priority): Promise<RoutingState> {
  const rows = await scope.tx.$queryRaw<
    { operators: bigint; seats: bigint; queued: bigint; ahead: bigint; open_id: string | null; open_status: "queued" | "active" | null; open_operator_id: string | null; open_operator_name: string | null; free_id: string | null; free_name: string | null }[]
  >`
    SELECT (SELECT count(*) FROM operators WHERE status = 'online' AND active) AS operators,
           (SELECT coalesce(sum(max_chats), 0) FROM operators WHERE status = 'online' AND active) AS seats,
           (SELECT count(*) FROM chat_sessions WHERE status = 'queued') AS queued,
           (SELECT count(*) FROM chat_sessions WHERE status = 'queued' AND priority >= ${priority}::"Priority") AS ahead,
           open.id AS open_id, open.status AS open_status, open.operator_id AS open_operator_id, open.operator_name AS open_operator_name,
           free.id AS free_id, free.name AS free_name
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT s.id, s.status::text AS status, o.id AS operator_id, o.name AS operator_name
          FROM chat_sessions s LEFT JOIN operators o ON o.id = s.operator_id
         WHERE s.contact_id = ${contactId} AND s.status IN ('queued', 'active') LIMIT 1
      ) open ON true
      LEFT JOIN LATERAL (${freeOperatorQuery()}) free ON true`;
  const row = rows[0];
  return {
    operatorsOnline: Number(row.operators),
    seatsOnline: Number(row.seats),
    queued: Number(row.queued),
    aheadOf: Number(row.ahead),
    open: row.open_id
      ? { id: row.open_id, status: row.open_status!, operator: row.open_operator_id ? { id: row.open_operator_id, name: row.open_operator_name! } : null }
      : null,
    freeOperator: row.free_id ? { id: row.free_id, name: row.free_name! } : null,
  };
}
