// Canned responses: the API's bodies and queries, shared by the handlers, the panel forms and the OpenAPI document.
// Browser-safe.
import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { localeSchema, sessionIdSchema } from "@/lib/schemas/common";

export const CANNED_SCOPES = ["personal", "team", "everyone"] as const;
export const cannedScopeSchema = z.enum(CANNED_SCOPES);
export type CannedScope = z.infer<typeof cannedScopeSchema>;

export const CANNED_BODY_MAX = 4000;

/** `refund`, `hours-it`: what follows the `/` in the composer. */
export const cannedShortcutSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}_-]{1,40}$/u, "letters, digits, - and _ only, at most 40");

/** The text per locale of the desk (lib/i18n/config.ts): at least one, none empty. */
export const cannedBodiesSchema = z
  .partialRecord(localeSchema, z.string().trim().min(1, "empty text").max(CANNED_BODY_MAX))
  .refine((bodies) => LOCALES.some((locale) => bodies[locale] !== undefined), "give the text in at least one locale");
export type CannedBodies = z.infer<typeof cannedBodiesSchema>;

export const createCannedResponseBody = z.object({
  shortcut: cannedShortcutSchema,
  title: z.string().trim().min(1).max(120),
  bodies: cannedBodiesSchema,
  scope: cannedScopeSchema.default("personal").describe("personal (yours), team (admins: its members) or everyone (admins)"),
  team: z.string().trim().min(1).max(100).optional().describe("team scope: the team's slug or id"),
});
export type CreateCannedResponseBody = z.infer<typeof createCannedResponseBody>;

export const updateCannedResponseBody = z
  .object({
    shortcut: cannedShortcutSchema.optional(),
    title: z.string().trim().min(1).max(120).optional(),
    bodies: cannedBodiesSchema.optional().describe("replaces every locale's text"),
    scope: cannedScopeSchema.optional(),
    team: z.string().trim().min(1).max(100).optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), "nothing to change");
export type UpdateCannedResponseBody = z.infer<typeof updateCannedResponseBody>;

export const cannedResponseParams = z.object({ id: z.string().min(1).max(100) });

export const listCannedResponsesQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe("words of the shortcut or title (a leading / is ignored)"),
    session_id: sessionIdSchema.optional().describe("render the variables from this chat (one you may see)"),
    ticket_id: z.string().trim().min(1).max(64).optional().describe("render the variables from this ticket (number or id)"),
    scope: cannedScopeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => !(query.session_id && query.ticket_id), "give session_id or ticket_id, not both");
export type ListCannedResponsesQuery = z.infer<typeof listCannedResponsesQuery>;

/** Sent with a message (chat or ticket reply): the responses inserted into it, counted once it is stored. */
export const cannedResponseIdsField = z
  .array(z.string().min(1).max(100))
  .max(20)
  .optional()
  .describe("canned responses inserted into this message: their usage counts go up when it is stored");

export const cannedRenderedSchema = z.object({
  locale: localeSchema,
  text: z.string().describe("the body with the variables filled; an unknown or empty one stays as {{name}}"),
  missing: z.array(z.string()).describe("variables left as {{name}}: the operator fills them in before sending"),
});
export type CannedRendered = z.infer<typeof cannedRenderedSchema>;

export const cannedResponseViewSchema = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  bodies: z.record(z.string(), z.string()),
  scope: cannedScopeSchema,
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  usage_count: z.number().int(),
  last_used_at: z.string().nullable(),
  can_edit: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  rendered: cannedRenderedSchema.optional().describe("with session_id or ticket_id: the text for that conversation"),
});
export type CannedResponseView = z.infer<typeof cannedResponseViewSchema>;
