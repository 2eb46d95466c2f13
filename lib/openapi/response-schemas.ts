// The documented shapes of responses whose code builds plain objects (views). Each schema is checked at compile time
// against the type the code really returns (`Describes` below), so the OpenAPI document cannot drift from it.
import { z } from "zod";
import { teamRefView } from "@/lib/schemas/teams";
import { CONVERSATION_OWNERS } from "@/lib/conversations/owner-state";
import { botHandoffSchema } from "@/lib/schemas/escalation";
import type { createApiKey } from "@/lib/admin/manage-api-keys";
import type { handBackSession } from "@/lib/chat/hand-back-session";
import type { createWebhookEndpoint, listWebhookDeliveries } from "@/lib/webhooks/manage-webhook-endpoints";
import type { getChatStats } from "@/lib/chat/get-chat-stats";
import type { SessionView } from "@/lib/chat/get-session-view";
import type { MessageView } from "@/lib/conversations/message-view";
import type { closeSession, markRead } from "@/lib/chat/session-actions";
import type { HealthReport } from "@/lib/health/check-health";
import type { toOperatorView } from "@/lib/operators/operator-view";
import type { sendSetPasswordLink } from "@/lib/operators/send-set-password-link";
import type { deletePushSubscription, savePushSubscription } from "@/lib/push/manage-push-subscriptions";
import type { createTicketFromApi } from "@/lib/tickets/create-ticket-from-api";
import type { getTicketStats } from "@/lib/tickets/get-ticket-stats";
import type { listTickets } from "@/lib/tickets/list-tickets";
import type { TicketView } from "@/lib/tickets/ticket-view";
import { CHANNELS, TICKET_STATUSES } from "@/lib/tickets/ticket-schemas";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { prioritySchema } from "@/lib/schemas/common";
import { operatorRoleSchema, operatorStatusSchema } from "@/lib/schemas/operators";
import { csatStatsSchema, etaAccuracySchema } from "@/lib/openapi/customer-response-schemas";

/** True when `Doc` documents `View`: every value the code returns fits the schema, and no field goes undocumented. */
export type Describes<Doc, View> = [View] extends [Doc] ? ([Exclude<keyof View, keyof Doc>] extends [never] ? true : false) : false;

const timestamp = z.iso.datetime();
const channelSchema = z.enum(CHANNELS);

export const errorSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().describe("For humans (logs, support); match on code, not on this text"),
    details: z.unknown().optional().describe("VALIDATION_ERROR: [{ path, message }]; RATE_LIMITED: { retry_after }; INVALID_IDENTITY_TOKEN: { reason }"),
    request_id: z.string().describe("Also in the X-Request-Id header; quote it when reporting a problem"),
  }),
});

export const messageSchema = z.object({
  id: z.string(),
  seq: z.number().int().describe("Position in the session, from 1; use it for read receipts and ?after_seq="),
  session_id: z.string().nullable(),
  sender: z.enum(["customer", "operator", "system", "bot"]),
  body: z.string(),
  channel: channelSchema,
  operator_name: z.string().nullable().optional(),
  delivery_status: z.string().nullable().optional().describe("WhatsApp delivery status of an operator message, when known"),
  attachments: z
    .array(z.object({ content_type: z.string().nullable(), id: z.string().optional(), name: z.string().optional(), size: z.number().int().optional() }))
    .optional()
    .describe("WhatsApp attachments (operators fetch them from /api/chat/messages/{id}/media/{index}); files attached in the web chat carry their `id` (GET /api/chat/attachments/{id}), `name` and `size`"),
  created_at: timestamp,
});
const _message: Describes<z.output<typeof messageSchema>, MessageView> = true;

