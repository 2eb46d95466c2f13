// CSAT contracts: the customer's rating and the admin's switch. Browser-safe.
import { z } from "zod";

export const ratingBody = z.object({
  score: z.number().int().min(1).max(5).describe("1 (very unhappy) to 5 (very happy)"),
  comment: z.string().trim().max(2000).optional(),
});
export type RatingBody = z.infer<typeof ratingBody>;

/** The token of a closed chat's emailed rating link (request-chat-rating.ts): 256 random bits, base64url. */
export const chatRatingTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const ratingResult = z.object({
  id: z.string(),
  score: z.number().int(),
  comment: z.string().nullable(),
  created_at: z.iso.datetime(),
});

/** GET /api/admin/csat: `team` narrows the weeks and operators to one team's conversations. */
export const csatOverviewQuery = z.object({ team: z.string().trim().min(1).max(100).optional() });

/** When the customer is asked: switched off entirely, or per moment (a chat closing, a ticket resolved). */
export const csatSettingsSchema = z.object({
  enabled: z.boolean(),
  on_chat_close: z.boolean(),
  on_ticket_resolve: z.boolean(),
});
export type CsatSettings = z.infer<typeof csatSettingsSchema>;
export const DEFAULT_CSAT_SETTINGS: CsatSettings = { enabled: true, on_chat_close: true, on_ticket_resolve: true };
