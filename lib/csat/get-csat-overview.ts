import "server-only";
import { prisma } from "@/lib/db/client";

const WEEKS = 12;

/**
 * The admin's view of satisfaction: week by week over the last 12 weeks, and per operator over the last 30 days
 * (the operator who handled the chat or was assigned the ticket when it was rated).
 */
export async function getCsatOverview(now: Date = new Date()) {
  const [byWeek, byOperator] = await Promise.all([
    prisma.$queryRaw<{ week: Date; responses: bigint; average: number }[]>`
      SELECT date_trunc('week', created_at) AS week, count(*) AS responses, avg(score)::float8 AS average
        FROM conversation_ratings
       WHERE created_at > ${now}::timestamp(3) - make_interval(weeks => ${WEEKS}::int) AND created_at <= ${now}::timestamp(3)
       GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<{ operator_id: string; name: string; responses: bigint; average: number; satisfied: number }[]>`
      SELECT r.operator_id, o.name, count(*) AS responses, avg(r.score)::float8 AS average, avg((r.score >= 4)::int)::float8 AS satisfied
        FROM conversation_ratings r JOIN operators o ON o.id = r.operator_id
       WHERE r.created_at > ${now}::timestamp(3) - interval '30 days' AND r.created_at <= ${now}::timestamp(3)
       GROUP BY r.operator_id, o.name ORDER BY count(*) DESC, o.name`,
  ]);
  return {
    by_week: byWeek.map((w) => ({ week: w.week.toISOString().slice(0, 10), responses: Number(w.responses), average_score: Number(w.average.toFixed(2)) })),
    by_operator: byOperator.map((o) => ({
      operator_id: o.operator_id,
      name: o.name,
      responses: Number(o.responses),
      average_score: Number(o.average.toFixed(2)),
      satisfied_ratio: Number(o.satisfied.toFixed(3)),
    })),
  };
}
