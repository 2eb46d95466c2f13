import "server-only";

/**
 * Background jobs run by the worker (lib/jobs/worker.ts, pg-boss on PostgreSQL). Each feature adds its
 * definitions to the list below; a handler must be idempotent (pg-boss delivers at least once, and several
 * worker instances may run).
 */
export interface JobDefinition {
  name: string;
  handler: (data: Record<string, unknown>) => Promise<void>;
  /** Run periodically, once per period across all instances. */
  everySeconds?: number;
}

export const jobDefinitions: JobDefinition[] = [];
