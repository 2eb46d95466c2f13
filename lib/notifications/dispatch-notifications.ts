import "server-only";
import { outboxQueue, sendOutboxJobs } from "@/lib/jobs/outbox-jobs";

/** One delivery job per notification id (lib/jobs/outbox-jobs.ts). */
export const DELIVER_QUEUE = outboxQueue("notifications.deliver");

/** Asks the worker to deliver these notifications now (or at `startAfter`). The outbox row stays the source of truth. */
export async function dispatchNotifications(ids: string[], startAfter?: Date): Promise<void> {
  await sendOutboxJobs(DELIVER_QUEUE, ids, startAfter, { idField: "notification_id", message: "delivery job not sent" });
}
