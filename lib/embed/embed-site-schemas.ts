// Contracts of the embed-site admin API (/api/admin/embed-sites). Browser-safe: the admin page uses them too.
import { z } from "zod";

/** "https://shop.example.com" or "http://localhost:8080": scheme, host and port, nothing else. */
export function parseOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  return url.origin;
}

export const originSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((value) => parseOrigin(value) !== null, "must be an origin like https://www.example.com (scheme, host and port, no path)")
  .transform((value) => parseOrigin(value) as string)
  .describe("Scheme, host and port of the site, e.g. https://www.example.com");

export const createEmbedSiteBody = z.object({
  name: z.string().trim().min(1).max(100).describe("A label for admins, e.g. the site's name"),
  origin: originSchema,
  team: z.string().trim().toLowerCase().min(1).max(50).nullish().describe("Slug of the team that serves chats opened from this site (signed identities); default: the default team"),
});
export type CreateEmbedSiteBody = z.infer<typeof createEmbedSiteBody>;

export const embedSiteParams = z.object({ id: z.string().min(1).max(100) });

export const updateEmbedSiteBody = z.object({
  team: z.string().trim().toLowerCase().min(1).max(50).nullable().describe("Slug of the team that serves chats opened from this site; null: the default team"),
});
export type UpdateEmbedSiteBody = z.infer<typeof updateEmbedSiteBody>;

export const embedSiteView = z.object({
  id: z.string(),
  name: z.string(),
  origin: z.string(),
  /** Whether the origin is listed in ALLOWED_ORIGINS: tokens from a site that is not are refused. */
  allowed: z.boolean().describe("Whether the origin is listed in the server's ALLOWED_ORIGINS; tokens are only accepted when it is"),
  secret_last4: z.string().describe("The last four characters of the signing secret, to tell secrets apart"),
  team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable().describe("The team that serves chats from this site (null: the default team)"),
  created_at: z.iso.datetime(),
  revoked_at: z.iso.datetime().nullable(),
});
export type EmbedSiteView = z.infer<typeof embedSiteView>;

export const createdEmbedSite = embedSiteView.extend({
  secret: z.string().describe("The HS256 signing secret. Shown in this response only: store it on your server."),
});
export type CreatedEmbedSite = z.infer<typeof createdEmbedSite>;

export const verifyIdentityTokenBody = z.object({
  token: z.string().trim().min(1).max(4096),
  origin: originSchema.optional().describe("The site presenting the token; leave out to check it as the customer chat page would"),
});

export const UNVERIFIED_REASONS = [
  "malformed",
  "algorithm_not_allowed",
  "bad_signature",
  "expired",
  "lifetime_too_long",
  "invalid_claims",
  "unknown_site",
  "origin_not_allowed",
  "site_revoked",
] as const;

export const identityVerificationView = z.discriminatedUnion("verified", [
  z.object({ verified: z.literal(true), email: z.string(), name: z.string().optional(), site_id: z.string() }),
  z.object({ verified: z.literal(false), reason: z.enum(UNVERIFIED_REASONS) }),
]);
export type IdentityVerificationView = z.infer<typeof identityVerificationView>;
