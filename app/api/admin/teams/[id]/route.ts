// GET/PATCH /api/admin/teams/{id} – one team, change it; DELETE – remove it, its waiting sessions move to the default team (admin)
import { ok, route } from "@/lib/route/handler";
import { deleteAdminTeamsId, getAdminTeamsId, patchAdminTeamsId } from "@/lib/openapi/teams/teams-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { deleteTeam, getTeamOrThrow, updateTeam } from "@/lib/teams/manage-teams";

export const GET = route(getAdminTeamsId, async ({ params }) => ok(await getTeamOrThrow(params.id), 200, { "Cache-Control": "no-store" }));

export const PATCH = route(patchAdminTeamsId, async ({ params, body, principal }) =>
  ok(await updateTeam(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route(deleteAdminTeamsId, async ({ params, principal }) => ok(await deleteTeam(params.id, actorOf(principal, SYSTEM_ACTOR))));
