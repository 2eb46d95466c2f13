import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import { publish, type RealtimeEvent } from "@/lib/realtime/server";
import { scheduleQueueBroadcast } from "@/lib/routing/broadcast-queue";

// Any number works as long as every routing writer uses the same one.
const ROUTING_LOCK = 72_611_250;

export interface RoutingScope {
  tx: Tx;
  /** Realtime events to publish once the transaction has committed. */
  events: RealtimeEvent[];
  /** Set when queue positions may have changed, so queued customers get fresh positions. */
  queueChanged: boolean;
}

/**
 * Runs a routing change (escalation, assignment, release, operator availability) under one transaction-scoped
 * advisory lock. Serialising these short transactions is what keeps the invariants across instances: no operator
 * above max_chats, no session assigned twice, and queue positions that are a consistent 1..n.
 */
export async function inRoutingTransaction<T>(work: (scope: RoutingScope) => Promise<T>): Promise<T> {
  const scope: RoutingScope = { tx: undefined as unknown as Tx, events: [], queueChanged: false };
  const result = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ROUTING_LOCK})`);
      scope.tx = tx;
      return work(scope);
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
  await publish(scope.events);
  if (scope.queueChanged) scheduleQueueBroadcast();
  return result;
}
