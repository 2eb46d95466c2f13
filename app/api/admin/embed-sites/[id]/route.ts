// DELETE /api/admin/embed-sites/{id} – revoke a site's secret: its identity tokens stop verifying at once (admin);
// PATCH – the team that serves the chats it opens
import { ok, route } from "@/lib/route/handler";
import { deleteAdminEmbedSitesId, patchAdminEmbedSitesId } from "@/lib/openapi/embed/embed-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { revokeEmbedSite, updateEmbedSite } from "@/lib/embed/manage-embed-sites";

export const DELETE = route(deleteAdminEmbedSitesId, async ({ params, principal }) =>
  ok(await revokeEmbedSite(params.id, actorOf(principal, SYSTEM_ACTOR))),
);

export const PATCH = route(patchAdminEmbedSitesId, async ({ params, body, principal }) =>
  ok(await updateEmbedSite(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);
