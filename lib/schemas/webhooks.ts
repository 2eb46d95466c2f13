// Outbound webhook contracts: the admin API's bodies and every event's payload. Browser-safe; the client kit's types
// (clients/js/src/webhook-types.ts) are generated from these schemas by `npm run clients:types`.
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = [
  "session.queued",
  "session.assigned",
  "session.transferred",
  "session.handed_back",
  "session.closed",
  "session.ticketed",
  "message.created",
  "ticket.created",
  "ticket.replied",
  "ticket.status_changed",
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(2000)
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password;
  }, "must not carry credentials");

const eventsSchema = z
  .array(webhookEventTypeSchema)
  .min(1, "subscribe to at least one event")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)]);

export const createWebhookBody = z.object({
  url: webhookUrlSchema,
  events: eventsSchema,
  description: z.string().trim().max(500).optional(),
  include_customer_messages: z.boolean().optional().describe("message.created for customer messages too (default false)"),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .object({
    url: webhookUrlSchema.optional(),
    events: eventsSchema.optional(),
    active: z.boolean().optional(),
    description: z.string().trim().max(500).nullable().optional(),
    include_customer_messages: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), "nothing to change");
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

export const webhookParams = z.object({ id: z.string().min(1).max(100) });
export const webhookDeliveriesQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(["pending", "sending", "delivered", "failed", "dead"]).optional(),
});

/* ---------------------------------------------------------------- payloads */

const operatorRef = z.object({ id: z.string(), name: z.string() });

/** Every event's data names the conversation and the chatbot's own user id (contacts.user_id). */
const sessionBase = z.object({ session_id: z.string(), user_id: z.string() });
const ticketBase = z.object({
  ticket_id: z.number().int().describe("the ticket number, as request-operator returns it"),
  ticket_number: z.number().int(),
  session_id: z.string().nullable().describe("the chat the ticket came from, if any"),
  user_id: z.string(),
});

export const webhookMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  sender: z.enum(["customer", "operator", "system", "bot"]),
  body: z.string(),
  operator_name: z.string().nullable(),
  created_at: z.string(),
});
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

export const webhookDataSchemas = {
  "session.queued": sessionBase.extend({ position: z.number().int().min(1), estimated_wait: z.number().int().min(1) }),
  "session.assigned": sessionBase.extend({ operator: operatorRef }),
  "session.transferred": sessionBase.extend({ from_operator: operatorRef.nullable(), operator: operatorRef }),
  "session.handed_back": sessionBase.extend({
    note: z.string().nullable(),
    operator: operatorRef.nullable(),
    messages: z.array(webhookMessageSchema).describe("the conversation since the handoff, oldest first"),
  }),
  "session.closed": sessionBase.extend({ closed_by: z.enum(["operator", "customer", "system"]), reason: z.string().nullable() }),
  "session.ticketed": sessionBase.extend({ ticket_id: z.number().int(), ticket_number: z.number().int() }),
  "message.created": sessionBase.extend({ message: webhookMessageSchema }),
  "ticket.created": ticketBase.extend({ priority: z.string(), reason: z.string() }),
  "ticket.replied": ticketBase.extend({
    message: z.object({
      id: z.string(),
      sender: z.enum(["operator", "customer"]).describe("customer: the customer's answer (only to endpoints with include_customer_messages)"),
      body: z.string(),
      operator_name: z.string().nullable(),
      channels: z.array(z.string()),
      created_at: z.string(),
    }),
  }),
  "ticket.status_changed": ticketBase.extend({ from: z.string(), to: z.string() }),
} satisfies Record<WebhookEventType, z.ZodType>;

/** The body of every delivery: `webhook-id` carries the same id. */
export const webhookPayloadSchema = z.discriminatedUnion(
  "type",
  WEBHOOK_EVENT_TYPES.map((type) =>
    z.object({ id: z.string(), type: z.literal(type), timestamp: z.string(), data: webhookDataSchemas[type] }),
  ) as unknown as [z.ZodObject<{ type: z.ZodLiteral<WebhookEventType> }>, ...z.ZodObject<{ type: z.ZodLiteral<WebhookEventType> }>[]],
);

/**
 * What a service passes when it emits an event: the data without user_id, which is added from the contact in SQL
 * (and without a ticket event's session_id, added from the ticket).
 */
export type WebhookDataInput<T extends WebhookEventType> = Omit<z.input<(typeof webhookDataSchemas)[T]>, "user_id" | "session_id"> & { session_id?: string };
