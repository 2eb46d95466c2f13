// Operator management contracts (admin) and the operator's own status. Browser-safe.
import { z } from "zod";
import { e164Schema, emailSchema, localeSchema } from "@/lib/schemas/common";
import { skillsSchema, teamSlugSchema } from "@/lib/schemas/teams";

const operatorTeamsSchema = z.array(teamSlugSchema).max(50).describe("Slugs of the teams the operator serves (replaces the list)");

export const operatorRoleSchema = z.enum(["operator", "admin", "supervisor"]);
export const operatorStatusSchema = z.enum(["online", "away", "offline"]);

export const createOperatorBody = z.object({
  name: z.string().trim().min(1).max(120),
  email: emailSchema,
  phone: e164Schema.nullish(),
  role: operatorRoleSchema.default("operator"),
  max_chats: z.number().int().min(1).max(50).default(3),
  locale: localeSchema.default("it"),
  teams: operatorTeamsSchema.optional().describe("Slugs of the teams the operator serves; without it the default team"),
  skills: skillsSchema.optional().describe("Skills as tags, e.g. it, en, billing"),
});

export const updateOperatorBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    phone: e164Schema.nullable(),
    role: operatorRoleSchema,
    status: operatorStatusSchema,
    max_chats: z.number().int().min(1).max(50),
    active: z.boolean(),
    locale: localeSchema,
    teams: operatorTeamsSchema,
    skills: skillsSchema.describe("Skills as tags, e.g. it, en, billing (replaces the list)"),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");

export const updateSelfBody = z
  .object({ status: operatorStatusSchema, locale: localeSchema })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");

export type UpdateOperatorBody = z.infer<typeof updateOperatorBody>;

/** An online operator with free seats, as the transfer picker shows them. */
export const onlineOperatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  max_chats: z.number().int(),
  active_chats: z.number().int(),
  free_seats: z.number().int(),
});
export type OnlineOperator = z.infer<typeof onlineOperatorSchema>;
