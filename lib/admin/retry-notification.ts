import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import { dispatchNotifications } from "@/lib/notifications/dispatch-notifications";
import { notificationSelect, toNotificationView } from "@/lib/notifications/list-notifications";

/**
 * An admin sends a notification from the dead-letter list (failed or dead) again, with a fresh set of attempts. The
 * guarded UPDATE makes two clicks one retry. Pending ones are left to their schedule: a delivery job already waits.
 */
export async function retryNotification(id: string, actor: Actor, now: Date = new Date()) {
  const result = await prisma.$transaction(async (tx) => {
    const current = await tx.notification.findUnique({ where: { id }, select: { status: true, attempts: true } });
    if (!current) throw new ApiError("NOT_FOUND", "Notification not found");
    if (current.status !== "failed" && current.status !== "dead") {
      throw new ApiError("INVALID_STATE", `The notification is ${current.status}: only failed and dead notifications can be retried`);
    }
    const { count } = await tx.notification.updateMany({
      where: { id, status: current.status, attempts: current.attempts },
      data: { status: "pending", nextAttemptAt: now, attempts: 0 },
    });
    if (count === 0) throw new ApiError("CONFLICT", "The notification changed meanwhile: reload and try again");
    await recordAuditEvent(tx, actor, { action: "notification.retried", targetType: "notification", targetId: id, data: { from: current.status } });
    return tx.notification.findUniqueOrThrow({ where: { id }, select: notificationSelect });
  });
  await dispatchNotifications([id]);
  return toNotificationView(result);
}
