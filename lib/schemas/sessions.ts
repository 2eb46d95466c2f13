// Chat session contracts. Browser-safe.
import { z } from "zod";
import { cannedResponseIdsField } from "@/lib/schemas/canned-responses";
import { e164Schema, emailSchema, localeSchema, sessionIdSchema } from "@/lib/schemas/common";

export const sessionParams = z.object({ id: sessionIdSchema });
export const sessionQuery = z.object({ after_seq: z.coerce.number().int().min(0).default(0) });
export const postMessageBody = z.object({
  body: z.string().trim().min(1, "message is empty").max(4000),
  as: z.enum(["customer", "operator"]).optional(),
  sender: z
    .enum(["customer", "bot"])
    .optional()
    .describe("Relay (chatbot API key only): whose message the bot is posting; a bot message while a human owns the chat is 409 HUMAN_OWNS_CONVERSATION"),
  canned_response_ids: cannedResponseIdsField,
});
export const closeSessionBody = z.object({ reason: z.string().trim().max(200).optional() });
export const readBody = z.object({ seq: z.number().int().min(0) });
export const handbackBody = z.object({ note: z.string().trim().max(2000).optional() });
export const transferBody = z.object({ operator_id: z.string().min(1).max(100) });
export const claimSessionBody = z.object({
  resume_token: z.string().trim().min(16).max(128).optional().describe("From a resume link (`?resume=`): moves the conversation to this browser"),
});
export const transcriptBody = z.object({
  email: emailSchema.optional().describe("Only when the chat has no address on record; otherwise it goes to the address the chat was opened with"),
  locale: localeSchema.optional(),
});
export const leaveMessageBody = z.object({
  email: emailSchema.optional().describe("Only used when the chat has no email on record; never replaces a stored address"),
  phone: e164Schema.optional().describe("Only used when the chat has no phone on record; never replaces a stored number"),
});
export const attachmentParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{20,40}$/) });
export const attachmentQuery = z.object({
  expires: z.coerce.number().int().positive().optional(),
  signature: z.string().max(100).optional().describe("With `expires`: a signed link Sportello hands to Twilio for WhatsApp media"),
});
