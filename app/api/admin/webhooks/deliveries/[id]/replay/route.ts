// POST /api/admin/webhooks/deliveries/{id}/replay – send a delivery again (same event id) (admin)
import { ok, route } from "@/lib/route/handler";
import { postAdminWebhooksDeliveriesIdReplay } from "@/lib/openapi/webhooks/webhooks-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { replayWebhookDelivery } from "@/lib/webhooks/manage-webhook-endpoints";

export const POST = route(postAdminWebhooksDeliveriesIdReplay, async ({ params, principal }) =>
  ok(await replayWebhookDelivery(params.id, actorOf(principal, SYSTEM_ACTOR)), 202),
);
