import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { ownerOf, type ConversationOwner } from "@/lib/conversations/owner-state";

/**
 * Records a change of the conversation's owner (bot → queued → human → closed, human → bot on hand-back, → ticket)
 * as an audit event on the session, in the caller's transaction: who, when, and why. The session's timeline is
 * these events (listOwnershipChanges).
 */
export async function recordOwnerChange(
  tx: Tx,
  actor: Actor,
  change: { sessionId: string; from: ConversationOwner; to: ConversationOwner; reason: string; operatorId?: string | null },
): Promise<void> {
  await recordAuditEvent(tx, actor, {
    action: "session.owner_changed",
    targetType: "session",
    targetId: change.sessionId,
    data: { from: change.from, to: change.to, reason: change.reason, ...(change.operatorId ? { operator_id: change.operatorId } : {}) },
  });
}

export interface OwnershipChange {
  at: string;
  from: ConversationOwner;
  to: ConversationOwner;
  reason: string;
  actor: { type: string; id: string | null };
}

/**
 * A session's ownership timeline, oldest first. The first change (bot → queued or human) is the escalation's own
 * session.requested row, written by the routing decision; where it led is the `from` of the change after it.
 */
export async function listOwnershipChanges(session: { id: string; status: string; handedBackAt: Date | null }): Promise<OwnershipChange[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { targetType: "session", targetId: session.id, action: { in: ["session.requested", "session.owner_changed"] } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const changes = rows.filter((row) => row.action === "session.owner_changed").map((row) => {
    const data = (row.data ?? {}) as { from?: ConversationOwner; to?: ConversationOwner; reason?: string };
    return { at: row.at.toISOString(), from: data.from ?? "bot", to: data.to ?? "bot", reason: data.reason ?? "", actor: { type: row.actorType, id: row.actorId } };
  });
  const requested = rows.find((row) => row.action === "session.requested");
  if (!requested) return changes;
  const first: OwnershipChange = {
    at: requested.at.toISOString(),
    from: "bot",
    to: changes[0]?.from ?? ownerOf(session),
    reason: "escalated",
    actor: { type: requested.actorType, id: requested.actorId },
  };
  return [first, ...changes];
}
