// GET /api/admin/api-keys – list keys (never their values); POST – create a chatbot/admin key, shown once (admin)
import { ok, route } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createApiKey, listApiKeys } from "@/lib/admin/manage-api-keys";
import { createApiKeyBody } from "@/lib/schemas/api-keys";

export const GET = route({ auth: "admin" }, async () => ok(await listApiKeys()));

export const POST = route({ auth: "admin", body: createApiKeyBody }, async ({ body, principal }) =>
  ok(await createApiKey(body, actorOf(principal, SYSTEM_ACTOR)), 201, { "Cache-Control": "no-store" }),
);
