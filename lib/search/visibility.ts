import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { isSupervisor, operatorIdOf, type Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { DEFAULT_TEAM_ID } from "@/lib/schemas/teams";

/**
 * Who is looking, as the search and contact queries need it. Admins, admin API keys and supervisors see everything; an
 * operator sees conversations and tickets assigned to them or to one of the teams an admin put them in (issue 15).
 * The default team, which every operator is in, grants nothing: a desk without teams keeps each operator to their
 * own conversations and tickets.
 */
export interface Viewer {
  admin: boolean;
  operatorId: string | null;
  teamIds: string[];
}

export async function viewerOf(principal: Principal): Promise<Viewer> {
  const operatorId = operatorIdOf(principal);
  // Supervisors may open any chat (the floor view): they find everything, as admins do.
  const admin = isSupervisor(principal);
  const teams = operatorId && !admin ? await prisma.teamMember.findMany({ where: { operatorId, teamId: { not: DEFAULT_TEAM_ID } }, select: { teamId: true } }) : [];
  return { admin, operatorId, teamIds: teams.map((t) => t.teamId) };
}

const NOBODY = "__nobody__";

/** A chat session row (alias `s`, may be NULL from a LEFT JOIN) the viewer may see. */
export function sessionVisible(viewer: Viewer, alias = "s"): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  return Prisma.sql`(${Prisma.raw(`${alias}.operator_id`)} = ${viewer.operatorId ?? NOBODY} OR ${Prisma.raw(`${alias}.team_id`)} = ANY(${viewer.teamIds}::text[]))`;
}

/** A ticket row (alias `t`, may be NULL from a LEFT JOIN) the viewer may see. */
export function ticketVisible(viewer: Viewer, alias = "t"): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  return Prisma.sql`(${Prisma.raw(`${alias}.assignee_id`)} = ${viewer.operatorId ?? NOBODY} OR ${Prisma.raw(`${alias}.team_id`)} = ANY(${viewer.teamIds}::text[]))`;
}

/**
 * The keys sportello_visibility_keys (prisma/migrations/*_message_visibility_keys) gives these operators and teams:
 * what a message's visible_to holds for its owners, and what a viewer or a filter looks for in it.
 */
const visibilityKeys = (operatorIds: (string | null)[], teamIds: string[]) =>
  Prisma.sql`sportello_visibility_keys(${operatorIds}::text[], ${teamIds}::text[])`;

/**
 * A message row (alias `m`) the viewer may see: the same rule as sessionVisible on its session OR ticketVisible on
 * its ticket, read from the keys that triggers keep on the row, so the GIN index over (search_vector, visible_to)
 * applies it together with the full-text match.
 */
export function messageVisible(viewer: Viewer, alias = "m"): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(`${alias}.visible_to`)} && ${visibilityKeys([viewer.operatorId], viewer.teamIds)}`;
}

/** A message (alias `m`) of a session or ticket assigned to this operator, or of this team's: the search filters. */
export function messageOwnedBy(owner: { operatorId?: string; teamId?: string }, alias = "m"): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}.visible_to`)} @> ${visibilityKeys(owner.operatorId ? [owner.operatorId] : [], owner.teamId ? [owner.teamId] : [])}`;
}

/** A contact (alias `c`) the viewer may see: one of its conversations or tickets is theirs. */
export function contactVisible(viewer: Viewer, alias = "c"): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  const id = Prisma.raw(`${alias}.id`);
  return Prisma.sql`(EXISTS (SELECT 1 FROM chat_sessions vs WHERE vs.contact_id = ${id} AND ${sessionVisible(viewer, "vs")})
    OR EXISTS (SELECT 1 FROM tickets vt WHERE vt.contact_id = ${id} AND ${ticketVisible(viewer, "vt")}))`;
}
