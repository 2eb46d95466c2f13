import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { EVENTS, operatorChannel, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { AWAY_AFTER_SECONDS } from "@/lib/operators/heartbeat";

/**
 * Operators marked online whose every dashboard tab has gone quiet turn away, so the router stops giving them
 * customers. Their open chats stay theirs. An operator set online who has never sent a heartbeat gets the same
 * grace, counted from the last change to their row.
 */
export async function markStaleOperatorsAway({ now, graceSeconds = AWAY_AFTER_SECONDS }: { now: Date; graceSeconds?: number }): Promise<string[]> {
  const cutoff = new Date(now.getTime() - graceSeconds * 1000);
  return inRoutingTransaction(async (scope) => {
    // One UPDATE both finds and flips the rows: a heartbeat committing at the same moment either lands first (and
    // the row no longer matches) or waits for this transaction.
    const stale = await scope.tx.operator.updateManyAndReturn({
      where: {
        status: "online",
        OR: [{ lastSeenAt: { lt: cutoff } }, { lastSeenAt: null, updatedAt: { lt: cutoff } }],
      },
      data: { status: "away" },
      select: { id: true, lastSeenAt: true },
    });
    if (stale.length === 0) return [];
    const ids = stale.map((row) => row.id);
    for (const row of stale) {
      await recordAuditEvent(scope.tx, SYSTEM_ACTOR, {
        action: "operator.auto_away",
        targetType: "operator",
        targetId: row.id,
        data: { last_seen_at: row.lastSeenAt?.toISOString() ?? null, grace_seconds: graceSeconds },
      });
      scope.events.push({
        channel: operatorChannel(row.id),
        name: EVENTS.operatorAlert,
        data: { kind: "status_changed", status: "away", reason: "no_heartbeat" },
      });
    }
    scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "operators_away", count: ids.length } });
    // Fewer seats online: queued customers' waits grow.
    scope.queueChanged = true;
    return ids;
  });
}
