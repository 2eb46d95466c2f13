import "server-only";
import type { Queue } from "pg-boss";
import { notificationJobs } from "@/lib/notifications/notification-jobs";
import { autoMergeVerifiedContacts } from "@/lib/contacts/auto-merge-verified-contacts";
import { markStaleOperatorsAway } from "@/lib/operators/mark-stale-operators-away";
import { applyRetention } from "@/lib/privacy/apply-retention";
import { enforceQueueTimeouts } from "@/lib/rules/enforce-queue-timeouts";
import { enforceUnansweredAssignments } from "@/lib/rules/enforce-unanswered-assignments";
import { enforceSlaBreaches } from "@/lib/tickets/enforce-sla-breaches";
import { webhookJobs } from "@/lib/webhooks/webhook-jobs";
import { applyTeamFallbacks } from "@/lib/teams/apply-team-fallbacks";

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

export const jobDefinitions: JobDefinition[] = [
  // The notification outbox (lib/notifications): deliver on commit, sweep for due and stuck ones.
  ...notificationJobs,
  // Outbound webhooks (lib/webhooks): the same outbox pattern, delivered in order per conversation.
  ...webhookJobs,
  // Operators whose dashboards all closed turn away after the heartbeat grace (lib/operators/heartbeat.ts).
  { name: "operators.mark-stale-away", everySeconds: 30, handler: async () => void (await markStaleOperatorsAway({ now: new Date() })) },
  // Escalation rules (lib/rules): queued too long → ticket; assigned but unanswered → next operator; SLA breach → admin.
  { name: "rules.queue-timeouts", everySeconds: 15, handler: async () => void (await enforceQueueTimeouts(new Date())) },
  { name: "rules.unanswered-assignments", everySeconds: 10, handler: async () => void (await enforceUnansweredAssignments(new Date())) },
  // Teams (lib/teams): a session waiting past its team's fallback time moves to the fallback team.
  { name: "teams.fallbacks", everySeconds: 15, handler: async () => void (await applyTeamFallbacks(new Date())) },
  { name: "tickets.sla-breaches", everySeconds: 60, handler: async () => void (await enforceSlaBreaches(new Date())) },
  // Privacy (lib/privacy): once a day, personal data of conversations and tickets past the admin's retention goes.
  { name: "privacy.retention", everySeconds: 86_400, handler: async () => void (await applyRetention(new Date())) },
  // Contacts (lib/contacts): the same identifier verified on both sides → one contact.
  { name: "contacts.auto-merge", everySeconds: 300, handler: async () => void (await autoMergeVerifiedContacts()) },
];
