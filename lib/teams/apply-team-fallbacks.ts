import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { EVENTS, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { drainQueue } from "@/lib/routing/assign-session";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";

export interface FallbackMove {
  sessionId: string;
  fromTeamId: string;
  toTeamId: string;
}

/**
 * Team fallback: a session still waiting in a team's queue fallback_after_minutes after it entered it (its arrival,
 * or its last fallback) moves to the team's fallback team. queued_at, its arrival, is kept, so it takes its place in
 * the new queue by priority and original arrival, ahead of later arrivals there. Then any free seat in the new team
 * takes it. Runs under the routing lock with a guarded update (still queued, still in that team), so several worker
 * instances move each session once.
 */
export async function applyTeamFallbacks(now: Date = new Date()): Promise<{ moved: FallbackMove[] }> {
  return inRoutingTransaction(async (scope) => {
    const moved = await scope.tx.$queryRaw<{ session_id: string; from_team_id: string; to_team_id: string }[]>`
      UPDATE chat_sessions s
         SET team_id = t.fallback_team_id, fallback_at = ${now}::timestamp(3), updated_at = ${now}::timestamp(3), webhook_wait = NULL
        FROM teams t
       WHERE s.team_id = t.id AND s.status = 'queued'
         AND t.fallback_team_id IS NOT NULL AND t.fallback_after_minutes IS NOT NULL AND t.fallback_team_id <> t.id
         AND coalesce(s.fallback_at, s.queued_at) <= ${now}::timestamp(3) - make_interval(mins => t.fallback_after_minutes)
      RETURNING s.id AS session_id, t.id AS from_team_id, s.team_id AS to_team_id`;
    for (const move of moved) {
      await recordAuditEvent(scope.tx, SYSTEM_ACTOR, {
        action: "session.team_fallback",
        targetType: "session",
        targetId: move.session_id,
        data: { from_team_id: move.from_team_id, to_team_id: move.to_team_id },
      });
    }
    if (moved.length > 0) {
      scope.queueChanged = true;
      scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "team_fallback", session_ids: moved.map((m) => m.session_id) } });
      await drainQueue(scope);
    }
    return { moved: moved.map((m) => ({ sessionId: m.session_id, fromTeamId: m.from_team_id, toTeamId: m.to_team_id })) };
  });
}
