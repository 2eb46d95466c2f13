// GET /api/admin/teams – every team with members, hours, limits, fallback and queue length; POST – create one (admin)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { createTeam, listTeams } from "@/lib/teams/manage-teams";
import { teamBody } from "@/lib/schemas/teams";

export const GET = route({ auth: "admin" }, async () => ok(await listTeams(), 200, { "Cache-Control": "no-store" }));

export const POST = route({ auth: "admin", body: teamBody }, async ({ body, principal }) => ok(await createTeam(body, actorOf(principal, SYSTEM_ACTOR)), 201));
