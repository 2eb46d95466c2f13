// GET /api/admin/embed-sites – sites that may sign visitor identities (never their secrets); POST – register one, secret shown once (admin)
import { ok, route } from "@/lib/route/handler";
import { getAdminEmbedSites, postAdminEmbedSites } from "@/lib/openapi/embed/embed-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { createEmbedSite, listEmbedSites } from "@/lib/embed/manage-embed-sites";

export const GET = route(getAdminEmbedSites, async () => ok(await listEmbedSites(), 200, { "Cache-Control": "no-store" }));

export const POST = route(postAdminEmbedSites, async ({ body, principal }) =>
  ok(await createEmbedSite(body, actorOf(principal, SYSTEM_ACTOR)), 201, { "Cache-Control": "no-store" }),
);
