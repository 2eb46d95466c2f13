import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Tx } from "@/lib/db/client";

/** Makes an operator a member of exactly these teams (slugs); an unknown slug is the caller's mistake. */
export async function setOperatorTeams(tx: Tx, operatorId: string, slugs: string[]): Promise<void> {
  const wanted = [...new Set(slugs)];
  const teams = await tx.team.findMany({ where: { slug: { in: wanted } }, select: { id: true, slug: true } });
  if (teams.length !== wanted.length) {
    const known = new Set(teams.map((t) => t.slug));
    throw new ApiError("VALIDATION_ERROR", "Unknown team in teams", { details: { field: "teams", unknown: wanted.filter((slug) => !known.has(slug)) } });
  }
  const ids = teams.map((t) => t.id);
  await tx.teamMember.deleteMany({ where: { operatorId, teamId: { notIn: ids } } });
  await tx.teamMember.createMany({ data: ids.map((teamId) => ({ teamId, operatorId })), skipDuplicates: true });
}
