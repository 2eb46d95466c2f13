// DELETE /api/admin/embed-sites/{id} – revoke a site's secret: its identity tokens stop verifying at once (admin);
// PATCH – the team that serves the chats it opens
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { embedSiteParams, updateEmbedSiteBody } from "@/lib/embed/embed-site-schemas";
import { revokeEmbedSite, updateEmbedSite } from "@/lib/embed/manage-embed-sites";

export const DELETE = route({ auth: "admin", params: embedSiteParams }, async ({ params, principal }) =>
  ok(await revokeEmbedSite(params.id, actorOf(principal, SYSTEM_ACTOR))),
);

export const PATCH = route({ auth: "admin", params: embedSiteParams, body: updateEmbedSiteBody }, async ({ params, body, principal }) =>
  ok(await updateEmbedSite(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);
