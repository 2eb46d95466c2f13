import "server-only";
import { sendJob, type QueueSpec } from "@/lib/jobs/boss";
import { logger } from "@/lib/log/logger";

/**
 * One delivery job per notification id. "short" keeps at most one waiting job per id, however many instances and
 * sweeps ask; pg-boss's own retries only cover a handler that crashed (the outbox schedules provider retries).
 */
export const DELIVER_QUEUE = {
  name: "notifications.deliver",
  options: { policy: "short", retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, notify: true },
} satisfies QueueSpec;

/** Asks the worker to deliver these notifications now (or at `startAfter`). The outbox row stays the source of truth. */
export async function dispatchNotifications(ids: string[], startAfter?: Date): Promise<void> {
  for (const id of ids) {
    try {
      await sendJob(DELIVER_QUEUE, { id }, { singletonKey: id, ...(startAfter ? { startAfter } : {}) });
    } catch (error) {
      // The periodic sweep picks the row up anyway; the job only saves the wait.
      logger.warn({ err: error, notification_id: id }, "delivery job not sent");
    }
  }
}
