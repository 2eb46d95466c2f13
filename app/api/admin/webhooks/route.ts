// GET /api/admin/webhooks – list endpoints (never their secrets); POST – register one, its secret shown once (admin)
import { ok, route } from "@/lib/route/handler";
import { getAdminWebhooks, postAdminWebhooks } from "@/lib/openapi/webhooks/webhooks-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";

export const GET = route(getAdminWebhooks, async () => ok(await listWebhookEndpoints()));

export const POST = route(postAdminWebhooks, async ({ body, principal }) =>
  ok(await createWebhookEndpoint(body, actorOf(principal, SYSTEM_ACTOR)), 201, { "Cache-Control": "no-store" }),
);
