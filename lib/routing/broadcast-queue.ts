import "server-only";
import { prisma } from "@/lib/db/client";
import { publish } from "@/lib/realtime/server";
import { EVENTS, QUEUE_CHANNEL, sessionChannel } from "@/lib/realtime/channels";
import { cachedHandleMinutes, capacity, estimateWaitMinutes, recordPromiseChanges } from "@/lib/routing/queue";
import { logger } from "@/lib/log/logger";
import { announceQueueChanges } from "@/lib/webhooks/announce-queue-changes";

const DEBOUNCE_MS = 200;
let timer: NodeJS.Timeout | undefined;

/**
 * Tells every waiting customer their new position and wait. Coalesced: a burst of queue changes costs one
 * recomputation per 200 ms per instance, not one per change per waiting customer.
 */
export function scheduleQueueBroadcast(): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    broadcastQueuePositions().catch((error) => logger.warn({ err: error }, "queue broadcast failed"));
  }, DEBOUNCE_MS);
  timer.unref?.();
}

export async function broadcastQueuePositions(): Promise<void> {
  const queued = await prisma.chatSession.findMany({
    where: { status: "queued" },
    orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const [{ seatsOnline }, handleMinutes] = await Promise.all([capacity(prisma), cachedHandleMinutes()]);
  const estimates = queued.map((s, index) => ({ id: s.id, minutes: estimateWaitMinutes(index + 1, handleMinutes, seatsOnline) }));
  // The promise the customer now sees is the one the page holds us to (its due time offers the alternatives).
  const dueTimes = await recordPromiseChanges(prisma, estimates);
  await announceQueueChanges(estimates.map((s, index) => ({ sessionId: s.id, position: index + 1, estimatedWait: s.minutes })));
  await publish([
    ...estimates.map((s, index) => ({
      channel: sessionChannel(s.id),
      name: EVENTS.sessionUpdated,
      data: {
        session_id: s.id,
        status: "queued" as const,
        position: index + 1,
        estimated_wait: s.minutes,
        operator: null,
        ...(dueTimes.has(s.id) ? { promise_due_at: dueTimes.get(s.id) } : {}),
      },
    })),
    { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "positions", length: queued.length } },
  ]);
}
