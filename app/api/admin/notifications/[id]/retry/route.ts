// POST /api/admin/notifications/:id/retry – send a failed or dead notification again now
import { ok, route } from "@/lib/route/handler";
import { postAdminNotificationsIdRetry } from "@/lib/openapi/admin/admin-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { retryNotification } from "@/lib/admin/retry-notification";

export const POST = route(postAdminNotificationsIdRetry, async ({ params, principal }) =>
  ok(await retryNotification(params.id, actorOf(principal, { type: "system", id: null }))),
);
