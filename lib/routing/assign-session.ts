import "server-only";
import type { RoutingScope } from "@/lib/routing/routing-transaction";
import { appendMessage } from "@/lib/chat/append-message";
import { EVENTS, operatorChannel, sessionChannel, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { toMessageEvent, type MessageView } from "@/lib/chat/message-view";
import { sessionLocale, systemText } from "@/lib/chat/system-messages";
import type { RealtimeEvent } from "@/lib/realtime/server";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordOwnerChange } from "@/lib/chat/conversation-owner";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export interface FreeOperator {
  id: string;
  name: string;
}

/**
 * The online operator with a free seat who is least loaded relative to capacity, then the one assigned longest ago:
 * work spreads evenly instead of filling the first operator. `exclude` skips operators who let this session go.
 */
export async function findFreeOperator(scope: RoutingScope, exclude: string[] = []): Promise<FreeOperator | null> {
  // The escalation's SQL function (sportello_escalate) makes the same choice for new sessions.
  const rows = await scope.tx.$queryRaw<FreeOperator[]>`
    SELECT o.id, o.name
      FROM operators o
      LEFT JOIN LATERAL (
        SELECT count(*) AS active, max(assigned_at) AS last_assigned
          FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active'
      ) load ON true
     WHERE o.status = 'online' AND o.active AND load.active < o.max_chats
       AND NOT (o.id = ANY(${exclude}::text[]))
     ORDER BY load.active::float / o.max_chats, load.last_assigned NULLS FIRST, o.id
     LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * Gives a session to an operator: status, times, a system line in the thread, and the events that tell everyone.
 * A transfer (`transfer: true`) leaves the webhook event and the ownership record to transferSession.
 */
export async function assignSession(scope: RoutingScope, sessionId: string, operator: FreeOperator, now = new Date(), options: { transfer?: boolean } = {}): Promise<void> {
  const session = await scope.tx.chatSession.update({
    where: { id: sessionId },
    data: { status: "active", operatorId: operator.id, assignedAt: now },
    select: { id: true, priority: true, question: true, queuedAt: true, channel: true, metadata: true },
  });
  if (!options.transfer) {
    await recordOwnerChange(scope.tx, SYSTEM_ACTOR, { sessionId, from: "queued", to: "human", reason: "assigned", operatorId: operator.id });
    await emitWebhookEvent(scope.tx, { type: "session.assigned", sessionId, data: { session_id: sessionId, operator: { id: operator.id, name: operator.name } }, now });
  }
  // The wait this customer got, against the wait they were promised (only the first assignment out of the queue).
  await scope.tx.$executeRaw`
    UPDATE chat_sessions SET waited_seconds = GREATEST(0, round(extract(epoch FROM ${now}::timestamp(3) - queued_at)))::int
     WHERE id = ${sessionId} AND waited_seconds IS NULL AND promised_wait_minutes IS NOT NULL`;
  const message = await appendMessage(scope.tx, { sessionId, sender: "system", body: systemText(sessionLocale(session.metadata)).joined(operator.name) });
  scope.events.push(...assignmentEvents(session, operator, message, now));
}

/** What an assignment tells the customer, the operator and the queue. */
export function assignmentEvents(
  session: { id: string; priority: string; question: string; channel: string; queuedAt: Date },
  operator: FreeOperator,
  message: MessageView,
  assignedAt: Date,
): RealtimeEvent[] {
  return [
    { channel: sessionChannel(session.id), name: EVENTS.sessionUpdated, data: { session_id: session.id, status: "active", operator, position: null, estimated_wait: null } },
    { channel: sessionChannel(session.id), name: EVENTS.messageCreated, data: toMessageEvent(message) },
    {
      channel: operatorChannel(operator.id),
      name: EVENTS.sessionAssigned,
      data: {
        session_id: session.id,
        priority: session.priority,
        question: session.question.slice(0, 500),
        channel: session.channel,
        queued_at: session.queuedAt.toISOString(),
        assigned_at: assignedAt.toISOString(),
      },
    },
    { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "assigned", session_id: session.id } },
  ];
}

/**
 * Fills free seats from the head of the queue until either runs out. Call after anything that frees a seat.
 * A session is never handed back to an operator who already let it go unanswered; it waits for someone else
 * while the sessions behind it may take that operator's seat.
 */
export async function drainQueue(scope: RoutingScope): Promise<number> {
  let assigned = 0;
  for (;;) {
    const anyFree = await findFreeOperator(scope);
    if (!anyFree) break;
    const waiting = await scope.tx.chatSession.findMany({
      where: { status: "queued" },
      orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }],
      take: 50,
      select: { id: true, channel: true, missedOperatorIds: true, contact: { select: { phone: true } } },
    });
    let match: { session: (typeof waiting)[number]; operator: FreeOperator } | undefined;
    for (const session of waiting) {
      const operator = session.missedOperatorIds.length ? await findFreeOperator(scope, session.missedOperatorIds) : anyFree;
      if (operator) {
        match = { session, operator };
        break;
      }
    }
    if (!match) break;
    const { session, operator } = match;
    await assignSession(scope, session.id, operator);
    // A WhatsApp customer has no page showing the queue: tell them over WhatsApp that someone is coming.
    if (session.channel === "whatsapp" && session.contact.phone) {
      await enqueueNotification(scope.tx, {
        kind: "session_message",
        channel: "whatsapp",
        recipient: session.contact.phone,
        sessionId: session.id,
        payload: { body: "Un operatore ti sta contattando...", operator_name: operator.name },
      });
    }
    assigned += 1;
  }
  if (assigned > 0) scope.queueChanged = true;
  return assigned;
}
