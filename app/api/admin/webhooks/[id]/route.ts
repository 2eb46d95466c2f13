// PATCH /api/admin/webhooks/{id} – change url, events, active; DELETE – remove the endpoint and its log (admin)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { updateWebhookBody, webhookParams } from "@/lib/schemas/webhooks";
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";

export const PATCH = route({ auth: "admin", params: webhookParams, body: updateWebhookBody }, async ({ params, body, principal }) =>
  ok(await updateWebhookEndpoint(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route({ auth: "admin", params: webhookParams }, async ({ params, principal }) =>
  ok(await deleteWebhookEndpoint(params.id, actorOf(principal, SYSTEM_ACTOR))),
);
