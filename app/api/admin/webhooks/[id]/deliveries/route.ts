// GET /api/admin/webhooks/{id}/deliveries – the endpoint's delivery log: events, attempts, response statuses (admin)
import { ok, route } from "@/lib/route/handler";
import { getAdminWebhooksIdDeliveries } from "@/lib/openapi/webhooks/webhooks-endpoints";
import { listWebhookDeliveries } from "@/lib/webhooks/manage-webhook-endpoints";

export const GET = route(getAdminWebhooksIdDeliveries, async ({ params, query }) =>
  ok(await listWebhookDeliveries(params.id, query)),
);
