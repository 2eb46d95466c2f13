// POST /api/admin/notifications/:id/retry – send a failed or dead notification again now
import { ok, route } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/principal";
import { notificationParams } from "@/lib/notifications/notification-schemas";
import { retryNotification } from "@/lib/admin/retry-notification";

export const POST = route({ auth: "admin", params: notificationParams }, async ({ params, principal }) =>
  ok(await retryNotification(params.id, actorOf(principal, { type: "system", id: null }))),
);
