import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { prisma } from "@/lib/db/client";
import { appUrl, env, isBuildPhase } from "@/lib/env";
import { deliverAuthLink } from "@/lib/notifications/deliver-auth-link";
import { AUTH_CLIENT_IP_HEADER } from "@/lib/net/request-address";
import { isOwnRedirect, setPasswordUrl, trustedAuthOrigins } from "@/lib/auth/auth-origins";

export const SET_PASSWORD_LINK_SECONDS = 60 * 60 * 24 * 3;

function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (secret) return secret;
  if (env().NODE_ENV === "production" && !isBuildPhase()) throw new Error("AUTH_SECRET must be set in production");
  // npm start generates and passes a persistent secret; this only serves `next dev` and tests without one.
  return "sportello-development-secret-do-not-use-in-production";
}

/**
 * Operator sign-in (better-auth): email + password, HttpOnly cookie sessions, rate-limited sign-in stored in
 * PostgreSQL so the limit holds across instances. Operators are the user model; sign-up is closed: admins invite,
 * and an invite is a set-password link (better-auth's reset-password token).
 */
export const auth = betterAuth({
  appName: "Sportello",
  baseURL: appUrl(),
  secret: authSecret(),
  // Only the app's own origins (and both loopback names on a laptop): better-auth refuses every cookie-setting POST
  // from any other Origin, and every callback/redirect URL outside them. Embed sites (ALLOWED_ORIGINS) are not here:
  // they never sign anyone in, and a reset link must never lead to them.
  trustedOrigins: trustedAuthOrigins(),
  telemetry: { enabled: false },
  database: prismaAdapter(prisma, { provider: "postgresql" }),
  user: {
    modelName: "operator",
    additionalFields: {
      role: { type: "string", input: false, defaultValue: "operator" },
      status: { type: "string", input: false, defaultValue: "offline" },
      active: { type: "boolean", input: false, defaultValue: true },
      locale: { type: "string", input: false, defaultValue: "it" },
    },
  },
  session: { modelName: "authSession", expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
  account: { modelName: "authAccount" },
  verification: { modelName: "authVerification" },
  emailAndPassword: {
    enabled: true,
    disableSignUp: true,
    minPasswordLength: 10,
    maxPasswordLength: 128,
    revokeSessionsOnPasswordReset: true,
    // Invites and first-admin setup links are password-reset links: valid for 3 days.
    resetPasswordTokenExpiresIn: SET_PASSWORD_LINK_SECONDS,
    // The link goes straight to our own set-password page (never to a caller-chosen redirectTo), and only to the
    // operator's email through the outbox: nothing is printed, whoever asked.
    sendResetPassword: async ({ user, token }) => {
      await deliverAuthLink({ email: user.email, name: user.name, url: setPasswordUrl(token) });
    },
  },
  rateLimit: {
    enabled: true,
    storage: "database",
    modelName: "authRateLimit",
    window: 60,
    max: 100,
    customRules: {
      "/sign-in/email": { window: 60, max: 5 },
      "/request-password-reset": { window: 60, max: 3 },
    },
  },
  advanced: {
    // Secure cookies whenever the public URL is https (production on Render); plain http only on a laptop.
    useSecureCookies: appUrl().startsWith("https://"),
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    // better-auth skips its Origin/CSRF checks when NODE_ENV is "test": set explicitly, the checks run in every
    // environment, so the tests prove what production does.
    disableOriginCheck: false,
    disableCSRFCheck: false,
    // Set by app/api/auth/[...all]/route.ts from clientIp() (socket + TRUSTED_PROXIES); a client cannot write it.
    ipAddress: { ipAddressHeaders: [AUTH_CLIENT_IP_HEADER] },
  },
  hooks: {
    // Reset and invite callbacks only to this app: better-auth would otherwise accept any trusted origin.
    before: createAuthMiddleware(async (ctx) => {
      const redirectTo = (ctx.body as { redirectTo?: unknown } | undefined)?.redirectTo;
      if (ctx.path === "/request-password-reset" && redirectTo !== undefined && !isOwnRedirect(redirectTo)) {
        throw new APIError("FORBIDDEN", { message: "redirectTo must be a page of this app", code: "INVALID_REDIRECT_URL" });
      }
    }),
  },
  databaseHooks: {
    session: {
      create: {
        // A deactivated operator keeps their password but can no longer open a session.
        before: async (session) => {
          const operator = await prisma.operator.findUnique({ where: { id: session.userId }, select: { active: true } });
          if (!operator?.active) throw new APIError("FORBIDDEN", { message: "This account has been deactivated", code: "ACCOUNT_DEACTIVATED" });
        },
      },
    },
  },
  plugins: [nextCookies()],
});
