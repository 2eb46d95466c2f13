// GET /api/admin/outbox – the local outbox: what would have been emailed or sent on WhatsApp with no provider configured
import { ok, route } from "@/lib/route/handler";
import { getAdminOutbox } from "@/lib/openapi/admin/admin-endpoints";
import { listOutboxDeliveries } from "@/lib/notifications/list-outbox-deliveries";

export const GET = route(getAdminOutbox, async ({ query }) => ok(await listOutboxDeliveries(query)));
