import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ApiError } from "@/lib/api/errors";
import { businessHoursSchema, type EscalationRules } from "@/lib/schemas/escalation-rules";
import { DEFAULT_TEAM_ID } from "@/lib/schemas/teams";

/** What routing needs of a team: who it is and the limits it sets for itself. */
export interface RoutingTeam {
  id: string;
  slug: string;
  name: string;
  businessHours: unknown;
  maxQueueLength: number | null;
  maxQueueWaitMinutes: number | null;
}

/** The RoutingTeam columns of `teams t`, for the statements that read a team with other things. */
export const ROUTING_TEAM_COLUMNS = Prisma.sql`t.id, t.slug, t.name, t.business_hours AS "businessHours",
  t.max_queue_length AS "maxQueueLength", t.max_queue_wait_minutes AS "maxQueueWaitMinutes"`;

/** The team a caller named by slug or id, or the default team when it named none, as an SQL condition on `t`. */
export function teamMatch(ref: string | null | undefined): { key: string | undefined; where: Prisma.Sql } {
  const key = ref?.trim();
  return { key, where: key ? Prisma.sql`(t.slug = ${key.toLowerCase()} OR t.id = ${key})` : Prisma.sql`t.id = ${DEFAULT_TEAM_ID}` };
}

/**
 * The team a caller named by slug or id, or the default team when it named none. An unknown team is the caller's
 * mistake (400, field `team`), never a silent fallback to the default queue.
 */
export async function resolveTeam(db: Tx | typeof prisma, ref: string | null | undefined): Promise<RoutingTeam> {
  const { key, where } = teamMatch(ref);
  const [team] = await db.$queryRaw<RoutingTeam[]>`SELECT ${ROUTING_TEAM_COLUMNS} FROM teams t WHERE ${where} LIMIT 1`;
  if (!team) throw unknownTeam(key);
  return team;
}

/** An unknown team is the caller's mistake (400, field `team`), never a silent fallback to the default queue. */
export function unknownTeam(key: string | undefined): ApiError {
  return new ApiError("VALIDATION_ERROR", `Unknown team "${key}"`, { details: { field: "team", team: key } });
}

/** The team a `?team=` filter of a statistics read names, as its id; no filter → every team (undefined). */
export async function teamFilterId(ref: string | undefined): Promise<string | undefined> {
  return ref ? (await resolveTeam(prisma, ref)).id : undefined;
}

/** The team a channel entry point names: an embedding site's, or the WhatsApp number's the message was sent to. */
export async function teamOfEntryPoint(db: Tx | typeof prisma, entry: { embedSiteId?: string | null; whatsappTo?: string | null }): Promise<string | null> {
  if (entry.embedSiteId) {
    return (await db.embedSite.findUnique({ where: { id: entry.embedSiteId }, select: { teamId: true } }))?.teamId ?? null;
  }
  if (entry.whatsappTo) {
    const number = entry.whatsappTo.replace(/^whatsapp:/, "");
    return (await db.team.findUnique({ where: { whatsappNumber: number }, select: { id: true } }))?.id ?? null;
  }
  return null;
}

/**
 * The escalation rules as they apply to one team: its own business hours, holidays, queue length and queue wait
 * where it set them, the desk-wide rules for the rest.
 */
export function teamRules(rules: EscalationRules, team: Pick<RoutingTeam, "businessHours" | "maxQueueLength" | "maxQueueWaitMinutes">): EscalationRules {
  const hours = team.businessHours == null ? null : businessHoursSchema.safeParse(team.businessHours);
  return {
    ...rules,
    business_hours: hours?.success ? hours.data : rules.business_hours,
    max_queue_length: team.maxQueueLength ?? rules.max_queue_length,
    max_queue_wait_minutes: team.maxQueueWaitMinutes ?? rules.max_queue_wait_minutes,
  };
}
