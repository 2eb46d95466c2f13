// POST /api/chat/request-operator – the chatbot's one call, as the integration guide defines it.
import { z } from "zod";
import { e164Schema, emailSchema, localeSchema, metadataSchema, prioritySchema } from "@/lib/schemas/common";

export const requestOperatorBody = z.object({
  user_id: z.string().trim().min(1).max(200),
  user_email: emailSchema.nullish(),
  user_phone: e164Schema.nullish(),
  user_name: z.string().trim().min(1).max(200).nullish(),
  question: z.string().trim().min(1).max(4000),
  priority: prioritySchema.default("medium"),
  metadata: metadataSchema.nullish(),
  locale: localeSchema.optional(),
  identity_token: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .optional()
    .describe("The visitor's identity signed by an embedding site (JWT, HS256, exp ≤ 24 h): when valid, user_email and user_name come from it and operators see them as verified"),
});
export type RequestOperatorBody = z.infer<typeof requestOperatorBody>;

export const operatorAssignedResult = z.object({
  success: z.literal(true),
  type: z.literal("operator_assigned"),
  session_id: z.string(),
  operator: z.object({ id: z.string(), name: z.string() }),
  chat_url: z.url(),
  existing: z.boolean().optional(),
});

export const queuedResult = z.object({
  success: z.literal(true),
  type: z.literal("queue"),
  session_id: z.string(),
  position: z.number().int().min(1),
  estimated_wait: z
    .number()
    .int()
    .min(1)
    .describe(
      "Whole minutes, at least 1, rounded up: position × the average handle time of the last 50 chats closed in 7 days (DEFAULT_HANDLE_MINUTES, 5, until 5 have closed) ÷ the seats online, × the measured correction: the waits the last 50 served customers (7 days) actually got ÷ what this model predicted for them (1 until 5 were served; bounded to 0.5–3). Both figures refresh every 15 s. The estimate is a promise: it is recorded on the session and measured when an operator takes the chat; GET /api/chat/stats publishes how well the promises held (`eta_accuracy`)",
    ),
  chat_url: z.url(),
  existing: z.boolean().optional(),
});

export const ticketCreatedResult = z.object({
  success: z.literal(true),
  type: z.literal("ticket_created"),
  ticket_id: z.number().int().describe("the human-readable ticket number, as in #1042"),
  ticket_number: z.number().int(),
  message: z.string(),
  reason: z.enum(["no_operators", "after_hours", "queue_full"]),
  reopens_at: z.iso.datetime().nullable().optional(),
  ticket_url: z.url().optional().describe("The customer's page for this ticket (its conversation, replies and rating); give it only to the customer who asked"),
  reply_via: z
    .array(z.enum(["email", "whatsapp"]))
    .optional()
    .describe("How the answer will reach the customer: the addresses the ticket was opened with (empty: only on the ticket page)"),
});

export const requestOperatorResult = z.discriminatedUnion("type", [operatorAssignedResult, queuedResult, ticketCreatedResult]);
export type RequestOperatorResult = z.infer<typeof requestOperatorResult>;
