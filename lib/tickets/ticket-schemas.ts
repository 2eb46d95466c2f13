// Contracts of the ticket API (/api/tickets/*, /api/public/tickets/*). Browser-safe: the admin forms use them too.
import { z } from "zod";
import { cannedResponseIdsField } from "@/lib/schemas/canned-responses";
import { e164Schema, emailSchema, localeSchema, metadataSchema, prioritySchema } from "@/lib/schemas/common";

export const TICKET_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const CHANNELS = ["web", "whatsapp", "email"] as const;
export const channelSchema = z.enum(CHANNELS);

export const REPLY_CHANNELS = ["email", "whatsapp"] as const;

export const createTicketBody = z
  .object({
    user_id: z.string().trim().min(1).max(200).nullish(),
    user_email: emailSchema.nullish(),
    user_phone: e164Schema.nullish(),
    user_name: z.string().trim().min(1).max(200).nullish(),
    question: z.string().trim().min(1).max(4000),
    priority: prioritySchema.default("medium"),
    metadata: metadataSchema.nullish(),
    locale: localeSchema.optional(),
  })
  .refine((body) => Boolean(body.user_email || body.user_phone), {
    message: "user_email or user_phone is required",
    path: ["user_email"],
  });
export type CreateTicketBody = z.infer<typeof createTicketBody>;

// Query strings arrive as text: booleans and numbers are parsed here, and a bad value is a 400.
const queryBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const listOf = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(10));
const dateParam = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) && !Number.isNaN(Date.parse(v)), "must be a date (YYYY-MM-DD) or an ISO timestamp")
  .transform((v) => new Date(v));

export const listTicketsQuery = z.object({
  status: listOf(ticketStatusSchema).optional(),
  priority: listOf(prioritySchema).optional(),
  channel: listOf(channelSchema).optional(),
  /** An operator id, "me" (the caller) or "none" (unassigned). */
  assignee: z.string().trim().min(1).max(100).optional(),
  overdue: queryBool.optional(),
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  sort: z.enum(["created_desc", "created_asc", "due_asc", "updated_desc", "priority_desc"]).default("created_desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_\-.: ]+$/u, "letters, digits, spaces and _ - . : only");

export const updateTicketBody = z
  .object({
    status: ticketStatusSchema.optional(),
    priority: prioritySchema.optional(),
    assignee_id: z.string().trim().min(1).max(100).nullable().optional(),
    tags: z.array(tag).max(20).optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: "nothing to update" });
export type UpdateTicketBody = z.infer<typeof updateTicketBody>;

export const ticketNoteBody = z.object({ body: z.string().trim().min(1).max(10_000) });

export const ticketReplyBody = z.object({
  body: z.string().trim().min(1).max(4_000),
  channels: z
    .array(z.enum(REPLY_CHANNELS))
    .min(1)
    .max(2)
    .refine((list) => new Set(list).size === list.length, "channels must not repeat"),
  /** The status the ticket takes with the reply (Zendesk's "submit as"): usually pending, waiting on the customer. */
  status: z.enum(["open", "pending", "resolved"]).optional(),
  canned_response_ids: cannedResponseIdsField,
  /** Files uploaded with POST /api/tickets/{id}/attachments for this reply: sent as email attachments (and WhatsApp media). */
  attachment_ids: z
    .array(z.string().trim().min(1).max(64))
    .max(10)
    .refine((list) => new Set(list).size === list.length, "attachment_ids must not repeat")
    .optional(),
});
export type TicketReplyBody = z.infer<typeof ticketReplyBody>;

export const customerReplyBody = z.object({ body: z.string().trim().min(1).max(4_000) });

/** A ticket reference in a URL: its number (1042, or #1042 encoded) or its id. */
export const ticketRefParams = z.object({ id: z.string().trim().min(1).max(64) });

/** The customer's key to the public ticket page: 24 random bytes, base64url. */
export const ticketTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
