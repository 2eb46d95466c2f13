import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { rangeBuckets, type Range } from "@/lib/rules/time-buckets";
import { capacity } from "@/lib/routing/queue";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { TICKET_STATUSES } from "@/lib/tickets/ticket-schemas";
import { PRIORITIES } from "@/lib/schemas/common";

interface Row {
  key: string;
  [column: string]: unknown;
}

const num = (value: unknown): number | null => (value == null ? null : Number(value));
const minutes = (seconds: number | null) => (seconds == null ? null : seconds / 60);
const round = (value: number | null, digits = 1) => (value == null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * Rows grouped by the local hour or day of `column` (stored as UTC timestamps), keyed like bucketKey(): the unit and
 * format come from a fixed list, never from input, so building them into the SQL is safe.
 */
function bucketExpr(column: string, unit: "hour" | "day", timeZone: string): Prisma.Sql {
  const format = unit === "hour" ? "YYYY-MM-DD HH24" : "YYYY-MM-DD";
  return Prisma.sql`to_char(date_trunc(${Prisma.raw(`'${unit}'`)}, (${Prisma.raw(column)} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}), ${Prisma.raw(`'${format}'`)})`;
}

/**
 * The admin overview: the live desk (operators, queue, chats) and, per hour (24 h) or day (7 / 30 days), requests for
 * an operator (chats and those ticketed at once), sessions,
 * average queue wait, chat first response, tickets, resolution time and SLA compliance; tickets by status and priority.
 */
export async function getDashboardMetrics(range: Range, now = new Date(), teamId?: string) {
  const rules = await getEscalationRules();
  // Filtered by team (issue 12): its sessions and tickets, its members, its queue and seats.
  const onTeam = teamId ? Prisma.sql` AND team_id = ${teamId}` : Prisma.empty;
  const teamWhere = teamId ? { teamId } : {};
  const memberWhere = teamId ? { teams: { some: { teamId } } } : {};
  const timeZone = rules.business_hours.timezone;
  const { unit, from, buckets } = rangeBuckets(range, now, timeZone);
  const b = (column: string) => bucketExpr(column, unit, timeZone);

  // When a ticket's first-response target was decided: met at the first response, missed when the target passed.
  const slaDecidedAt = "CASE WHEN first_response_at <= due_at THEN first_response_at ELSE due_at END";
  const [seats, operators, roster, queue, sessions, escalatedTickets, waits, firstResponses, tickets, resolutions, sla, byStatus, byPriority, overdue] = await Promise.all([
    capacity(prisma, teamId),
    prisma.operator.groupBy({ by: ["status"], where: { active: true, ...memberWhere }, _count: { _all: true } }),
    prisma.operator.findMany({
      where: { active: true, status: { in: ["online", "away"] }, ...memberWhere },
      orderBy: [{ status: "asc" }, { name: "asc" }],
      select: { id: true, name: true, status: true, maxChats: true, _count: { select: { sessions: { where: { status: "active" } } } } },
    }),
    prisma.chatSession.aggregate({ where: { status: "queued", ...teamWhere }, _count: { _all: true }, _min: { queuedAt: true } }),
    prisma.$queryRaw<Row[]>`
      SELECT ${b("created_at")} AS key, count(*) AS sessions,
             count(*) FILTER (WHERE status = 'ticketed') AS ticketed
        FROM chat_sessions WHERE created_at >= ${from}${onTeam} GROUP BY 1`,
    // Requests for an operator that became a ticket at once (nobody online, after hours, queue full): no session.
    prisma.$queryRaw<Row[]>`
      SELECT ${b("t.created_at")} AS key, count(*) AS escalated
        FROM tickets t
       WHERE t.created_at >= ${from} AND t.session_id IS NULL${teamId ? Prisma.sql` AND t.team_id = ${teamId}` : Prisma.empty}
         AND EXISTS (SELECT 1 FROM audit_events a
                      WHERE a.target_type = 'ticket' AND a.target_id = t.id AND a.action = 'ticket.created'
                        AND a.data->>'reason' IN ('no_operators', 'after_hours', 'queue_full'))
       GROUP BY 1`,
    prisma.$queryRaw<Row[]>`
      SELECT ${b("assigned_at")} AS key, avg(extract(epoch FROM assigned_at - queued_at))::float8 AS avg_wait
        FROM chat_sessions WHERE assigned_at >= ${from}${onTeam} GROUP BY 1`,
    prisma.$queryRaw<Row[]>`
      SELECT ${b("first_response_at")} AS key, avg(extract(epoch FROM first_response_at - assigned_at))::float8 AS avg_first_response
        FROM chat_sessions WHERE first_response_at >= ${from} AND assigned_at IS NOT NULL${onTeam} GROUP BY 1`,
    prisma.$queryRaw<Row[]>`
      SELECT ${b("created_at")} AS key, count(*) AS tickets FROM tickets WHERE created_at >= ${from}${onTeam} GROUP BY 1`,
    prisma.$queryRaw<Row[]>`
      SELECT ${b("resolved_at")} AS key, avg(extract(epoch FROM resolved_at - created_at))::float8 AS avg_resolution
        FROM tickets WHERE resolved_at >= ${from}${onTeam} GROUP BY 1`,
    // A ticket counts once its target is decided: answered in time (even before the target), or the target passed.
    prisma.$queryRaw<Row[]>`
      SELECT ${b(slaDecidedAt)} AS key,
             count(*) FILTER (WHERE first_response_at <= due_at) AS met,
             count(*) FILTER (WHERE first_response_at > due_at OR (first_response_at IS NULL AND status IN ('open', 'pending'))) AS missed
        FROM tickets
       WHERE (first_response_at <= due_at OR due_at <= ${now}) AND ${Prisma.raw(slaDecidedAt)} >= ${from}${onTeam}
       GROUP BY 1`,
    prisma.ticket.groupBy({ by: ["status"], where: teamWhere, _count: { _all: true } }),
    prisma.ticket.groupBy({ by: ["priority"], where: { status: { in: ["open", "pending"] }, ...teamWhere }, _count: { _all: true } }),
    prisma.ticket.count({ where: { firstResponseAt: null, status: { in: ["open", "pending"] }, dueAt: { lte: now }, ...teamWhere } }),
  ]);

  const index = (rows: Row[]) => new Map(rows.map((r) => [r.key, r]));
  const [s, e, w, f, t, r, l] = [sessions, escalatedTickets, waits, firstResponses, tickets, resolutions, sla].map(index);
  const series = buckets.map(({ key, start }) => {
    const met = num(l.get(key)?.met) ?? 0;
    const missed = num(l.get(key)?.missed) ?? 0;
    const chats = num(s.get(key)?.sessions) ?? 0;
    const ticketedAtOnce = num(e.get(key)?.escalated) ?? 0;
    return {
      key,
      start: start.toISOString(),
      /** Every request for an operator: chats (whatever became of them) plus those that became a ticket at once. */
      requests: chats + ticketedAtOnce,
      sessions: chats,
      sessions_ticketed: num(s.get(key)?.ticketed) ?? 0,
      requests_ticketed_at_once: ticketedAtOnce,
      avg_wait_seconds: round(num(w.get(key)?.avg_wait), 0),
      avg_first_response_seconds: round(num(f.get(key)?.avg_first_response), 0),
      tickets: num(t.get(key)?.tickets) ?? 0,
      avg_resolution_minutes: round(minutes(num(r.get(key)?.avg_resolution))),
      sla_met: met,
      sla_missed: missed,
      sla_compliance: met + missed === 0 ? null : round((met / (met + missed)) * 100),
    };
  });

  const operatorCount = (status: string) => operators.find((o) => o.status === status)?._count._all ?? 0;
  return {
    range,
    team: teamId ?? null,
    unit,
    time_zone: timeZone,
    generated_at: now.toISOString(),
    live: {
      operators_online: operatorCount("online"),
      operators_away: operatorCount("away"),
      operators_offline: operatorCount("offline"),
      seats_online: seats.seatsOnline,
      active_sessions: seats.activeSessions,
      queue_length: queue._count._all,
      longest_wait_seconds: queue._min.queuedAt ? Math.max(0, Math.round((now.getTime() - queue._min.queuedAt.getTime()) / 1000)) : null,
      overdue_tickets: overdue,
      /** Operators on duty (online or away) with their load. */
      operators: roster.map((o) => ({ id: o.id, name: o.name, status: o.status, active_chats: o._count.sessions, max_chats: o.maxChats })),
    },
    series,
    tickets_by_status: Object.fromEntries(TICKET_STATUSES.map((st) => [st, byStatus.find((x) => x.status === st)?._count._all ?? 0])),
    open_tickets_by_priority: Object.fromEntries(PRIORITIES.map((p) => [p, byPriority.find((x) => x.priority === p)?._count._all ?? 0])),
  };
}

export type DashboardMetrics = Awaited<ReturnType<typeof getDashboardMetrics>>;
