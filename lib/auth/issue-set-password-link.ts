import "server-only";
import { randomBytes } from "node:crypto";
import { SET_PASSWORD_LINK_SECONDS, auth } from "@/lib/auth/auth";
import { setPasswordUrl } from "@/lib/auth/auth-origins";

/**
 * A fresh one-time set-password link for an operator: the same better-auth reset token a reset request creates
 * (better-auth's own POST /api/auth/reset-password consumes it), without sending it anywhere. The caller decides
 * where it goes: the outbox for invites and resets, the console only for the first admin on a laptop.
 */
export async function issueSetPasswordLink(operatorId: string): Promise<string> {
  const context = await auth.$context;
  const token = randomBytes(24).toString("base64url");
  await context.internalAdapter.createVerificationValue({
    value: operatorId,
    identifier: `reset-password:${token}`,
    expiresAt: new Date(Date.now() + SET_PASSWORD_LINK_SECONDS * 1000),
  });
  return setPasswordUrl(token);
}
