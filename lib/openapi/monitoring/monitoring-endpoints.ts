// The monitoring API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { chatStatsSchema, healthSchema, ticketStatsSchema } from "@/lib/openapi/response-schemas";
import { teamFilterQuery } from "@/lib/schemas/teams";

export const getTicketsAdminStats = defineEndpoint({
  method: "get",
  path: "/api/tickets/admin/stats",
  tag: "Monitoring",
  summary: "Ticket numbers: by status and priority, today, last 7 days, overdue, SLA",
  auth: "admin",
  success: { status: 200, description: "The statistics", payload: { kind: "data", name: "TicketStats", schema: ticketStatsSchema } },
});

export const getChatStats = defineEndpoint({
  method: "get",
  path: "/api/chat/stats",
  tag: "Monitoring",
  summary: "Public desk aggregates: operators online, free seats, queue, waits, promise accuracy, satisfaction",
  description:
    "No names, questions or contacts: safe to show on a status page. `eta_accuracy` measures the queue's promises over the last 7 days: for every customer an operator took from the queue, the wait promised when they were queued (`estimated_wait` of request-operator) against the wait they got; `median_abs_error_minutes` is the median of the absolute differences, `within_promise_ratio` the share served no later than promised, overall, `by_priority` and `by_team` (each team's queue promises from its own handle times and seats). `csat` summarises the customers' 1–5 ratings of closed chats and resolved tickets over 30 days. With `?team=` (slug or id) the operators, seats, queue and last hour are that team's (an unknown team: 400); `eta_accuracy` and `csat` stay desk-wide (`eta_accuracy.by_team` breaks the promises down per team).",
  auth: "public",
  query: teamFilterQuery,
  success: { status: 200, description: "The aggregates", payload: { kind: "data", name: "ChatStats", schema: chatStatsSchema } },
});

export const getHealth = defineEndpoint({
  method: "get",
  path: "/api/health",
  tag: "Monitoring",
  summary: "Health check (same report as /health)",
  description: "200 when the database and realtime checks pass; 503 naming the failed ones. Email and WhatsApp providers are reported but do not fail the check: the outbox keeps notifications until they recover.",
  auth: "public",
  success: { status: 200, description: "Healthy", payload: { kind: "flat", name: "Health", schema: healthSchema }, examples: { ok: { summary: "All good", value: { status: "ok", checks: { database: "ok", realtime: "ok", email: "configured", whatsapp: "not_configured" }, failed: [] } } } },
  alsoReturns: [{ status: 503, description: "A required check failed (same body, `status: degraded`)" }],
  // /health is the guide's URL (rewritten to this route); /api/chat/health re-exports it.
  alsoAt: [
    { path: "/health", summary: "Health check (the guide's URL)" },
    { path: "/api/chat/health", summary: "Health check (same report as /health)" },
  ],
});

/** In the order of the OpenAPI document. */
export const monitoringEndpoints = [
  getTicketsAdminStats,
  getChatStats,
  getHealth,
];
