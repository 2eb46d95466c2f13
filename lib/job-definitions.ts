import "server-only";
import type { JobDefinition } from "@/lib/jobs/job-definition";
import { notificationJobs } from "@/lib/notifications/notification-jobs";
import { autoMergeVerifiedContacts } from "@/lib/contacts/auto-merge-verified-contacts";
import { markStaleOperatorsAway } from "@/lib/operators/mark-stale-operators-away";
import { applyRetention } from "@/lib/privacy/apply-retention";
import { enforceQueueTimeouts } from "@/lib/routing/enforce-queue-timeouts";
import { enforceUnansweredAssignments } from "@/lib/routing/enforce-unanswered-assignments";
import { enforceSlaBreaches } from "@/lib/tickets/enforce-sla-breaches";
import { webhookJobs } from "@/lib/webhooks/webhook-jobs";
import { applyTeamFallbacks } from "@/lib/teams/apply-team-fallbacks";

/**
 * Every background job the worker runs: the composition root above all of lib/ (lib/jobs only runs what it is given,
 * so the job engine does not import the features whose jobs it runs; see docs/architecture.md).
 */
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
