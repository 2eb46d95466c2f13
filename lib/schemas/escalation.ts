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
      "Whole minutes, at least 1: position × the average handle time of the last 50 chats closed in 7 days (DEFAULT_HANDLE_MINUTES, 5, until 5 have closed; refreshed every 15 s) ÷ the seats online",
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
});

export const requestOperatorResult = z.discriminatedUnion("type", [operatorAssignedResult, queuedResult, ticketCreatedResult]);
export type RequestOperatorResult = z.infer<typeof requestOperatorResult>;
