// GET /api/admin/webhooks/{id}/deliveries – the endpoint's delivery log: events, attempts, response statuses (admin)
import { ok, route } from "@/lib/api/handler";
import { webhookDeliveriesQuery, webhookParams } from "@/lib/schemas/webhooks";
import { listWebhookDeliveries } from "@/lib/webhooks/manage-webhook-endpoints";

export const GET = route({ auth: "admin", params: webhookParams, query: webhookDeliveriesQuery }, async ({ params, query }) =>
  ok(await listWebhookDeliveries(params.id, query)),
);
