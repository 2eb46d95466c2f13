import "server-only";
import { prisma } from "@/lib/db/client";
import { publish } from "@/lib/realtime/server";
import { EVENTS, QUEUE_CHANNEL, sessionChannel } from "@/lib/realtime/channels";
import { estimateWaitMinutes, queuePlaces, recordToldPlaces, teamQueueModels, waitingCount } from "@/lib/routing/queue";
import { logger } from "@/lib/log/logger";
import { announceQueueChanges } from "@/lib/webhooks/announce-queue-changes";

const DEBOUNCE_MS = 200;
let timer: NodeJS.Timeout | undefined;
/** The teams whose queues changed since the last broadcast; null: every team's (a change that named none). */
let pendingTeams: Set<string> | null = new Set();

/**
 * Tells the waiting customers whose position or wait in their team's queue moved. Coalesced: a burst of queue
 * changes costs one recomputation per 200 ms per instance, not one per change per waiting customer. With `teamId`
 * only that team's queue is renumbered (an escalation moves no other team's places); without, every team's.
 */
export function scheduleQueueBroadcast(teamId?: string): void {
  if (teamId === undefined) pendingTeams = null;
  else pendingTeams?.add(teamId);
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    const teams = pendingTeams;
    pendingTeams = new Set();
    broadcastQueuePositions(teams ? [...teams] : undefined).catch((error) => logger.warn({ err: error }, "queue broadcast failed"));
  }, DEBOUNCE_MS);
  timer.unref?.();
}

/**
 * Renumbers the queues (of `teamIds`, or all) and publishes session.updated only to the sessions whose position or
 * wait differs from what their page was last told (chat_sessions.told_position, current_promise_minutes): a session
 * joining at the tail of a deep queue moves nobody, one taken from the head moves everyone behind it. Returns the
 * sessions told.
 */
export async function broadcastQueuePositions(teamIds?: string[]): Promise<string[]> {
  const places = await queuePlaces(prisma, teamIds);
  const models = await teamQueueModels(prisma, places.map((s) => s.teamId));
  const estimates = places.map((s) => {
    const model = models.get(s.teamId)!;
    return { ...s, minutes: estimateWaitMinutes(s.position, model.handleMinutes, model.seatsOnline) };
  });
  const moved = estimates.filter((s) => s.position !== s.toldPosition || s.minutes !== s.promisedMinutes);
  // The promise the customer now sees is the one the page holds us to (its due time offers the alternatives).
  const told = await recordToldPlaces(prisma, moved);
  // The bot hears of every wait that moved a minute or more since it was last told (webhook_wait): nothing to do
  // (one count, no listener) when nobody listens.
  await announceQueueChanges(
    estimates
      .filter((s) => s.webhookWait === null || Math.abs(s.webhookWait - s.minutes) >= 1)
      .map((s) => ({ sessionId: s.id, position: s.position, estimatedWait: s.minutes })),
  );
  const updates = moved.filter((s) => told.has(s.id));
  await publish([
    ...updates.map((s) => ({
      channel: sessionChannel(s.id),
      name: EVENTS.sessionUpdated,
      data: {
        session_id: s.id,
        status: "queued" as const,
        position: s.position,
        estimated_wait: s.minutes,
        operator: null,
        ...(told.get(s.id) ? { promise_due_at: told.get(s.id)! } : {}),
      },
    })),
    { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "positions", length: await waitingCount(prisma) } },
  ]);
  return updates.map((s) => s.id);
}
