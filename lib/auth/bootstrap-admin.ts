import "server-only";
import { randomUUID } from "node:crypto";
import { auth } from "@/lib/auth/auth";
import { prisma } from "@/lib/db/client";
import { appUrl, env } from "@/lib/env";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";

export const LOCAL_ADMIN_EMAIL = "admin@sportello.local";

/**
 * First start on an empty database: creates the first admin (ADMIN_EMAIL, or admin@localhost on a laptop) and
 * issues a one-time set-password link, printed to the console (and emailed when email is configured).
 * Idempotent: does nothing once any admin exists.
 */
export async function bootstrapFirstAdmin(): Promise<void> {
  const admins = await prisma.operator.count({ where: { role: "admin" } });
  if (admins > 0) return;
  const email = (env().ADMIN_EMAIL ?? LOCAL_ADMIN_EMAIL).toLowerCase();
  await prisma.$transaction(async (tx) => {
    const operator = await tx.operator.upsert({
      where: { email },
      create: { id: randomUUID(), name: "Admin", email, role: "admin", maxChats: 3 },
      update: { role: "admin", active: true },
    });
    await recordAuditEvent(tx, SYSTEM_ACTOR, { action: "operator.bootstrap_admin", targetType: "operator", targetId: operator.id });
  });
  console.log(`\n[sportello] First start: created the admin account ${email}.`);
  await auth.api.requestPasswordReset({ body: { email, redirectTo: `${appUrl()}/set-password` } });
  if (env().ADMIN_API_KEY) console.log("[sportello] The ADMIN_API_KEY from the environment also works as a bearer admin key for the API.");
}
