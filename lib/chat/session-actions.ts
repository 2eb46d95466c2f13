import "server-only";
import { requestChatRating } from "@/lib/csat/request-chat-rating";
import { ApiError } from "@/lib/api/errors";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appendMessage } from "@/lib/conversations/append-message";
import { canOperate, requireSessionRole, type SessionCaller, sessionActor } from "@/lib/auth/customer-key";
import { toMessageEvent } from "@/lib/conversations/message-view";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";
import { prisma } from "@/lib/db/client";
import { publish } from "@/lib/realtime/server";
import { EVENTS, QUEUE_CHANNEL, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { assignSession, drainQueue } from "@/lib/routing/assign-session";
import { inRoutingTransaction, type RoutingScope } from "@/lib/routing/routing-transaction";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { createTicket } from "@/lib/tickets/create-ticket";
import { recordOwnerChange } from "@/lib/conversations/conversation-owner";
import { ownerOf } from "@/lib/conversations/owner-state";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export async function lockedSession(scope: RoutingScope, id: string) {
  const session = await scope.tx.chatSession.findUnique({
    where: { id },
    include: { contact: { select: { id: true, email: true, phone: true } }, operator: { select: { id: true, name: true } } },
  });
  if (!session) throw new ApiError("NOT_FOUND", "Session not found");
  return session;
}

export function requireOpen(status: string): void {
  if (status === "closed" || status === "ticketed") {
    throw new ApiError("INVALID_STATE", `The session is already ${status}`, { details: { status } });
  }
}

/**
 * Closes a session: by its customer (with the key) or its operator/admin. The freed seat goes to the head of
 * the queue in the same transaction.
 */
export async function closeSession(id: string, caller: SessionCaller, reason?: string) {
  const actor = sessionActor(caller, id);
  return inRoutingTransaction(async (scope) => {
    const session = await lockedSession(scope, id);
    const role = requireSessionRole(caller.principal, session, caller.customerKey);
    if (role === "viewer") throw new ApiError("FORBIDDEN", "Only the session's operator, an admin or its customer can close it");
    requireOpen(session.status);
    const byOperator = role === "operator";
    const closedAt = new Date();
    await scope.tx.chatSession.update({
      where: { id },
      data: { status: "closed", closedAt, closedReason: reason ?? (byOperator ? "operator" : "customer") },
    });
    const message = await appendMessage(scope.tx, {
      sessionId: id,
      sender: "system",
      body: byOperator ? systemText(sessionLocale(session.metadata)).closedByOperator() : systemText(sessionLocale(session.metadata)).closedByCustomer(),
    });
    await recordAuditEvent(scope.tx, actor, { action: "session.closed", targetType: "session", targetId: id, data: { reason: reason ?? null } });
    // The closed chat's rating request by email/WhatsApp, in this transaction: it exists only if the close committed.
    await requestChatRating(scope.tx, id, closedAt);
    await recordOwnerChange(scope.tx, actor, { sessionId: id, from: ownerOf(session), to: "closed", reason: reason ?? (byOperator ? "closed by the operator" : "closed by the customer") });
    await emitWebhookEvent(scope.tx, {
      type: "session.closed",
      sessionId: id,
      data: { session_id: id, closed_by: byOperator ? "operator" : actor.type === "system" ? "system" : "customer", reason: reason ?? null },
    });
    scope.events.push(
      { channel: sessionChannel(id), name: EVENTS.messageCreated, data: toMessageEvent(message) },
      { channel: sessionChannel(id), name: EVENTS.sessionUpdated, data: { session_id: id, status: "closed", operator: session.operator, position: null, estimated_wait: null } },
      ...(session.operatorId ? [{ channel: operatorChannel(session.operatorId), name: EVENTS.sessionUnassigned, data: { session_id: id, reason: "closed" as const } }] : []),
      { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "closed", session_id: id } },
    );
    if (session.status === "queued") scope.queueChanged = true;
    await drainQueue(scope);
    return { id, status: "closed" as const, closed_at: closedAt.toISOString() };
  });
}

