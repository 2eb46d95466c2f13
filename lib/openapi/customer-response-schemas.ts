// Documented shapes of the customer-side answers added by issue 13 (waiting, leaving a message, WhatsApp, ratings),
// each checked at compile time against what the code returns, like response-schemas.ts.
import { z } from "zod";
import type { continueOnWhatsapp } from "@/lib/chat/continue-on-whatsapp";
import type { getEtaAccuracy } from "@/lib/chat/get-eta-accuracy";
import type { leaveMessage } from "@/lib/chat/leave-message";
import type { getCsatStats } from "@/lib/csat/get-csat-stats";
import type { uploadAttachment } from "@/lib/chat/upload-attachment";
import type { Describes } from "@/lib/openapi/response-schemas";


const accuracy = {
  served: z.number().int().describe("Customers an operator took from the queue in the window"),
  median_abs_error_minutes: z.number().nullable().describe("Median of |wait got − wait promised at queue time|, in minutes"),
  within_promise_ratio: z.number().nullable().describe("Share served within the promised wait (0–1)"),
};

export const etaAccuracySchema = z.object({
  window_days: z.number().int(),
  ...accuracy,
  by_priority: z.object({ low: z.object(accuracy), medium: z.object(accuracy), high: z.object(accuracy), urgent: z.object(accuracy) }),
  by_team: z.record(z.string(), z.object(accuracy)).describe("Per team slug, for the teams that served someone from their queue in the window"),
});
const _eta: Describes<z.output<typeof etaAccuracySchema>, Awaited<ReturnType<typeof getEtaAccuracy>>> = true;

export const csatStatsSchema = z.object({
  window_days: z.number().int(),
  responses: z.number().int(),
  average_score: z.number().nullable().describe("1–5"),
  satisfied_ratio: z.number().nullable().describe("Share of 4s and 5s (0–1)"),
  by_team: z
    .array(z.object({ team_id: z.string(), name: z.string(), responses: z.number().int(), average_score: z.number(), satisfied_ratio: z.number() }))
    .describe("The same figures per team (the team of the rated chat or ticket), teams with ratings only"),
});
const _csat: Describes<z.output<typeof csatStatsSchema>, Awaited<ReturnType<typeof getCsatStats>>> = true;

export const leftMessageSchema = z.object({
  session_id: z.string(),
  status: z.literal("ticketed"),
  ticket_number: z.number().int(),
  ticket_url: z.string().describe("The customer's private page for the ticket, with the conversation so far"),
  reply_via: z.array(z.enum(["email", "whatsapp"])).describe("Where the answer will arrive"),
});
const _left: Describes<z.output<typeof leftMessageSchema>, Awaited<ReturnType<typeof leaveMessage>>> = true;

export const whatsappContinueSchema = z.object({
  session_id: z.string(),
  status: z.literal("queued"),
  position: z.number().int().describe("Unchanged: the customer keeps their place"),
  whatsapp_to: z.string().describe("The masked number the first WhatsApp message went to"),
  requested_at: z.iso.datetime(),
});
const _whatsapp: Describes<z.output<typeof whatsappContinueSchema>, Awaited<ReturnType<typeof continueOnWhatsapp>>> = true;

export const attachmentSchema = z.object({
  id: z.string().describe("Random, 144 bits; GET /api/chat/attachments/{id}"),
  name: z.string().describe("The uploaded name, cleaned, with the extension of the type found in the bytes"),
  content_type: z.enum(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]).describe("Detected from the bytes"),
  size: z.number().int().describe("Bytes"),
});
const _attachment: Describes<z.output<typeof attachmentSchema>, Awaited<ReturnType<typeof uploadAttachment>>> = true;
