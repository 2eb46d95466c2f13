import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";

export const ETA_WINDOW_DAYS = 7;

interface AccuracyRow {
  priority: string | null;
  team: string | null;
  served: bigint;
  median_abs_error: number | null;
  within: number | null;
}

export interface EtaAccuracy {
  window_days: number;
  served: number;
  median_abs_error_minutes: number | null;
  within_promise_ratio: number | null;
}

function toAccuracy(row: AccuracyRow | undefined): EtaAccuracy {
  const round = (v: number | null | undefined, digits: number) => (v == null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));
  return {
    window_days: ETA_WINDOW_DAYS,
    served: Number(row?.served ?? 0),
    median_abs_error_minutes: round(row?.median_abs_error, 1),
    within_promise_ratio: round(row?.within, 3),
  };
}

/**
 * How good the queue's promises were over the last 7 days: for every customer an operator took from the queue, the
 * wait promised when they were queued against the wait they got. Overall, per priority and per team (by slug: each
 * team's queue promises from its own handle times and seats).
 */
export async function getEtaAccuracy(db: Tx | typeof prisma = prisma, now: Date = new Date()) {
  const rows = await db.$queryRaw<AccuracyRow[]>`
    SELECT s.priority::text AS priority, t.slug AS team, count(*) AS served,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(s.waited_seconds / 60.0 - s.promised_wait_minutes))::float8 AS median_abs_error,
           avg((s.waited_seconds <= s.promised_wait_minutes * 60)::int)::float8 AS within
      FROM chat_sessions s JOIN teams t ON t.id = s.team_id
     WHERE s.promised_wait_minutes IS NOT NULL AND s.waited_seconds IS NOT NULL
       AND s.assigned_at > ${now}::timestamp(3) - make_interval(days => ${ETA_WINDOW_DAYS}::int) AND s.assigned_at <= ${now}::timestamp(3)
     GROUP BY GROUPING SETS ((s.priority), (t.slug), ())`;
  const strip = ({ served, median_abs_error_minutes, within_promise_ratio }: EtaAccuracy) => ({ served, median_abs_error_minutes, within_promise_ratio });
  const overall = rows.find((r) => r.priority === null && r.team === null);
  const byPriority = Object.fromEntries(
    (["low", "medium", "high", "urgent"] as const).map((p) => [p, strip(toAccuracy(rows.find((r) => r.priority === p)))]),
  ) as Record<"low" | "medium" | "high" | "urgent", Omit<EtaAccuracy, "window_days">>;
  const byTeam: Record<string, Omit<EtaAccuracy, "window_days">> = Object.fromEntries(
    rows.filter((r) => r.team !== null).map((r) => [r.team!, strip(toAccuracy(r))]),
  );
  return { ...toAccuracy(overall), by_priority: byPriority, by_team: byTeam };
}
