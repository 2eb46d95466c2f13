import "server-only";
import { prisma } from "@/lib/db/client";
import { csatByTeam } from "@/lib/csat/get-csat-overview";

export const CSAT_WINDOW_DAYS = 30;

/**
 * Satisfaction over the last 30 days: responses, the average score, and the share of 4s and 5s (the usual CSAT
 * figure), overall and `by_team`. Public aggregates only: no comments, no names of people.
 */
export async function getCsatStats(now: Date = new Date()) {
  const [rows, byTeam] = await Promise.all([
    prisma.$queryRaw<{ responses: bigint; average: number | null; satisfied: number | null }[]>`
    SELECT count(*) AS responses, avg(score)::float8 AS average, avg((score >= 4)::int)::float8 AS satisfied
      FROM conversation_ratings
     WHERE created_at > ${now}::timestamp(3) - make_interval(days => ${CSAT_WINDOW_DAYS}::int) AND created_at <= ${now}::timestamp(3)`,
    csatByTeam(now),
  ]);
  const r = rows[0];
  const round = (v: number | null, digits: number) => (v == null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));
  return { window_days: CSAT_WINDOW_DAYS, responses: Number(r.responses), average_score: round(r.average, 2), satisfied_ratio: round(r.satisfied, 3), by_team: byTeam };
}
