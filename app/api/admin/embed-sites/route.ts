// GET /api/admin/embed-sites – sites that may sign visitor identities (never their secrets); POST – register one, secret shown once (admin)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { createEmbedSiteBody } from "@/lib/embed/embed-site-schemas";
import { createEmbedSite, listEmbedSites } from "@/lib/embed/manage-embed-sites";

export const GET = route({ auth: "admin" }, async () => ok(await listEmbedSites(), 200, { "Cache-Control": "no-store" }));

export const POST = route({ auth: "admin", body: createEmbedSiteBody }, async ({ body, principal }) =>
  ok(await createEmbedSite(body, actorOf(principal, SYSTEM_ACTOR)), 201, { "Cache-Control": "no-store" }),
);
