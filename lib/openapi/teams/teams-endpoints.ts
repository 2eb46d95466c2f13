// The teams API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { teamBody, teamParams, teamPatchBody, teamView } from "@/lib/schemas/teams";

export const getAdminTeams = defineEndpoint({
  method: "get",
  path: "/api/admin/teams",
  tag: "Teams",
  summary: "Teams with their members, hours, limits, fallback and waiting sessions",
  auth: "admin",
  success: { status: 200, description: "The teams, the default one first", payload: { kind: "data", list: true, name: "Team", schema: teamView } },
});

export const postAdminTeams = defineEndpoint({
  method: "post",
  path: "/api/admin/teams",
  tag: "Teams",
  summary: "Create a team (its own queue)",
  description:
    "A team has its own queue (per-team positions and estimates), members (operators may be in several; `max_chats` counts across all), optional business hours and holidays, queue length and maximum wait (unset: the desk's escalation rules), and an optional fallback team that a session still waiting after `fallback_after_minutes` moves to, keeping its arrival time. `members` are operator ids.",
  auth: "admin",
  body: { name: "TeamBody", schema: teamBody, examples: { billing: { summary: "Billing, falling back to the default team", value: { name: "Billing", slug: "billing", max_queue_length: 50, fallback_team: "default", fallback_after_minutes: 5 } } } },
  success: { status: 201, description: "The team", payload: { kind: "data", name: "Team", schema: teamView } },
  errors: ["CONFLICT"],
});

export const getAdminTeamsId = defineEndpoint({
  method: "get",
  path: "/api/admin/teams/{id}",
  tag: "Teams",
  summary: "One team",
  auth: "admin",
  params: teamParams,
  success: { status: 200, description: "The team", payload: { kind: "data", name: "Team", schema: teamView } },
});

export const patchAdminTeamsId = defineEndpoint({
  method: "patch",
  path: "/api/admin/teams/{id}",
  tag: "Teams",
  summary: "Change a team: name, slug, hours, limits, fallback, members",
  auth: "admin",
  params: teamParams,
  body: { name: "TeamPatchBody", schema: teamPatchBody, examples: { hours: { summary: "Its own queue limit", value: { max_queue_length: 20 } } } },
  success: { status: 200, description: "The team", payload: { kind: "data", name: "Team", schema: teamView } },
  errors: ["CONFLICT"],
});

export const deleteAdminTeamsId = defineEndpoint({
  method: "delete",
  path: "/api/admin/teams/{id}",
  tag: "Teams",
  summary: "Delete a team; its waiting sessions move to the default team keeping their arrival",
  description: "Nothing is lost: queued sessions join the default team's queue in their original order, live chats and tickets count in the default team from then on. The default team cannot be deleted (409 INVALID_STATE).",
  auth: "admin",
  params: teamParams,
  success: {
    status: 200,
    description: "What moved",
    payload: { kind: "data", name: "DeletedTeam", schema: z.object({ id: z.string(), deleted: z.literal(true), moved_sessions: z.number().int(), moved_tickets: z.number().int() }) },
  },
  errors: ["INVALID_STATE"],
});

/** In the order of the OpenAPI document. */
export const teamsEndpoints = [
  getAdminTeams,
  postAdminTeams,
  getAdminTeamsId,
  patchAdminTeamsId,
  deleteAdminTeamsId,
];
