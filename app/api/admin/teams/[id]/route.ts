// GET/PATCH /api/admin/teams/{id} – one team, change it; DELETE – remove it, its waiting sessions move to the default team (admin)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { deleteTeam, getTeamOrThrow, updateTeam } from "@/lib/teams/manage-teams";
import { teamParams, teamPatchBody } from "@/lib/schemas/teams";

export const GET = route({ auth: "admin", params: teamParams }, async ({ params }) => ok(await getTeamOrThrow(params.id), 200, { "Cache-Control": "no-store" }));

export const PATCH = route({ auth: "admin", params: teamParams, body: teamPatchBody }, async ({ params, body, principal }) =>
  ok(await updateTeam(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route({ auth: "admin", params: teamParams }, async ({ params, principal }) => ok(await deleteTeam(params.id, actorOf(principal, SYSTEM_ACTOR))));
