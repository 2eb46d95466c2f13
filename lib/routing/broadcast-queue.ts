import "server-only";
import { prisma } from "@/lib/db/client";
import { publish } from "@/lib/realtime/server";
import { EVENTS, QUEUE_CHANNEL, sessionChannel } from "@/lib/realtime/channels";
import { estimateWaitMinutes, positionsPerTeam, recordPromiseChanges, teamQueueModels } from "@/lib/routing/queue";
import { logger } from "@/lib/log/logger";
import { announceQueueChanges } from "@/lib/webhooks/announce-queue-changes";

const DEBOUNCE_MS = 200;
let timer: NodeJS.Timeout | undefined;

/**
 * Tells every waiting customer their new position and wait in their team's queue. Coalesced: a burst of queue changes costs one
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
  const queued = positionsPerTeam(
    await prisma.chatSession.findMany({
      where: { status: "queued" },
      orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }],
      select: { id: true, teamId: true },
    }),
  );
  const models = await teamQueueModels(prisma, queued.map((s) => s.teamId));
  const estimates = queued.map((s) => {
    const model = models.get(s.teamId)!;
    return { id: s.id, position: s.position, minutes: estimateWaitMinutes(s.position, model.handleMinutes, model.seatsOnline) };
  });
  // The promise the customer now sees is the one the page holds us to (its due time offers the alternatives).
  const dueTimes = await recordPromiseChanges(prisma, estimates);
  await announceQueueChanges(estimates.map((s) => ({ sessionId: s.id, position: s.position, estimatedWait: s.minutes })));
  await publish([
    ...estimates.map((s) => ({
      channel: sessionChannel(s.id),
      name: EVENTS.sessionUpdated,
      data: {
        session_id: s.id,
        status: "queued" as const,
        position: s.position,
        estimated_wait: s.minutes,
        operator: null,
        ...(dueTimes.has(s.id) ? { promise_due_at: dueTimes.get(s.id) } : {}),
      },
    })),
    { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "positions", length: queued.length } },
  ]);
}
