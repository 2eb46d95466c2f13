// Teams and skills (issue 12): the contracts of /api/admin/teams and the team/skills fields elsewhere. Browser-safe.
import { z } from "zod";
import { businessHoursSchema } from "@/lib/schemas/escalation-rules";
import { e164Schema } from "@/lib/schemas/common";

/** The team every session without one belongs to (created by the migration; its id and first slug). */
export const DEFAULT_TEAM_ID = "default";

export const teamSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "lowercase letters, digits and -, at most 50");

/** A team named by a caller: its slug or its id. */
export const teamRefSchema = z.string().trim().min(1).max(100).describe("The team's slug (or id)");

export const skillSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "a tag of letters, digits, _ . -, at most 40");

/** Skills as tags, deduplicated; a session requiring several goes only to an operator with all of them. */
export const skillsSchema = z
  .array(skillSchema)
  .max(20)
  .transform((skills) => [...new Set(skills)].sort());

export const teamBody = z.object({
  name: z.string().trim().min(1).max(100),
  slug: teamSlugSchema,
  business_hours: businessHoursSchema.nullish().describe("The team's own business hours and holidays (null: the desk's)"),
  max_queue_length: z.number().int().min(0).max(10_000).nullish().describe("Past this many waiting in the team's queue a request becomes a ticket (null: the desk's)"),
  max_queue_wait_minutes: z.number().int().min(1).max(24 * 60).nullish().describe("Past this wait in the team's queue a session becomes a ticket (null: the desk's)"),
  fallback_team: teamRefSchema.nullish().describe("Slug or id of the team a session still waiting after fallback_after_minutes moves to, keeping its arrival time"),
  fallback_after_minutes: z.number().int().min(1).max(24 * 60).nullish(),
  members: z.array(z.string().min(1).max(100)).max(1000).optional().describe("Operator ids: the team's members (replaces the list)"),
  whatsapp_number: e164Schema.nullish().describe("WhatsApp messages to this number (E.164) open conversations in this team"),
});
export type TeamBody = z.infer<typeof teamBody>;

export const teamPatchBody = teamBody.partial().refine((v) => Object.keys(v).length > 0, "nothing to update");

export const teamParams = z.object({ id: z.string().min(1).max(100) });
export type TeamPatchBody = z.infer<typeof teamPatchBody>;

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  is_default: z.boolean(),
  business_hours: businessHoursSchema.nullable(),
  max_queue_length: z.number().int().nullable(),
  max_queue_wait_minutes: z.number().int().nullable(),
  fallback_team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  fallback_after_minutes: z.number().int().nullable(),
  whatsapp_number: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), skills: z.array(z.string()) })),
  queued: z.number().int().describe("Sessions waiting in this team's queue now"),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TeamView = z.infer<typeof teamView>;

/** A team as sessions and queue lists show it. */
export const teamRefView = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export type TeamRefView = z.infer<typeof teamRefView>;

/** `?team=` on the stats: a team's slug or id. */
export const teamFilterQuery = z.object({ team: teamRefSchema.optional().describe("A team's slug or id: that team's seats, queue and sessions only") });
