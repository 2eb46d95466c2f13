import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { deliverAuthLink } from "@/lib/notifications/deliver-auth-link";
import { issueSetPasswordLink } from "@/lib/auth/issue-set-password-link";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";

export type SetPasswordLinkPurpose = "invite" | "password_reset";

const AUDIT_ACTION: Record<SetPasswordLinkPurpose, string> = { invite: "operator.invite_resent", password_reset: "operator.password_reset_sent" };

/**
 * An admin sends an operator a fresh set-password link: the invite again (while the operator has no password yet) or
 * a password reset (once they have one). The link goes only to the operator's own email, through the outbox; the
 * action is audited with who asked. A deactivated operator gets nothing: reactivate first.
 */
export async function sendSetPasswordLink(operatorId: string, purpose: SetPasswordLinkPurpose, actor: Actor) {
  const operator = await prisma.operator.findUnique({
    where: { id: operatorId },
    select: { id: true, name: true, email: true, active: true, authAccounts: { where: { providerId: "credential", password: { not: null } }, select: { id: true } } },
  });
  if (!operator) throw new ApiError("NOT_FOUND", "Operator not found");
  if (!operator.active) throw new ApiError("INVALID_STATE", "The operator is deactivated: reactivate them first");
  const hasPassword = operator.authAccounts.length > 0;
  if (purpose === "invite" && hasPassword) throw new ApiError("INVALID_STATE", "The operator has already set a password: send a password reset instead");
  const url = await issueSetPasswordLink(operator.id);
  const notificationId = await prisma.$transaction(async (tx) => {
    const id = await deliverAuthLink({ email: operator.email, name: operator.name, url }, tx);
    await recordAuditEvent(tx, actor, { action: AUDIT_ACTION[purpose], targetType: "operator", targetId: operator.id, data: { email: operator.email } });
    return id;
  });
  return { operator_id: operator.id, purpose, sent_to: operator.email, notification_id: notificationId };
}
