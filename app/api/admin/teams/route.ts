// GET /api/admin/teams – every team with members, hours, limits, fallback and queue length; POST – create one (admin)
import { ok, route } from "@/lib/route/handler";
import { getAdminTeams, postAdminTeams } from "@/lib/openapi/teams/teams-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { createTeam, listTeams } from "@/lib/teams/manage-teams";

export const GET = route(getAdminTeams, async () => ok(await listTeams(), 200, { "Cache-Control": "no-store" }));

export const POST = route(postAdminTeams, async ({ body, principal }) => ok(await createTeam(body, actorOf(principal, SYSTEM_ACTOR)), 201));
