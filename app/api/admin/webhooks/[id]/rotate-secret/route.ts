// POST /api/admin/webhooks/{id}/rotate-secret – a new secret, shown once; the old one signs too during the overlap (admin)
import { ok, route } from "@/lib/route/handler";
import { postAdminWebhooksIdRotateSecret } from "@/lib/openapi/webhooks/webhooks-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { rotateWebhookSecret } from "@/lib/webhooks/manage-webhook-endpoints";

export const POST = route(postAdminWebhooksIdRotateSecret, async ({ params, principal }) =>
  ok(await rotateWebhookSecret(params.id, actorOf(principal, SYSTEM_ACTOR)), 200, { "Cache-Control": "no-store" }),
);
