import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { EVENTS, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { drainQueue } from "@/lib/routing/assign-session";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { businessHoursSchema } from "@/lib/schemas/escalation-rules";
import { DEFAULT_TEAM_ID, type TeamBody, type TeamPatchBody, type TeamView } from "@/lib/schemas/teams";

const teamSelect = {
  id: true,
  name: true,
  slug: true,
  businessHours: true,
  maxQueueLength: true,
  maxQueueWaitMinutes: true,
  fallbackTeam: { select: { id: true, slug: true, name: true } },
  fallbackAfterMinutes: true,
  whatsappNumber: true,
  createdAt: true,
  updatedAt: true,
  members: { orderBy: { operator: { name: "asc" } }, select: { operator: { select: { id: true, name: true, status: true, skills: true } } } },
} satisfies Prisma.TeamSelect;
type TeamRow = Prisma.TeamGetPayload<{ select: typeof teamSelect }>;

function toTeamView(team: TeamRow, queued: number): TeamView {
  const hours = team.businessHours == null ? null : businessHoursSchema.safeParse(team.businessHours);
  return {
    id: team.id,
    name: team.name,
    slug: team.slug,
    is_default: team.id === DEFAULT_TEAM_ID,
    business_hours: hours?.success ? hours.data : null,
    max_queue_length: team.maxQueueLength,
    max_queue_wait_minutes: team.maxQueueWaitMinutes,
    fallback_team: team.fallbackTeam,
    fallback_after_minutes: team.fallbackAfterMinutes,
    whatsapp_number: team.whatsappNumber,
    members: team.members.map((m) => ({ id: m.operator.id, name: m.operator.name, status: m.operator.status, skills: m.operator.skills })),
    queued,
    created_at: team.createdAt.toISOString(),
    updated_at: team.updatedAt.toISOString(),
  };
}

async function queuedCount(db: Tx | typeof prisma, teamId: string): Promise<number> {
  return db.chatSession.count({ where: { teamId, status: "queued" } });
}

/** Every team with its members, limits and the sessions waiting in its queue; the default team first. */
export async function listTeams(): Promise<TeamView[]> {
  const [teams, queued] = await Promise.all([
    prisma.team.findMany({ select: teamSelect, orderBy: { name: "asc" } }),
    prisma.chatSession.groupBy({ by: ["teamId"], where: { status: "queued" }, _count: { _all: true } }),
  ]);
  const waiting = new Map(queued.map((row) => [row.teamId, row._count._all]));
  return teams
    .sort((a, b) => Number(b.id === DEFAULT_TEAM_ID) - Number(a.id === DEFAULT_TEAM_ID))
    .map((team) => toTeamView(team, waiting.get(team.id) ?? 0));
}

export async function getTeamOrThrow(id: string): Promise<TeamView> {
  const team = await prisma.team.findUnique({ where: { id }, select: teamSelect });
  if (!team) throw new ApiError("NOT_FOUND", "Team not found");
  return toTeamView(team, await queuedCount(prisma, id));
}

/** The fallback team named by slug or id: it must exist and must not lead back to the team itself. */
async function fallbackTeamId(tx: Tx, ref: string | null | undefined, selfId: string | null): Promise<string | null | undefined> {
  if (ref === undefined) return undefined;
  if (ref === null) return null;
  const target = await tx.team.findFirst({ where: { OR: [{ slug: ref.toLowerCase() }, { id: ref }] }, select: { id: true } });
  if (!target) throw new ApiError("VALIDATION_ERROR", `Unknown fallback team "${ref}"`, { details: { field: "fallback_team" } });
  // Follow the chain from the target: reaching this team again would bounce sessions between queues for ever.
  const seen = new Set<string>();
  for (let id: string | null = target.id; id && !seen.has(id); ) {
    if (id === selfId) throw new ApiError("VALIDATION_ERROR", "The fallback chain leads back to this team", { details: { field: "fallback_team" } });
    seen.add(id);
    id = (await tx.team.findUnique({ where: { id }, select: { fallbackTeamId: true } }))?.fallbackTeamId ?? null;
  }
  return target.id;
}

/** Replaces a team's members with these operators (ids); an unknown id is the caller's mistake. */
async function setMembers(tx: Tx, teamId: string, operatorIds: string[]): Promise<void> {
  const ids = [...new Set(operatorIds)];
  const found = await tx.operator.findMany({ where: { id: { in: ids } }, select: { id: true } });
  if (found.length !== ids.length) {
    const known = new Set(found.map((o) => o.id));
    throw new ApiError("VALIDATION_ERROR", "Unknown operator in members", { details: { field: "members", unknown: ids.filter((id) => !known.has(id)) } });
  }
  await tx.teamMember.deleteMany({ where: { teamId, operatorId: { notIn: ids } } });
  await tx.teamMember.createMany({ data: ids.map((operatorId) => ({ teamId, operatorId })), skipDuplicates: true });
}

function checkFallbackPair(fallback: string | null, after: number | null): void {
  if ((fallback === null) !== (after === null)) {
    throw new ApiError("VALIDATION_ERROR", "fallback_team and fallback_after_minutes go together", { details: { field: fallback === null ? "fallback_team" : "fallback_after_minutes" } });
  }
}

function hoursValue(hours: TeamBody["business_hours"]): Prisma.InputJsonValue | typeof Prisma.DbNull | undefined {
  if (hours === undefined) return undefined;
  return hours === null ? Prisma.DbNull : hours;
}

/**
 * Creates a team. Membership decides routing, so it runs under the routing lock and free seats of its members
 * take what they now may serve.
 */
export async function createTeam(input: TeamBody, actor: Actor): Promise<TeamView> {
  return inRoutingTransaction(async (scope) => {
    const { tx } = scope;
    const fallback = (await fallbackTeamId(tx, input.fallback_team, null)) ?? null;
    checkFallbackPair(fallback, input.fallback_after_minutes ?? null);
    const team = await tx.team.create({
      data: {
        name: input.name,
        slug: input.slug,
        businessHours: input.business_hours ?? undefined,
        maxQueueLength: input.max_queue_length ?? null,
        maxQueueWaitMinutes: input.max_queue_wait_minutes ?? null,
        fallbackTeamId: fallback,
        fallbackAfterMinutes: input.fallback_after_minutes ?? null,
        whatsappNumber: input.whatsapp_number ?? null,
      },
      select: { id: true },
    });
    if (input.members) await setMembers(tx, team.id, input.members);
    await recordAuditEvent(tx, actor, { action: "team.created", targetType: "team", targetId: team.id, data: { slug: input.slug, name: input.name } });
    await drainQueue(scope);
    return toTeamView(await tx.team.findUniqueOrThrow({ where: { id: team.id }, select: teamSelect }), 0);
  });
}

export async function updateTeam(id: string, input: TeamPatchBody, actor: Actor): Promise<TeamView> {
  return inRoutingTransaction(async (scope) => {
    const { tx } = scope;
    const current = await tx.team.findUnique({ where: { id }, select: { id: true, fallbackTeamId: true, fallbackAfterMinutes: true } });
    if (!current) throw new ApiError("NOT_FOUND", "Team not found");
    const fallback = await fallbackTeamId(tx, input.fallback_team, id);
    checkFallbackPair(
      fallback === undefined ? current.fallbackTeamId : fallback,
      input.fallback_after_minutes === undefined ? current.fallbackAfterMinutes : input.fallback_after_minutes,
    );
    await tx.team.update({
      where: { id },
      data: {
        name: input.name,
        slug: input.slug,
        businessHours: hoursValue(input.business_hours),
        maxQueueLength: input.max_queue_length,
        maxQueueWaitMinutes: input.max_queue_wait_minutes,
        fallbackTeamId: fallback,
        fallbackAfterMinutes: input.fallback_after_minutes,
        whatsappNumber: input.whatsapp_number,
      },
    });
    if (input.members) await setMembers(tx, id, input.members);
    await recordAuditEvent(tx, actor, { action: "team.updated", targetType: "team", targetId: id, data: { changes: input } });
    if (input.members) {
      // New members may serve this queue now; seats online change its estimates.
      await drainQueue(scope);
      scope.queueChanged = true;
      scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "team", team_id: id } });
    }
    return toTeamView(await tx.team.findUniqueOrThrow({ where: { id }, select: teamSelect }), await queuedCount(tx, id));
  });
}

