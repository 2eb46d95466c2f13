import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appendMessage } from "@/lib/conversations/append-message";
import { toMessageEvent } from "@/lib/conversations/message-view";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";
import { EVENTS, QUEUE_CHANNEL, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { drainQueue } from "@/lib/routing/assign-session";
import { inRoutingTransaction, type RoutingScope } from "@/lib/routing/routing-transaction";
import { operatorSelect, toOperatorView } from "@/lib/operators/operator-view";
import type { UpdateOperatorBody } from "@/lib/schemas/operators";
import { setOperatorTeams } from "@/lib/teams/set-operator-teams";

/** Puts a deactivated operator's live chats back in the queue at their original place. */
async function requeueSessionsOf(scope: RoutingScope, operatorId: string): Promise<number> {
  const sessions = await scope.tx.chatSession.findMany({ where: { operatorId, status: "active" }, select: { id: true, metadata: true } });
  for (const { id, metadata } of sessions) {
    await scope.tx.chatSession.update({ where: { id }, data: { status: "queued", operatorId: null, assignedAt: null, firstResponseAt: null } });
    const message = await appendMessage(scope.tx, { sessionId: id, sender: "system", body: systemText(sessionLocale(metadata)).requeued() });
    scope.events.push(
      { channel: sessionChannel(id), name: EVENTS.messageCreated, data: toMessageEvent(message) },
      { channel: operatorChannel(operatorId), name: EVENTS.sessionUnassigned, data: { session_id: id, reason: "operator_deactivated" } },
    );
  }
  if (sessions.length) scope.queueChanged = true;
  return sessions.length;
}

/**
 * Changes an operator. Availability changes (status, capacity, active) run under the routing lock and immediately
 * hand free seats to waiting customers; deactivation moves the operator's chats back to the queue and signs them out.
 */
export async function updateOperator(id: string, input: UpdateOperatorBody, actor: Actor) {
  return inRoutingTransaction(async (scope) => {
    const current = await scope.tx.operator.findUnique({ where: { id }, select: operatorSelect });
    if (!current) throw new ApiError("NOT_FOUND", "Operator not found");
    if (input.role !== undefined && input.role !== "admin" && current.role === "admin") {
      const admins = await scope.tx.operator.count({ where: { role: "admin", active: true } });
      if (admins <= 1) throw new ApiError("INVALID_STATE", "The last admin cannot lose the admin role");
    }
    if (input.active === false && current.role === "admin" && (input.role === undefined || input.role === "admin")) {
      const admins = await scope.tx.operator.count({ where: { role: "admin", active: true } });
      if (admins <= 1) throw new ApiError("INVALID_STATE", "The last admin cannot be deactivated");
    }
    const deactivating = input.active === false && current.active;
    if (input.teams) await setOperatorTeams(scope.tx, id, input.teams);
    const updated = await scope.tx.operator.update({
      where: { id },
      data: {
        name: input.name,
        phone: input.phone,
        role: input.role,
        maxChats: input.max_chats,
        locale: input.locale,
        skills: input.skills,
        active: input.active,
        status: deactivating ? "offline" : input.status,
        ...(input.status === "online" ? { lastSeenAt: new Date() } : {}),
      },
      select: operatorSelect,
    });
    let requeued = 0;
    if (deactivating) {
      requeued = await requeueSessionsOf(scope, id);
      await scope.tx.authSession.deleteMany({ where: { userId: id } });
    }
    await recordAuditEvent(scope.tx, actor, {
      action: deactivating ? "operator.deactivated" : input.status && Object.keys(input).length === 1 ? "operator.status_changed" : "operator.updated",
      targetType: "operator",
      targetId: id,
      data: { changes: input, ...(requeued ? { requeued } : {}) },
    });
    // Teams and skills decide which queues the operator serves: a change is an availability change too.
    if (input.status || input.active !== undefined || input.max_chats !== undefined || input.teams || input.skills) {
      scope.events.push(
        { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "operator", operator_id: id } },
        { channel: operatorChannel(id), name: EVENTS.operatorUpdated, data: { status: updated.status, max_chats: updated.maxChats, active: updated.active } },
      );
      await drainQueue(scope);
      // Seats online change the estimates of everybody waiting.
      scope.queueChanged = true;
    }
    const active = await scope.tx.chatSession.count({ where: { operatorId: id, status: "active" } });
    return toOperatorView(updated, active);
  });
}
