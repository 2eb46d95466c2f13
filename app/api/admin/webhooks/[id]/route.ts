// PATCH /api/admin/webhooks/{id} – change url, events, active; DELETE – remove the endpoint and its log (admin)
import { ok, route } from "@/lib/route/handler";
import { deleteAdminWebhooksId, patchAdminWebhooksId } from "@/lib/openapi/webhooks/webhooks-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";

export const PATCH = route(patchAdminWebhooksId, async ({ params, body, principal }) =>
  ok(await updateWebhookEndpoint(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route(deleteAdminWebhooksId, async ({ params, principal }) =>
  ok(await deleteWebhookEndpoint(params.id, actorOf(principal, SYSTEM_ACTOR))),
);
