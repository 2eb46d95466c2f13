// GET /api/admin/webhooks – list endpoints (never their secrets); POST – register one, its secret shown once (admin)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { createWebhookBody } from "@/lib/schemas/webhooks";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";

export const GET = route({ auth: "admin" }, async () => ok(await listWebhookEndpoints()));

export const POST = route({ auth: "admin", body: createWebhookBody }, async ({ body, principal }) =>
  ok(await createWebhookEndpoint(body, actorOf(principal, SYSTEM_ACTOR)), 201, { "Cache-Control": "no-store" }),
);
