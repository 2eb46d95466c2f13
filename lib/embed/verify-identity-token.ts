import "server-only";
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { allowedOrigins, appUrl } from "@/lib/env";
import type { UNVERIFIED_REASONS } from "@/lib/embed/embed-site-schemas";
import { emailSchema } from "@/lib/schemas/common";

/** Longest accepted token lifetime: identities are re-signed by the site at least daily. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** Tolerated clock difference between the signing site's server and ours. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export type UnverifiedReason = (typeof UNVERIFIED_REASONS)[number];

export type IdentityVerification =
  | { verified: true; email: string; name?: string; siteId: string }
  | { verified: false; reason: UnverifiedReason };

const claimsSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200).optional(),
});

const joseCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * The origin of the site presenting the token: the request's Origin header, else its Referer, when they name
 * another site than Sportello itself. Null for same-origin calls (the customer chat page) and server-to-server
 * calls: then the token may be signed by any registered, allowed, active site.
 */
export function presentingOrigin(request: Request): string | null {
  const own = new Set([new URL(request.url).origin, new URL(appUrl()).origin]);
  // Behind a proxy (Render) the public host may be neither APP_URL nor the internal URL.
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) own.add(`${request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "")}://${host.split(",")[0].trim()}`);
  for (const candidate of [request.headers.get("origin"), request.headers.get("referer")]) {
    if (!candidate || candidate === "null") continue;
    try {
      const origin = new URL(candidate).origin;
      if (!own.has(origin)) return origin;
    } catch {
      // an unparsable header says nothing about the site
    }
  }
  return null;
}

async function candidateSites(origin: string | null): Promise<{ id: string; secret: string }[] | UnverifiedReason> {
  const allowed = allowedOrigins();
  if (origin) {
    if (!allowed.includes(origin)) return "origin_not_allowed";
    const site = await prisma.embedSite.findUnique({ where: { origin }, select: { id: true, secret: true, revokedAt: true } });
    if (!site) return "unknown_site";
    if (site.revokedAt) return "site_revoked";
    return [site];
  }
  const sites = await prisma.embedSite.findMany({ where: { revokedAt: null, origin: { in: allowed } }, select: { id: true, secret: true } });
  return sites.length ? sites : "unknown_site";
}

function lifetimeOk(payload: JWTPayload, nowSeconds: number): boolean {
  const exp = payload.exp as number;
  if (exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return false;
  if (typeof payload.iat === "number" && exp - payload.iat > MAX_TOKEN_LIFETIME_SECONDS) return false;
  return true;
}

/**
 * Checks a visitor identity signed by an embedding site: HS256 only (never "none", never an asymmetric algorithm
 * whose public key an attacker could pass off as the secret), `exp` required and at most 24 hours away, 60 seconds
 * of clock tolerance, the secret of the presenting site — which must be registered, not revoked and listed in
 * ALLOWED_ORIGINS. Tokens are bearer credentials: binding them to the presenting origin keeps one site's tokens
 * from vouching for visitors on another.
 */
export async function verifyIdentityToken(token: string, context: { origin: string | null }, now = new Date()): Promise<IdentityVerification> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return { verified: false, reason: "malformed" };
  }
  if (alg !== "HS256") return { verified: false, reason: "algorithm_not_allowed" };

  const sites = await candidateSites(context.origin);
  if (typeof sites === "string") return { verified: false, reason: sites };

  let failure: UnverifiedReason = "bad_signature";
  for (const site of sites) {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(site.secret), {
        algorithms: ["HS256"],
        requiredClaims: ["exp"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: now,
      });
      if (!lifetimeOk(payload, Math.floor(now.getTime() / 1000))) return { verified: false, reason: "lifetime_too_long" };
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { verified: false, reason: "invalid_claims" };
      return { verified: true, email: claims.data.email, ...(claims.data.name ? { name: claims.data.name } : {}), siteId: site.id };
    } catch (error) {
      // Claims are checked only after the signature, so these mean the secret was right: no other site will do.
      const code = joseCode(error);
      if (code === "ERR_JWT_EXPIRED") return { verified: false, reason: "expired" };
      if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") return { verified: false, reason: "invalid_claims" };
      if (code === "ERR_JWS_INVALID" || code === "ERR_JWT_INVALID") failure = "malformed";
      else if (code !== "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") throw error;
    }
  }
  return { verified: false, reason: failure };
}

const REASON_MESSAGES: Record<UnverifiedReason, string> = {
  malformed: "identity_token is not a well-formed JWT",
  algorithm_not_allowed: "identity_token must be signed with HS256",
  bad_signature: "identity_token's signature does not match the site's secret",
  expired: "identity_token has expired",
  lifetime_too_long: `identity_token must expire within ${MAX_TOKEN_LIFETIME_SECONDS / 3600} hours`,
  invalid_claims: "identity_token needs a valid email claim (name optional) and a numeric exp",
  unknown_site: "no registered embed site can verify identity_token",
  origin_not_allowed: "the presenting origin is not in ALLOWED_ORIGINS",
  site_revoked: "the presenting site's secret was revoked",
};

/** For route handlers: the verified identity, or a 401 INVALID_IDENTITY_TOKEN naming the reason. */
export async function requireVerifiedIdentity(token: string, request: Request): Promise<{ email: string; name?: string; siteId: string }> {
  const result = await verifyIdentityToken(token, { origin: presentingOrigin(request) });
  if (!result.verified) throw new ApiError("INVALID_IDENTITY_TOKEN", REASON_MESSAGES[result.reason], { details: { reason: result.reason } });
  return { email: result.email, ...(result.name ? { name: result.name } : {}), siteId: result.siteId };
}
