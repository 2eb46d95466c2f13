import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { deliverAuthLink } from "@/lib/notifications/deliver-auth-link";
import { issueSetPasswordLink } from "@/lib/auth/issue-set-password-link";

export const LOCAL_ADMIN_EMAIL = "admin@sportello.local";

/** An operator with a password has finished setting up (better-auth keeps it on the credential account). */
const hasPassword = { authAccounts: { some: { providerId: "credential", password: { not: null } } } };

/**
 * Creates the admin account `email` (ADMIN_EMAIL, or admin@sportello.local on a laptop) unless it exists, and makes
 * sure it is an active admin. Audited; returns the operator.
 */
export async function ensureAdmin(email: string = env().ADMIN_EMAIL ?? LOCAL_ADMIN_EMAIL) {
  const normalized = email.toLowerCase();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.operator.findUnique({ where: { email: normalized }, select: { id: true, role: true, active: true } });
    if (existing?.role === "admin" && existing.active) return { id: existing.id, email: normalized, created: false };
    const operator = await tx.operator.upsert({
      where: { email: normalized },
      create: { id: randomUUID(), name: "Admin", email: normalized, role: "admin", maxChats: 3 },
      update: { role: "admin", active: true },
      select: { id: true },
    });
    await recordAuditEvent(tx, SYSTEM_ACTOR, { action: "operator.bootstrap_admin", targetType: "operator", targetId: operator.id, data: { email: normalized } });
    return { id: operator.id, email: normalized, created: !existing };
  });
}

/**
 * First start on an empty database: creates the first admin. Its set-password link is not printed here: the
 * launcher prints it once the server is ready (embedded start only). With a real database the link goes to
 * ADMIN_EMAIL through the outbox instead. Idempotent: does nothing once any admin exists.
 */
export async function bootstrapFirstAdmin(options: { emailLink: boolean }): Promise<void> {
  if ((await prisma.operator.count({ where: { role: "admin" } })) > 0) return;
  const admin = await ensureAdmin();
  console.log(`[sportello] First start: created the admin account ${admin.email}.`);
  if (options.emailLink) await deliverAuthLink({ email: admin.email, name: "Admin", url: await issueSetPasswordLink(admin.id) });
}

/**
 * While no admin has set a password yet: the first admin (the oldest active one) and, with `issue`, a fresh
 * set-password link for the launcher to print on every start until the setup is done. Null once any admin can sign in.
 */
export async function pendingFirstAdminLink(options: { issue: boolean }): Promise<{ email: string; url?: string } | null> {
  if ((await prisma.operator.count({ where: { role: "admin", active: true, ...hasPassword } })) > 0) return null;
  const first = await prisma.operator.findFirst({ where: { role: "admin", active: true }, orderBy: { createdAt: "asc" }, select: { id: true, email: true } });
  if (!first) return null;
  return { email: first.email, ...(options.issue ? { url: await issueSetPasswordLink(first.id) } : {}) };
}
