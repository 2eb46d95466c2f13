// POST /api/chat/request-operator – the chatbot's one call, as the integration guide defines it.
import { z } from "zod";
import { skillsSchema, teamRefSchema } from "@/lib/schemas/teams";
import { e164Schema, emailSchema, localeSchema, metadataSchema, prioritySchema } from "@/lib/schemas/common";

const TRANSCRIPT_MAX_BYTES = 64 * 1024;

/** One turn of the bot's conversation before the handoff. */
export const transcriptEntrySchema = z.object({
  role: z.enum(["user", "bot"]),
  text: z.string().trim().min(1).max(4000),
  at: z.iso.datetime({ offset: true }),
});

export const transcriptSchema = z
  .array(transcriptEntrySchema)
  .max(50, "at most 50 entries")
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= TRANSCRIPT_MAX_BYTES, "transcript must be at most 64 KB of JSON")
  .describe("The conversation with the bot so far, oldest first (up to 50 turns): operators see it above the live thread");

/** What the bot hands over with the escalation: stored on the session (or the ticket) and shown to operators. */
export const botHandoffSchema = z.object({
  transcript: z.array(transcriptEntrySchema),
  confidence: z.number().min(0).max(1).nullable(),
  intent: z.string().nullable(),
});
export type BotHandoff = z.infer<typeof botHandoffSchema>;

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
  transcript: transcriptSchema.optional(),
  confidence: z.number().min(0).max(1).optional().describe("The bot's confidence in its last answer, 0–1"),
  intent: z.string().trim().min(1).max(100).optional().describe("The intent the bot recognised, e.g. billing.refund"),
  team: teamRefSchema.optional().describe("The team (slug or id) whose queue and operators serve the chat; without it the default team. An unknown team is refused (400, details.field = team)"),
  skills: skillsSchema.optional().describe("Skills the operator must all have (tags such as it, en, billing); the session waits in its team's queue for such an operator"),
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
