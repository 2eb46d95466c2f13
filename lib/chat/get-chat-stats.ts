import "server-only";
import { prisma } from "@/lib/db/client";
import { capacity, queueLengthByPriority } from "@/lib/routing/queue";
import { getEtaAccuracy } from "@/lib/chat/get-eta-accuracy";
import { getCsatStats } from "@/lib/csat/get-csat-stats";

/**
 * Public aggregates only (the guide's GET /api/chat/stats): no names, no questions, no contacts. With `teamId`, the
 * live figures and the last hour are that team's (its members' seats, its queue, its sessions).
 */
export async function getChatStats(teamId?: string) {
  const team = teamId ?? null;
  const [cap, queue, etaAccuracy, csat, lastHour] = await Promise.all([
    capacity(prisma, teamId),
    queueLengthByPriority(prisma, teamId),
    getEtaAccuracy(prisma),
    getCsatStats(),
    prisma.$queryRaw<{ avg_wait: number | null; assigned: bigint; avg_handle: number | null; closed: bigint }[]>`
      SELECT (SELECT avg(extract(epoch FROM assigned_at - queued_at))::float8 FROM chat_sessions
               WHERE assigned_at > now() - interval '1 hour' AND (${team}::text IS NULL OR team_id = ${team}::text)) AS avg_wait,
             (SELECT count(*) FROM chat_sessions WHERE assigned_at > now() - interval '1 hour' AND (${team}::text IS NULL OR team_id = ${team}::text)) AS assigned,
             (SELECT avg(extract(epoch FROM closed_at - assigned_at))::float8 FROM chat_sessions
               WHERE status = 'closed' AND assigned_at IS NOT NULL AND closed_at > now() - interval '1 hour' AND (${team}::text IS NULL OR team_id = ${team}::text)) AS avg_handle,
             (SELECT count(*) FROM chat_sessions
               WHERE status = 'closed' AND closed_at > now() - interval '1 hour' AND (${team}::text IS NULL OR team_id = ${team}::text)) AS closed`,
  ]);
  const h = lastHour[0];
  const round = (v: number | null) => (v == null || !Number.isFinite(v) ? null : Math.round(v));
  return {
    operators_online: cap.operatorsOnline,
    seats_online: cap.seatsOnline,
    free_seats: Math.max(0, cap.seatsOnline - cap.activeSessions),
    active_sessions: cap.activeSessions,
    queue_length: queue.low + queue.medium + queue.high + queue.urgent,
    queue_by_priority: queue,
    last_hour: {
      sessions_assigned: Number(h.assigned),
      sessions_closed: Number(h.closed),
      average_wait_seconds: round(h.avg_wait),
      average_handle_seconds: round(h.avg_handle),
    },
    eta_accuracy: etaAccuracy,
    csat,
    generated_at: new Date().toISOString(),
  };
}
