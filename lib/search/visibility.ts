import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { Principal } from "@/lib/auth/principal";

/**
 * Who is looking, as the search and contact queries need it. Admins (and admin API keys) see everything; an
 * operator sees conversations and tickets assigned to them. Teams do not exist yet: when they do, `teamIds` is
 * filled and each predicate below gains one `OR <alias>.team_id = ANY(teamIds)` clause, and nothing else changes.
 */
export interface Viewer {
  admin: boolean;
  operatorId: string | null;
  teamIds: string[];
}

export function viewerOf(principal: Principal): Viewer {
  return {
    admin: principal.role === "admin",
    operatorId: principal.kind === "operator" ? principal.operatorId : null,
    teamIds: [],
  };
}

const NOBODY = "__nobody__";

/** A chat session row (alias `s`, may be NULL from a LEFT JOIN) the viewer may see. */
export function sessionVisible(viewer: Viewer, alias = "s"): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(`${alias}.operator_id`)} = ${viewer.operatorId ?? NOBODY}`;
}

/** A ticket row (alias `t`, may be NULL from a LEFT JOIN) the viewer may see. */
export function ticketVisible(viewer: Viewer, alias = "t"): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(`${alias}.assignee_id`)} = ${viewer.operatorId ?? NOBODY}`;
}

/** A contact (alias `c`) the viewer may see: one of its conversations or tickets is theirs. */
export function contactVisible(viewer: Viewer, alias = "c"): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  const id = Prisma.raw(`${alias}.id`);
  return Prisma.sql`(EXISTS (SELECT 1 FROM chat_sessions vs WHERE vs.contact_id = ${id} AND ${sessionVisible(viewer, "vs")})
    OR EXISTS (SELECT 1 FROM tickets vt WHERE vt.contact_id = ${id} AND ${ticketVisible(viewer, "vt")}))`;
}