/** Hands a live session to another online operator with a free seat. */
export async function transferSession(id: string, targetOperatorId: string, principal: Principal) {
  const actor = actorOf(principal, SYSTEM_ACTOR);
  return inRoutingTransaction(async (scope) => {
    const session = await lockedSession(scope, id);
    if (!canOperate(principal, session)) throw new ApiError("FORBIDDEN", "Only the session's operator or an admin can transfer it");
    if (session.status !== "active") throw new ApiError("INVALID_STATE", "Only an active session can be transferred");
    if (session.operatorId === targetOperatorId) throw new ApiError("VALIDATION_ERROR", "The session is already with that operator");
    const rows = await scope.tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT o.id, o.name FROM operators o
       WHERE o.id = ${targetOperatorId} AND o.status = 'online' AND o.active
         AND (SELECT count(*) FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active') < o.max_chats`;
    const target = rows[0];
    if (!target) throw new ApiError("INVALID_STATE", "That operator is not online or has no free seat");
    const previous = session.operatorId;
    // The bot hears of the transfer before the new operator's "joined" line.
    await recordOwnerChange(scope.tx, actor, { sessionId: id, from: "human", to: "human", reason: "transferred", operatorId: target.id });
    await emitWebhookEvent(scope.tx, { type: "session.transferred", sessionId: id, data: { session_id: id, from_operator: session.operator, operator: target } });
    await assignSession(scope, id, target, new Date(), { transfer: true });
    // A transfer restarts the answer clock for the new operator.
    await scope.tx.chatSession.update({ where: { id }, data: { firstResponseAt: null } });
    await recordAuditEvent(scope.tx, actor, { action: "session.transferred", targetType: "session", targetId: id, data: { from: previous, to: target.id } });
    if (previous) scope.events.push({ channel: operatorChannel(previous), name: EVENTS.sessionUnassigned, data: { session_id: id, reason: "transferred" } });
    await drainQueue(scope);
    return { id, operator: target };
  });
}

type LockedSession = Awaited<ReturnType<typeof lockedSession>>;

/** The session, locked, when the caller is its customer (by key) and it is still waiting in the queue. */
export async function lockedQueuedSessionOfCustomer(scope: RoutingScope, id: string, caller: SessionCaller, action: string): Promise<LockedSession> {
  const session = await lockedSession(scope, id);
  if (requireSessionRole(caller.principal, session, caller.customerKey) !== "customer") {
    throw new ApiError("FORBIDDEN", `Only the chat's customer can ${action}`);
  }
  requireOpen(session.status);
  if (session.status !== "queued") throw new ApiError("INVALID_STATE", "An operator already has this chat", { details: { status: session.status } });
  return session;
}

/**
 * The ticket a chat becomes, with the conversation so far (the ticket page shows the session's messages), the system
 * line in the thread and the events that tell everyone; the seat or queue place frees at once.
 */
export async function ticketFromSession(
  scope: RoutingScope,
  session: LockedSession,
  actor: Actor,
  opts: { reason: string; contact?: { email: string | null; phone: string | null } },
) {
  const id = session.id;
  const rules = await getEscalationRules(scope.tx);
  const contact = opts.contact ?? { email: session.contactEmail, phone: session.contactPhone };
  const ticket = await createTicket(scope.tx, rules, actor, {
    contact: { id: session.contactId, ...contact },
    question: session.question,
    priority: session.priority,
    metadata: session.metadata ?? undefined,
    source: session.source,
    channel: session.channel,
    sessionId: id,
    locale: sessionLocale(session.metadata),
    reason: opts.reason,
  });
  await scope.tx.chatSession.update({ where: { id }, data: { status: "ticketed", closedAt: new Date(), closedReason: "ticket" } });
  const message = await appendMessage(scope.tx, {
    sessionId: id,
    sender: "system",
    body: systemText(sessionLocale(session.metadata)).ticketOpened(ticket.number),
  });
  scope.events.push(
    { channel: sessionChannel(id), name: EVENTS.messageCreated, data: toMessageEvent(message) },
    { channel: sessionChannel(id), name: EVENTS.sessionUpdated, data: { session_id: id, status: "ticketed", ticket_number: ticket.number, operator: session.operator, position: null, estimated_wait: null } },
    ...(session.operatorId ? [{ channel: operatorChannel(session.operatorId), name: EVENTS.sessionUnassigned, data: { session_id: id, reason: "ticketed" as const } }] : []),
    { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "ticketed", session_id: id } },
  );
  if (session.status === "queued") scope.queueChanged = true;
  await drainQueue(scope);
  return ticket;
}

/** Turns a queued or live chat into a ticket (answered later by email/WhatsApp); the seat frees at once. */
export async function convertSessionToTicket(id: string, principal: Principal) {
  const actor = actorOf(principal, SYSTEM_ACTOR);
  return inRoutingTransaction(async (scope) => {
    const session = await lockedSession(scope, id);
    requireOpen(session.status);
    if (!canOperate(principal, session) && !(principal?.kind === "operator" && session.status === "queued")) {
      throw new ApiError("FORBIDDEN", "Only the session's operator or an admin can do this");
    }
    const ticket = await ticketFromSession(scope, session, actor, { reason: "operator_converted" });
    if (principal?.kind === "operator") await scope.tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId: principal.operatorId } });
    return { id, status: "ticketed" as const, ticket_number: ticket.number };
  });
}

/** Read receipts: each side's highest seen seq only moves forward. */
export async function markRead(id: string, seq: number, principal: Principal | null, customerKey: string | null) {
  const session = await prisma.chatSession.findUnique({ where: { id }, select: { operatorId: true, status: true, lastSeq: true, customerKeyHash: true } });
  if (!session) throw new ApiError("NOT_FOUND", "Session not found");
  const role = requireSessionRole(principal, session, customerKey);
  if (role === "viewer") throw new ApiError("FORBIDDEN", "Only the session's operator or its customer can mark it read");
  const reader = role === "operator" ? "operator" : "customer";
  const upTo = Math.min(seq, session.lastSeq);
  const column = reader === "operator" ? "operator_read_seq" : "customer_read_seq";
  await prisma.$executeRawUnsafe(`UPDATE chat_sessions SET ${column} = GREATEST(${column}, $1) WHERE id = $2`, upTo, id);
  await publish([{ channel: sessionChannel(id), name: EVENTS.messageRead, data: { session_id: id, reader, seq: upTo } }]);
  return { session_id: id, reader, seq: upTo };
}
