import "server-only";
import { sendJob, type QueueSpec } from "@/lib/jobs/boss";
import { logger } from "@/lib/log/logger";

/** One job per webhook delivery id ("short": at most one waiting job per id, however many sweeps ask). */
export const WEBHOOK_DELIVER_QUEUE = {
  name: "webhooks.deliver",
  options: { policy: "short", retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, notify: true },
} satisfies QueueSpec;

/** Asks the worker to deliver these now (or at `startAfter`); the delivery row stays the source of truth. */
export async function dispatchWebhookDeliveries(ids: string[], startAfter?: Date): Promise<void> {
  for (const id of ids) {
    try {
      await sendJob(WEBHOOK_DELIVER_QUEUE, { id }, { singletonKey: id, ...(startAfter ? { startAfter } : {}) });
    } catch (error) {
      // The periodic sweep picks the row up anyway.
      logger.warn({ err: error, delivery_id: id }, "webhook delivery job not sent");
    }
  }
}
