import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { isSupervisor, type Principal } from "@/lib/auth/principal";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appendMessage } from "@/lib/conversations/append-message";
import { recordOwnerChange } from "@/lib/conversations/conversation-owner";
import { lockedSession } from "@/lib/chat/session-actions";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { EVENTS, FLOOR_CHANNEL, operatorChannel } from "@/lib/realtime/channels";
import { assignmentEvents, drainQueue } from "@/lib/routing/assign-session";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

/**
 * A supervisor (or an admin) takes a live chat over: it moves to them in one routing transaction, under the same
 * lock as every assignment, so it cannot interleave with a transfer, a close or the queue filling the seat.
 *
 * Capacity: a take-over is an intervention, not routing, so it may take the supervisor above their own max_chats
 * (documented with the route in docs/api.md); routing then offers them nothing new until they are below it again, since
 * findFreeOperator only picks operators under capacity. The previous operator's seat frees and the queue fills it.
 */
export async function takeOverSession(id: string, principal: Principal | null, actor: Actor) {
  if (!isSupervisor(principal)) throw new ApiError("FORBIDDEN", "Supervisor or admin role required");
  // The chat moves to a person: an admin API key is nobody to talk to.
  if (principal?.kind !== "operator") throw new ApiError("FORBIDDEN", "Take over needs a signed-in supervisor or admin");
  return inRoutingTransaction(async (scope) => {
    const session = await lockedSession(scope, id);
    if (session.status !== "active") throw new ApiError("INVALID_STATE", "Only an active chat can be taken over", { details: { status: session.status } });
    if (session.operatorId === principal.operatorId) throw new ApiError("INVALID_STATE", "The chat is already yours");
    const supervisor = await scope.tx.operator.findUnique({ where: { id: principal.operatorId }, select: { id: true, name: true, active: true } });
    if (!supervisor?.active) throw new ApiError("FORBIDDEN", "Take over needs an active supervisor or admin");
    const target = { id: supervisor.id, name: supervisor.name };
    const previous = session.operator;
    const now = new Date();

    await recordOwnerChange(scope.tx, actor, { sessionId: id, from: "human", to: "human", reason: "taken over", operatorId: target.id });
    await emitWebhookEvent(scope.tx, { type: "session.transferred", sessionId: id, data: { session_id: id, from_operator: previous, operator: target } });
    // A take-over restarts the answer clock, as a transfer does: the supervisor's first reply is measured afresh.
    const updated = await scope.tx.chatSession.update({
      where: { id },
      data: { operatorId: target.id, assignedAt: now, firstResponseAt: null },
      select: { id: true, priority: true, question: true, queuedAt: true, channel: true, metadata: true },
    });
    const line = systemText(sessionLocale(session.metadata)).takenOver(target.name);
    const message = await appendMessage(scope.tx, { sessionId: id, sender: "system", body: line });
    if (session.channel === "whatsapp" && session.contact.phone) {
      // WhatsApp customers have no page: the polite line goes to them over WhatsApp.
      await enqueueNotification(scope.tx, {
        kind: "session_message",
        channel: "whatsapp",
        recipient: session.contact.phone,
        sessionId: id,
        payload: { body: line, operator_name: target.name },
      });
    }
    await recordAuditEvent(scope.tx, actor, { action: "session.taken_over", targetType: "session", targetId: id, data: { from: previous?.id ?? null, to: target.id } });
    scope.events.push(...assignmentEvents(updated, target, message, now));
    if (previous) {
      scope.events.push({
        channel: operatorChannel(previous.id),
        name: EVENTS.sessionUnassigned,
        data: { session_id: id, reason: "taken_over", by: target },
      });
    }
    scope.events.push({ channel: FLOOR_CHANNEL, name: EVENTS.floorUpdated, data: { session_id: id, reason: "taken_over" } });
    await drainQueue(scope);
    return { id, operator: target, previous_operator: previous };
  });
}