export const sessionSchema = z.object({
  id: z.string(),
  status: z.enum(["queued", "active", "closed", "ticketed"]),
  priority: prioritySchema,
  question: z.string(),
  channel: channelSchema,
  source: z.string(),
  position: z.number().int().nullable().describe("Place in its team's queue while queued, else null"),
  estimated_wait: z.number().int().nullable().describe("Whole minutes while queued (from the team's seats and handle times), else null"),
  team: teamRefView.describe("The team whose queue and operators serve the session"),
  skills: z.array(z.string()).describe("Skills the serving operator must all have"),
  operator: z.object({ id: z.string(), name: z.string() }).nullable(),
  ticket_number: z.number().int().nullable().describe("Set when the chat became a ticket"),
  customer_read_seq: z.number().int(),
  operator_read_seq: z.number().int(),
  last_seq: z.number().int(),
  queued_at: timestamp,
  assigned_at: timestamp.nullable(),
  first_response_at: timestamp.nullable(),
  closed_at: timestamp.nullable(),
  messages: z.array(messageSchema).describe("Messages after ?after_seq=, oldest first, at most 500"),
  has_more: z.boolean().describe("More messages follow: ask again with after_seq = the last seq received"),
  contact: z
    .object({
      user_id: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      name: z.string().nullable(),
      verified: z.boolean().describe("The email is verified: a signed identity token vouched for it, or the customer clicked a link sent to it"),
      email_verified_via: z.string().nullable().describe("identity_token or link"),
      phone_verified: z.boolean().describe("The phone is verified: a Twilio-signed WhatsApp message came from it"),
      phone_verified_via: z.string().nullable().describe("whatsapp_inbound"),
      whatsapp_last_inbound_at: timestamp.nullable(),
    })
    .optional()
    .describe("Operators and admins only"),
  metadata: z.unknown().optional().describe("The chatbot's metadata; operators and admins only"),
  owner: z.enum(CONVERSATION_OWNERS).describe("Who holds the conversation: bot (handed back), queued, human, closed or ticket"),
  bot_handoff: botHandoffSchema.nullable().optional().describe("The bot's transcript, confidence and intent at the handoff; operators and admins only"),
  handback_note: z.string().nullable().optional().describe("The operator's note when handing back; operators and admins only"),
  ownership: z
    .array(
      z.object({
        at: timestamp,
        from: z.enum(CONVERSATION_OWNERS),
        to: z.enum(CONVERSATION_OWNERS),
        reason: z.string(),
        actor: z.object({ type: z.string(), id: z.string().nullable() }),
      }),
    )
    .optional()
    .describe("Every change of owner with who, when and why; operators and admins only"),
  promise_due_at: timestamp.nullable().describe("While queued: when the wait promised now falls due"),
  ticket_url: z.string().nullable().optional().describe("The customer only: their ticket's page once the chat became one"),
  waiting_options: z
    .object({ leave_message: z.boolean(), continue_on_whatsapp: z.boolean(), whatsapp_requested: z.boolean(), desk_closes_at: timestamp.nullable().describe("Business hours end within the hour") })
    .optional()
    .describe("The customer only, while queued: leave a message instead (POST …/leave-message), continue on WhatsApp (a phone is known and WhatsApp configured)"),
  rating: z.object({ asked: z.boolean(), score: z.number().int().nullable() }).optional().describe("The customer only, once closed: whether a rating is asked for (POST …/rating), and theirs"),
});
const _session: Describes<z.output<typeof sessionSchema>, SessionView> = true;

export const closedSessionSchema = z.object({ id: z.string(), status: z.literal("closed"), closed_at: timestamp });
const _closed: Describes<z.output<typeof closedSessionSchema>, Awaited<ReturnType<typeof closeSession>>> = true;

export const claimSchema = z.object({
  session_id: z.string(),
  session_key: z.string().describe("The customer's key: send it as `X-Session-Key` on this session's calls and as `session_key` to /api/realtime/auth. Shown once; keep it in the browser"),
  resumed: z.boolean().describe("True when a resume link moved the conversation here (the previous key stopped working)"),
});

export const resumeLinkSchema = z.object({
  sent: z.boolean().describe("False when the chat has no address on record, is not open, or a link went out less than two minutes ago"),
  recipient_hint: z.string().nullable().describe("The masked address the link went to, e.g. ma•••@example.com"),
});

export const readReceiptSchema = z.object({
  session_id: z.string(),
  reader: z.string().describe("customer or operator: the side whose receipt moved"),
  seq: z.number().int().describe("The receipt now in force (never moves back, never past the last message)"),
});
const _read: Describes<z.output<typeof readReceiptSchema>, Awaited<ReturnType<typeof markRead>>> = true;

