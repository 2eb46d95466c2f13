import "server-only";
import { sendJob, type QueueSpec } from "@/lib/jobs/boss";
import { logger } from "@/lib/log/logger";

/**
 * The queue of an outbox's delivery jobs (notifications, webhook deliveries): one job per row id. "short" keeps at
 * most one waiting job per id, however many instances and sweeps ask; pg-boss's own retries only cover a handler
 * that crashed (the outbox row schedules the provider's retries).
 */
export function outboxQueue(name: string): QueueSpec {
  return { name, options: { policy: "short", retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, notify: true } };
}

/**
 * Asks the worker to deliver these outbox rows now (or at `startAfter`). The row stays the source of truth: a job
 * that could not be sent is only logged (`idField` names the id in the log line), the periodic sweep picks the row
 * up anyway; the job only saves the wait.
 */
export async function sendOutboxJobs(queue: QueueSpec, ids: string[], startAfter: Date | undefined, log: { idField: string; message: string }): Promise<void> {
  for (const id of ids) {
    try {
      await sendJob(queue, { id }, { singletonKey: id, ...(startAfter ? { startAfter } : {}) });
    } catch (error) {
      logger.warn({ err: error, [log.idField]: id }, log.message);
    }
  }
}
