import "server-only";
import { prisma } from "@/lib/db/client";
import { dispatchNotifications } from "@/lib/notifications/dispatch-notifications";

const BATCH = 500;

/**
 * The outbox's safety net: every notification that is due (pending past its retry time, or claimed by a worker
 * whose lease ran out) gets a delivery job. Covers a NOTIFY nobody heard, a worker killed between commit and send,
 * and one killed mid-send. No row lock is needed here: the claim in deliverNotification is the guard, and a
 * second job for the same id is refused by the queue.
 */
export async function sweepNotifications(now: Date = new Date()): Promise<number> {
  const due = await prisma.notification.findMany({
    where: { status: { in: ["pending", "sending"] }, nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  await dispatchNotifications(due.map((n) => n.id));
  return due.length;
}
