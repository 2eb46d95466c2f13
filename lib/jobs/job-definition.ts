import type { Queue } from "pg-boss";

/**
 * Background jobs run by the worker (lib/jobs/worker.ts, pg-boss on PostgreSQL). Each feature adds
 * its definitions to the list in lib/job-definitions.ts; a handler must be idempotent (pg-boss delivers at least
 * once, and several worker instances may run).
 */
export interface JobDefinition {
  name: string;
  handler: (data: Record<string, unknown>) => Promise<void>;
  /** Run periodically, once per period across all instances. */
  everySeconds?: number;
  /** pg-boss queue options (policy, retries, expiry) for the job's queue. */
  queue?: Omit<Queue, "name">;
  /** Jobs of this kind one worker instance runs at the same time (default 1). */
  concurrency?: number;
  /**
   * A PostgreSQL NOTIFY channel: each notification becomes a job `{ id: payload }` with the payload as singleton
   * key, so work committed by another process starts at once instead of at the next sweep.
   */
  wakeOnNotify?: string;
  /**
   * With wakeOnNotify: run the handler for the notified id at once in the listening process (at most `concurrency`
   * at a time) instead of going through a queued job, for latency. Only for handlers whose row is the source of truth
   * and whose claim is guarded: the periodic sweep still turns anything missed or interrupted into jobs.
   */
  runOnNotify?: boolean;
}