/**
 * Deletes a team. Nothing waiting is lost: its queued sessions move to the default team keeping their arrival time
 * (so they keep their order there), its live chats and tickets are counted in the default team from now on; embed
 * sites and teams that pointed at it fall back to none. The default team cannot be deleted.
 */
export async function deleteTeam(id: string, actor: Actor): Promise<{ id: string; deleted: true; moved_sessions: number; moved_tickets: number }> {
  if (id === DEFAULT_TEAM_ID) throw new ApiError("INVALID_STATE", "The default team cannot be deleted");
  return inRoutingTransaction(async (scope) => {
    const { tx } = scope;
    const team = await tx.team.findUnique({ where: { id }, select: { id: true, slug: true } });
    if (!team) throw new ApiError("NOT_FOUND", "Team not found");
    const queued = await tx.chatSession.count({ where: { teamId: id, status: "queued" } });
    const sessions = await tx.chatSession.updateMany({ where: { teamId: id }, data: { teamId: DEFAULT_TEAM_ID } });
    const tickets = await tx.ticket.updateMany({ where: { teamId: id }, data: { teamId: DEFAULT_TEAM_ID } });
    await tx.team.delete({ where: { id } });
    await recordAuditEvent(tx, actor, { action: "team.deleted", targetType: "team", targetId: id, data: { slug: team.slug, moved_sessions: sessions.count, moved_tickets: tickets.count } });
    if (queued > 0) {
      scope.queueChanged = true;
      scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "team_deleted", team_id: id } });
      await drainQueue(scope);
    }
    return { id, deleted: true as const, moved_sessions: sessions.count, moved_tickets: tickets.count };
  });
}
