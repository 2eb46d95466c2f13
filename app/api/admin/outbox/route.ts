// GET /api/admin/outbox – the local outbox: what would have been emailed or sent on WhatsApp with no provider configured
import { ok, route } from "@/lib/api/handler";
import { listOutboxDeliveries } from "@/lib/notifications/list-outbox-deliveries";
import { listOutboxQuery } from "@/lib/notifications/notification-schemas";

export const GET = route({ auth: "admin", query: listOutboxQuery }, async ({ query }) => ok(await listOutboxDeliveries(query)));
