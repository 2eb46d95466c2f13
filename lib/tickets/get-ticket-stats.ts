import "server-only";
import { prisma } from "@/lib/db/client";
import { startOfDayInZone } from "@/lib/rules/time-buckets";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { TICKET_STATUSES } from "@/lib/tickets/ticket-schemas";
import { PRIORITIES } from "@/lib/schemas/common";

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** GET /api/tickets/admin/stats: the desk's ticket numbers now ("today" in the business-hours time zone). */
export async function getTicketStats(now = new Date()) {
  const rules = await getEscalationRules();
  const today = startOfDayInZone(now, rules.business_hours.timezone);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [byStatus, byPriority, createdToday, createdWeek, overdue, breached, times] = await Promise.all([
    prisma.ticket.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.ticket.groupBy({ by: ["priority"], where: { status: { in: ["open", "pending"] } }, _count: { _all: true } }),
    prisma.ticket.count({ where: { createdAt: { gte: today } } }),
    prisma.ticket.count({ where: { createdAt: { gte: weekAgo } } }),
    prisma.ticket.count({ where: { firstResponseAt: null, status: { in: ["open", "pending"] }, dueAt: { lte: now } } }),
    prisma.ticket.count({ where: { slaBreachedAt: { not: null }, createdAt: { gte: weekAgo } } }),
    // SLA compliance over the tickets whose outcome is known: answered in time, or late / still unanswered past due.
    prisma.$queryRaw<{ avg_first: number | null; avg_resolution: number | null; met: bigint; missed: bigint }[]>`
      SELECT avg(extract(epoch FROM first_response_at - created_at))::float8 AS avg_first,
             (avg(extract(epoch FROM resolved_at - created_at)) FILTER (WHERE resolved_at IS NOT NULL))::float8 AS avg_resolution,
             count(*) FILTER (WHERE first_response_at <= due_at) AS met,
             count(*) FILTER (WHERE first_response_at > due_at OR (first_response_at IS NULL AND due_at <= ${now})) AS missed
        FROM tickets
       WHERE created_at >= ${weekAgo}`,
  ]);
  const status = Object.fromEntries(TICKET_STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?._count._all ?? 0]));
  const priority = Object.fromEntries(PRIORITIES.map((p) => [p, byPriority.find((r) => r.priority === p)?._count._all ?? 0]));
  const t = times[0];
  const minutes = (seconds: number | null) => (seconds == null ? null : Math.round((seconds / 60) * 10) / 10);
  return {
    total: Object.values(status).reduce((a, b) => a + b, 0),
    by_status: status,
    /** Open and pending tickets, by priority. */
    by_priority: priority,
    created_today: createdToday,
    created_last_7_days: createdWeek,
    overdue,
    sla_breaches_last_7_days: breached,
    avg_first_response_minutes: minutes(t.avg_first),
    avg_resolution_minutes: minutes(t.avg_resolution),
    /** Percent of tickets created in the last 7 days that got their first response in time (of those decided). */
    sla_compliance_last_7_days: percent(Number(t.met), Number(t.met) + Number(t.missed)),
    generated_at: now.toISOString(),
  };
}
