import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Principal } from "@/lib/auth/principal";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appendMessage, messageSelect } from "@/lib/conversations/append-message";
import { recordOwnerChange } from "@/lib/conversations/conversation-owner";
import { canOperate } from "@/lib/auth/customer-key";
import { toMessageEvent, toMessageView } from "@/lib/conversations/message-view";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";
import { EVENTS, QUEUE_CHANNEL, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { drainQueue } from "@/lib/routing/assign-session";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { toWebhookMessage } from "@/lib/conversations/webhook-message";

/** The thread since the handoff that the session.handed_back event carries, newest kept when it is long. */
const HANDBACK_MESSAGES = 200;

/**
 * The operator returns the conversation to the bot (human → bot): the seat frees for the queue, the thread gets a
 * line saying so, and the bot hears it by webhook (session.handed_back) with the note and the messages since the
 * handoff. The bot may relay its own messages into the session again afterwards.
 */
export async function handBackSession(id: string, note: string | undefined, principal: Principal | null, actor: Actor) {
  return inRoutingTransaction(async (scope) => {
    const session = await scope.tx.chatSession.findUnique({ where: { id }, include: { operator: { select: { id: true, name: true } } } });
    if (!session) throw new ApiError("NOT_FOUND", "Session not found");
    if (!canOperate(principal, session)) throw new ApiError("FORBIDDEN", "Only the session's operator or an admin can hand it back");
    if (session.status !== "active") throw new ApiError("INVALID_STATE", "Only a conversation a person holds can be handed back to the bot", { details: { status: session.status } });
    const now = new Date();
    await scope.tx.chatSession.update({
      where: { id },
      data: { status: "closed", closedAt: now, closedReason: "handed_back", handedBackAt: now, handbackNote: note ?? null },
    });
    const line = await appendMessage(scope.tx, { sessionId: id, sender: "system", body: systemText(sessionLocale(session.metadata)).handedBack() });
    await recordAuditEvent(scope.tx, actor, { action: "session.handed_back", targetType: "session", targetId: id, data: { note: note ?? null, operator_id: session.operatorId } });
    await recordOwnerChange(scope.tx, actor, { sessionId: id, from: "human", to: "bot", reason: note ? `handed back: ${note.slice(0, 200)}` : "handed back" });
    const thread = await scope.tx.message.findMany({ where: { sessionId: id }, orderBy: { seq: "desc" }, take: HANDBACK_MESSAGES, select: messageSelect });
    await emitWebhookEvent(scope.tx, {
      type: "session.handed_back",
      sessionId: id,
      data: { session_id: id, note: note ?? null, operator: session.operator, messages: thread.reverse().map((m) => toWebhookMessage(toMessageView(m))) },
      now,
    });
    scope.events.push(
      { channel: sessionChannel(id), name: EVENTS.messageCreated, data: toMessageEvent(line) },
      { channel: sessionChannel(id), name: EVENTS.sessionUpdated, data: { session_id: id, status: "closed", owner: "bot", operator: session.operator, position: null, estimated_wait: null } },
      ...(session.operatorId ? [{ channel: operatorChannel(session.operatorId), name: EVENTS.sessionUnassigned, data: { session_id: id, reason: "handed_back" as const } }] : []),
      { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "handed_back", session_id: id } },
    );
    await drainQueue(scope);
    return { id, status: "closed" as const, owner: "bot" as const, handed_back_at: now.toISOString() };
  });
}
