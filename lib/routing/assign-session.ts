import "server-only";
import type { RoutingScope } from "@/lib/routing/routing-transaction";
import { appendMessage } from "@/lib/conversations/append-message";
import { EVENTS, operatorChannel, sessionChannel, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { toMessageEvent, type MessageView } from "@/lib/conversations/message-view";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";
import type { RealtimeEvent } from "@/lib/realtime/server";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordOwnerChange } from "@/lib/conversations/conversation-owner";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export interface FreeOperator {
  id: string;
  name: string;
}

/** Who may serve a session: a member of its team with every skill it requires. */
export interface SessionNeeds {
  teamId: string;
  skills: string[];
}

/**
 * The online operator with a free seat, in the session's team and with its skills, who is least loaded relative to
 * capacity, then the one assigned longest ago: work spreads evenly instead of filling the first operator. `exclude`
 * skips operators who let this session go. Load counts the operator's chats of every team (max_chats is per person).
 */
export async function findFreeOperator(scope: RoutingScope, needs: SessionNeeds, exclude: string[] = []): Promise<FreeOperator | null> {
  // The escalation's SQL function (sportello_escalate) makes the same choice for new sessions.
  const rows = await scope.tx.$queryRaw<FreeOperator[]>`
    SELECT o.id, o.name
      FROM team_members m
      JOIN operators o ON o.id = m.operator_id
      LEFT JOIN LATERAL (
        SELECT count(*) AS active, max(assigned_at) AS last_assigned
          FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active'
      ) load ON true
     WHERE m.team_id = ${needs.teamId} AND o.status = 'online' AND o.active AND load.active < o.max_chats
       AND coalesce(o.skills, '{}') @> ${needs.skills}::text[]
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

type SeatMatch = { operator_id: string; operator_name: string; session_id: string; channel: string; phone: string | null };

/**
 * The next seat to fill: the free operator first in line (least loaded, then idle longest) who is eligible for some
 * waiting session, with the first such session across all of that operator's teams by priority then arrival. Per
 * team the head is read from the (team_id, status, priority DESC, queued_at) index and the first eligible session
 * there wins, so a deep queue costs a few index probes, not a scan. A session never goes back to an operator who
 * let it go unanswered; the sessions behind it may take that operator's seat.
 */
async function nextSeatMatch(scope: RoutingScope): Promise<SeatMatch | null> {
  const rows = await scope.tx.$queryRaw<SeatMatch[]>`
    SELECT o.id AS operator_id, o.name AS operator_name, pick.id AS session_id, pick.channel::text AS channel, c.phone
      FROM operators o
      LEFT JOIN LATERAL (
        SELECT count(*) AS active, max(assigned_at) AS last_assigned
          FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active'
      ) load ON true
      CROSS JOIN LATERAL (
        SELECT head.* FROM team_members m
         CROSS JOIN LATERAL (
           SELECT s.id, s.channel, s.contact_id, s.priority, s.queued_at FROM chat_sessions s
            WHERE s.team_id = m.team_id AND s.status = 'queued'
              AND coalesce(s.skills, '{}') <@ coalesce(o.skills, '{}')
              AND NOT (o.id = ANY(coalesce(s.missed_operator_ids, '{}')))
            ORDER BY s.priority DESC, s.queued_at, s.id
            LIMIT 1
         ) head
         WHERE m.operator_id = o.id
         ORDER BY head.priority DESC, head.queued_at, head.id
         LIMIT 1
      ) pick
      JOIN contacts c ON c.id = pick.contact_id
     WHERE o.status = 'online' AND o.active AND load.active < o.max_chats
     ORDER BY load.active::float / o.max_chats, load.last_assigned NULLS FIRST, o.id
     LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * Fills free seats from the teams' queues until no free operator is eligible for any waiting session. Call after
 * anything that frees a seat (or puts an operator online, or changes teams and skills).
 */
export async function drainQueue(scope: RoutingScope): Promise<number> {
  let assigned = 0;
  for (;;) {
    const match = await nextSeatMatch(scope);
    if (!match) break;
    const operator = { id: match.operator_id, name: match.operator_name };
    await assignSession(scope, match.session_id, operator);
    // A WhatsApp customer has no page showing the queue: tell them over WhatsApp that someone is coming.
    if (match.channel === "whatsapp" && match.phone) {
      await enqueueNotification(scope.tx, {
        kind: "session_message",
        channel: "whatsapp",
        recipient: match.phone,
        sessionId: match.session_id,
        payload: { body: "Un operatore ti sta contattando...", operator_name: operator.name },
      });
    }
    assigned += 1;
  }
  if (assigned > 0) scope.queueChanged = true;
  return assigned;
}
