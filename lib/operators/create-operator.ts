import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { deliverAuthLink } from "@/lib/notifications/deliver-auth-link";
import { issueSetPasswordLink } from "@/lib/auth/issue-set-password-link";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import { operatorSelect, toOperatorView } from "@/lib/operators/operator-view";
import type { createOperatorBody } from "@/lib/schemas/operators";
import { setOperatorTeams } from "@/lib/teams/set-operator-teams";

/** Creates an operator (offline until they sign in) and sends the invite: a link to set their password. */
export async function createOperator(input: z.infer<typeof createOperatorBody>, actor: Actor) {
  const email = input.email.toLowerCase();
  const existing = await prisma.operator.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new ApiError("CONFLICT", "An operator with this email already exists", { details: { field: "email" } });
  const operator = await prisma.$transaction(async (tx) => {
    const id = randomUUID();
    await tx.operator.create({
      data: { id, name: input.name, email, phone: input.phone ?? null, role: input.role, maxChats: input.max_chats, locale: input.locale, skills: input.skills ?? [] },
    });
    // A new operator is in the default team (a database trigger) unless the admin named their teams.
    if (input.teams) await setOperatorTeams(tx, id, input.teams);
    const created = await tx.operator.findUniqueOrThrow({ where: { id }, select: operatorSelect });
    await recordAuditEvent(tx, actor, { action: "operator.created", targetType: "operator", targetId: created.id, data: { email, role: input.role, teams: input.teams ?? null, skills: input.skills ?? [] } });
    return created;
  });
  // The invite goes to the operator's email only, through the outbox (readable in the panel with no provider).
  await deliverAuthLink({ email, name: operator.name, url: await issueSetPasswordLink(operator.id) });
  return toOperatorView(operator, 0);
}
