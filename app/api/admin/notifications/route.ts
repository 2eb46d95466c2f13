// GET /api/admin/notifications – the notification outbox for admins: by status (dead_letter = failed + dead), channel, kind
import { ok, route } from "@/lib/route/handler";
import { getAdminNotifications } from "@/lib/openapi/admin/admin-endpoints";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const GET = route(getAdminNotifications, async ({ query }) => ok(await listNotifications(query)));