export const operatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  role: operatorRoleSchema,
  status: operatorStatusSchema,
  max_chats: z.number().int(),
  active: z.boolean(),
  locale: z.string(),
  last_seen_at: timestamp.nullable(),
  created_at: timestamp,
  invite_pending: z.boolean().describe("True until the operator sets a password from the invite"),
  skills: z.array(z.string()).describe("Skills as tags: sessions requiring skills go only to operators with all of them"),
  teams: z.array(teamRefView).describe("The teams whose queues the operator serves (max_chats counts across all of them)"),
  active_chats: z.number().int().optional(),
});
const _operator: Describes<z.output<typeof operatorSchema>, ReturnType<typeof toOperatorView>> = true;

export const setPasswordLinkSchema = z.object({
  operator_id: z.string(),
  purpose: z.enum(["invite", "password_reset"]),
  sent_to: z.string().describe("The operator's own email: the link goes nowhere else"),
  notification_id: z.string().describe("The outbox notification carrying the link"),
});
const _link: Describes<z.output<typeof setPasswordLinkSchema>, Awaited<ReturnType<typeof sendSetPasswordLink>>> = true;

export const pushSubscriptionSavedSchema = z.object({ id: z.string(), created_at: timestamp });
const _pushSaved: Describes<z.output<typeof pushSubscriptionSavedSchema>, Awaited<ReturnType<typeof savePushSubscription>>> = true;
export const pushSubscriptionDeletedSchema = z.object({ deleted: z.number().int().describe("0 when this device was not subscribed") });
const _pushDeleted: Describes<z.output<typeof pushSubscriptionDeletedSchema>, Awaited<ReturnType<typeof deletePushSubscription>>> = true;
export const vapidPublicKeySchema = z.object({ public_key: z.string().describe("The VAPID public key (base64url) for PushManager.subscribe") });

export const ticketSchema = z.object({
  id: z.string(),
  number: z.number().int().describe("The human-readable number, as in #1042"),
  status: z.enum(TICKET_STATUSES),
  priority: prioritySchema,
  question: z.string(),
  channel: channelSchema,
  source: z.string(),
  tags: z.array(z.string()),
  metadata: z.unknown(),
  session_id: z.string().nullable(),
  assignee: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  contact: z.object({ id: z.string(), user_id: z.string(), email: z.string().nullable(), phone: z.string().nullable(), name: z.string().nullable() }),
  due_at: timestamp.describe("First-response deadline from the priority's SLA"),
  overdue: z.boolean(),
  first_response_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
  closed_at: timestamp.nullable(),
  sla_breached_at: timestamp.nullable(),
  customer_url: z.string().describe("The customer's private page for this ticket"),
  created_at: timestamp,
  updated_at: timestamp,
});
const _ticket: Describes<z.output<typeof ticketSchema>, TicketView> = true;

export const ticketListSchema = z.object({
  tickets: z.array(ticketSchema),
  pagination: z.object({ page: z.number().int(), page_size: z.number().int(), total: z.number().int(), total_pages: z.number().int() }),
});
const _ticketList: Describes<z.output<typeof ticketListSchema>, Awaited<ReturnType<typeof listTickets>>> = true;

export const createdTicketSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  ticket_id: z.number().int().describe("Same as number: the guide's name for it"),
  status: z.literal("open"),
  priority: prioritySchema,
  due_at: timestamp,
  sla_hours: z.number(),
  ticket_url: z.string().describe("The customer's private page for this ticket"),
  message: z.string().describe("What to tell the customer, in their locale"),
  created_at: timestamp,
});
const _createdTicket: Describes<z.output<typeof createdTicketSchema>, Awaited<ReturnType<typeof createTicketFromApi>>> = true;

const counts = z.record(z.string(), z.number().int());

export const chatStatsSchema = z.object({
  operators_online: z.number().int(),
  seats_online: z.number().int().describe("Sum of online operators' max_chats"),
  free_seats: z.number().int(),
  active_sessions: z.number().int(),
  queue_length: z.number().int(),
  queue_by_priority: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), urgent: z.number().int() }),
  last_hour: z.object({
    sessions_assigned: z.number().int(),
    sessions_closed: z.number().int(),
    average_wait_seconds: z.number().int().nullable(),
    average_handle_seconds: z.number().int().nullable(),
  }),
  eta_accuracy: etaAccuracySchema.describe("How well the promised waits held over the last 7 days (docs/api.md, \"How the wait is estimated\")"),
  csat: csatStatsSchema.describe("Customer ratings over the last 30 days"),
  generated_at: timestamp,
});
const _chatStats: Describes<z.output<typeof chatStatsSchema>, Awaited<ReturnType<typeof getChatStats>>> = true;

