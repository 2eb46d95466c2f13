import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

const WEEKS = 12;

// A rating belongs to the team of the chat or ticket it rates (a ticket opened from a chat has the chat's team).
const ratingTeam = Prisma.sql`coalesce(s.team_id, t.team_id)`;
const rated = Prisma.sql`conversation_ratings r LEFT JOIN chat_sessions s ON s.id = r.session_id LEFT JOIN tickets t ON t.id = r.ticket_id`;

/** Ratings per team over the last 30 days, every team that has any: the figures GET /api/chat/stats and the overview show. */
export async function csatByTeam(now: Date) {
  const rows = await prisma.$queryRaw<{ team_id: string; name: string; responses: bigint; average: number; satisfied: number }[]>`
    SELECT tm.id AS team_id, tm.name, count(*) AS responses, avg(r.score)::float8 AS average, avg((r.score >= 4)::int)::float8 AS satisfied
      FROM ${rated} JOIN teams tm ON tm.id = ${ratingTeam}
     WHERE r.created_at > ${now}::timestamp(3) - interval '30 days' AND r.created_at <= ${now}::timestamp(3)
     GROUP BY tm.id, tm.name ORDER BY count(*) DESC, tm.name`;
  return rows.map((row) => ({
    team_id: row.team_id,
    name: row.name,
    responses: Number(row.responses),
    average_score: Number(row.average.toFixed(2)),
    satisfied_ratio: Number(row.satisfied.toFixed(3)),
  }));
}

/**
 * The admin's view of satisfaction: week by week over the last 12 weeks, per operator (the operator who handled the
 * chat or was assigned the ticket when it was rated) and per team over the last 30 days. `teamId` narrows the weeks
 * and the operators to one team's conversations.
 */
export async function getCsatOverview(now: Date = new Date(), teamId?: string) {
  const team = teamId ? Prisma.sql`AND ${ratingTeam} = ${teamId}` : Prisma.empty;
  const [byWeek, byOperator, byTeam] = await Promise.all([
    prisma.$queryRaw<{ week: Date; responses: bigint; average: number }[]>`
      SELECT date_trunc('week', r.created_at) AS week, count(*) AS responses, avg(r.score)::float8 AS average
        FROM ${rated}
       WHERE r.created_at > ${now}::timestamp(3) - make_interval(weeks => ${WEEKS}::int) AND r.created_at <= ${now}::timestamp(3) ${team}
       GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<{ operator_id: string; name: string; responses: bigint; average: number; satisfied: number }[]>`
      SELECT r.operator_id, o.name, count(*) AS responses, avg(r.score)::float8 AS average, avg((r.score >= 4)::int)::float8 AS satisfied
        FROM ${rated} JOIN operators o ON o.id = r.operator_id
       WHERE r.created_at > ${now}::timestamp(3) - interval '30 days' AND r.created_at <= ${now}::timestamp(3) ${team}
       GROUP BY r.operator_id, o.name ORDER BY count(*) DESC, o.name`,
    csatByTeam(now),
  ]);
  return {
    team_id: teamId ?? null,
    by_week: byWeek.map((w) => ({ week: w.week.toISOString().slice(0, 10), responses: Number(w.responses), average_score: Number(w.average.toFixed(2)) })),
    by_operator: byOperator.map((o) => ({
      operator_id: o.operator_id,
      name: o.name,
      responses: Number(o.responses),
      average_score: Number(o.average.toFixed(2)),
      satisfied_ratio: Number(o.satisfied.toFixed(3)),
    })),
    by_team: byTeam,
  };
}
