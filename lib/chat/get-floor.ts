import "server-only";
import { prisma } from "@/lib/db/client";
import type { FloorView } from "@/lib/schemas/supervision";
import { DEFAULT_TEAM_ID } from "@/lib/schemas/teams";

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
const customerLabel = (c: { name: string | null; email: string | null; phone: string | null }) => c.name ?? c.email ?? c.phone ?? null;

/**
 * The supervisor's floor: the queue in routing order, every live chat with its waiting and response times, and
 * every operator's load. Only what a supervisor may see; notes stay out (they are read per chat).
 */
export async function getFloor(now = new Date()): Promise<FloorView> {
  const [teams, queued, active, awaiting, operators] = await Promise.all([
    prisma.team.findMany({ orderBy: [{ name: "asc" }], select: { id: true, slug: true, name: true } }),
    prisma.chatSession.findMany({
      where: { status: "queued" },
      orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }],
      take: 2000,
      select: { id: true, teamId: true, priority: true, channel: true, question: true, queuedAt: true, contact: { select: { name: true, email: true, phone: true } } },
    }),
    prisma.chatSession.findMany({
      where: { status: "active" },
      orderBy: { assignedAt: "asc" },
      take: 1000,
      select: {
        id: true,
        team: { select: { id: true, slug: true, name: true } },
        priority: true,
        channel: true,
        queuedAt: true,
        assignedAt: true,
        firstResponseAt: true,
        operator: { select: { id: true, name: true } },
        contact: { select: { name: true, email: true, phone: true } },
      },
    }),
    // The customer's oldest line after the operator side's last one: what still waits for an answer.
    prisma.$queryRaw<{ session_id: string; since: Date }[]>`
      SELECT s.id AS session_id, min(m.created_at) AS since
        FROM chat_sessions s
        JOIN messages m ON m.session_id = s.id AND m.sender = 'customer'
       WHERE s.status = 'active'
         AND m.seq > COALESCE((SELECT max(o.seq) FROM messages o WHERE o.session_id = s.id AND o.sender = 'operator'), 0)
       GROUP BY s.id`,
    prisma.$queryRaw<{ id: string; name: string; status: string; role: string; max_chats: number; active_chats: number }[]>`
      SELECT o.id, o.name, o.status::text AS status, o.role::text AS role, o.max_chats,
             (SELECT count(*) FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active')::int AS active_chats
        FROM operators o
       WHERE o.active
       ORDER BY o.status = 'online' DESC, o.name`,
  ]);
  const awaitingBySession = new Map(awaiting.map((row) => [row.session_id, row.since]));
  return {
    generated_at: now.toISOString(),
    // Every team's queue (the default team first), in routing order: positions are per team, as customers see them.
    queues: [...teams]
      .sort((a, b) => Number(b.id === DEFAULT_TEAM_ID) - Number(a.id === DEFAULT_TEAM_ID))
      .map((team) => ({
        team,
        sessions: queued
          .filter((s) => s.teamId === team.id)
          .map((s, index) => ({
            id: s.id,
            position: index + 1,
            priority: s.priority,
            channel: s.channel,
            question: s.question.slice(0, 200),
            customer: customerLabel(s.contact),
            queued_at: s.queuedAt.toISOString(),
            waiting_seconds: seconds(s.queuedAt, now),
          })),
      })),
    active: active.map((s) => ({
      id: s.id,
      team: s.team,
      operator: s.operator,
      priority: s.priority,
      channel: s.channel,
      customer: customerLabel(s.contact),
      queued_at: s.queuedAt.toISOString(),
      assigned_at: s.assignedAt?.toISOString() ?? null,
      waited_seconds: s.assignedAt ? seconds(s.queuedAt, s.assignedAt) : 0,
      first_response_seconds: s.assignedAt && s.firstResponseAt ? seconds(s.assignedAt, s.firstResponseAt) : null,
      awaiting_reply_since: awaitingBySession.get(s.id)?.toISOString() ?? null,
    })),
    operators: operators.map((o) => ({ id: o.id, name: o.name, status: o.status, role: o.role, active_chats: o.active_chats, max_chats: o.max_chats })),
  };
}
