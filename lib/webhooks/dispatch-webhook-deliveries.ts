import "server-only";
import { outboxQueue, sendOutboxJobs } from "@/lib/jobs/outbox-jobs";

/** One job per webhook delivery id (lib/jobs/outbox-jobs.ts). */
export const WEBHOOK_DELIVER_QUEUE = outboxQueue("webhooks.deliver");

/** Asks the worker to deliver these now (or at `startAfter`); the delivery row stays the source of truth. */
export async function dispatchWebhookDeliveries(ids: string[], startAfter?: Date): Promise<void> {
  await sendOutboxJobs(WEBHOOK_DELIVER_QUEUE, ids, startAfter, { idField: "delivery_id", message: "webhook delivery job not sent" });
}