export const ticketStatsSchema = z.object({
  total: z.number().int(),
  by_status: counts.describe(`Tickets per status: ${TICKET_STATUSES.join(", ")}`),
  by_priority: counts.describe("Open and pending tickets per priority"),
  created_today: z.number().int().describe("Since midnight in the business-hours time zone"),
  created_last_7_days: z.number().int(),
  overdue: z.number().int(),
  sla_breaches_last_7_days: z.number().int(),
  avg_first_response_minutes: z.number().nullable(),
  avg_resolution_minutes: z.number().nullable(),
  sla_compliance_last_7_days: z.number().nullable().describe("Percent answered within SLA, of the tickets whose outcome is known"),
  generated_at: timestamp,
});
const _ticketStats: Describes<z.output<typeof ticketStatsSchema>, Awaited<ReturnType<typeof getTicketStats>>> = true;

const checkStatus = z.enum(["ok", "failing", "configured", "not_configured"]);
export const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  checks: z.record(z.string(), checkStatus).describe("database and realtime (required), email and whatsapp (reported only)"),
  failed: z.array(z.string()).describe("Required checks that failed; non-empty means HTTP 503"),
});
const _health: Describes<z.output<typeof healthSchema>, HealthReport> = true;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The key's first characters, to recognise it"),
  role: z.string(),
  rate_limit_per_minute: z.number().int().nullable(),
  created_at: timestamp,
  last_used_at: timestamp.nullable(),
  revoked_at: timestamp.nullable(),
});
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string().describe("The key itself: shown in this response only") });
const _apiKey: Describes<z.output<typeof createdApiKeySchema>, Awaited<ReturnType<typeof createApiKey>>> = true;

export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  include_customer_messages: z.boolean(),
  active: z.boolean(),
  secret_prefix: z.string().describe("The first characters of the secret, to recognise it"),
  previous_secret_expires_at: timestamp.nullable().describe("Until then the previous secret signs too (rotation overlap)"),
  consecutive_failures: z.number().int(),
  failing_since: timestamp.nullable(),
  disabled_at: timestamp.nullable(),
  disabled_reason: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export const createdWebhookEndpointSchema = webhookEndpointSchema.extend({ secret: z.string().describe("whsec_…: shown in this response only") });
const _webhook: Describes<z.output<typeof createdWebhookEndpointSchema>, Awaited<ReturnType<typeof createWebhookEndpoint>>> = true;

export const webhookDeliveryPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      event_id: z.string().describe("The webhook-id header: the same on every attempt and replay"),
      type: z.string(),
      conversation: z.string(),
      seq: z.number().int(),
      status: z.enum(["pending", "sending", "delivered", "failed", "dead"]),
      attempts: z.number().int(),
      next_attempt_at: timestamp.nullable(),
      last_response_status: z.number().int().nullable(),
      last_error: z.string().nullable(),
      delivered_at: timestamp.nullable(),
      created_at: timestamp,
      request: z.object({ url: z.string(), body: z.unknown() }),
      attempt_log: z.array(
        z.object({
          attempt: z.number().int(),
          at: timestamp,
          duration_ms: z.number().int(),
          request_headers: z.unknown(),
          response_status: z.number().int().nullable(),
          response_body: z.string().nullable(),
          error: z.string().nullable(),
        }),
      ),
    }),
  ),
});
const _deliveries: Describes<z.output<typeof webhookDeliveryPageSchema>, Awaited<ReturnType<typeof listWebhookDeliveries>>> = true;

export const replayedDeliverySchema = z.object({ id: z.string(), status: z.literal("pending") });
export const handedBackSchema = z.object({ id: z.string(), status: z.literal("closed"), owner: z.literal("bot"), handed_back_at: timestamp });
const _handedBack: Describes<z.output<typeof handedBackSchema>, Awaited<ReturnType<typeof handBackSession>>> = true;
