// GET /api/admin/api-keys – list keys (never their values); POST – create a chatbot/admin key, shown once (admin)
import { ok, route } from "@/lib/route/handler";
import { getAdminKeys, postAdminKeys } from "@/lib/openapi/admin/admin-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createApiKey, listApiKeys } from "@/lib/admin/manage-api-keys";

export const GET = route(getAdminKeys, async () => ok(await listApiKeys()));

export const POST = route(postAdminKeys, async ({ body, principal }) =>
  ok(await createApiKey(body, actorOf(principal, SYSTEM_ACTOR)), 201, { "Cache-Control": "no-store" }),
);
