// GET /api/admin/notifications – the notification outbox for admins: by status (dead_letter = failed + dead), channel, kind
import { ok, route } from "@/lib/api/handler";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { listNotificationsQuery } from "@/lib/notifications/notification-schemas";

export const GET = route({ auth: "admin", query: listNotificationsQuery }, async ({ query }) => ok(await listNotifications(query)));
