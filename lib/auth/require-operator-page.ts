import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getOperatorFromRequest } from "@/lib/auth/operator-session";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export const pageOperatorSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  status: true,
  maxChats: true,
  locale: true,
} satisfies Prisma.OperatorSelect;

export type PageOperator = Prisma.OperatorGetPayload<{ select: typeof pageOperatorSelect }>;

export interface RequireOperatorPageOptions {
  /**
   * "admin" restricts the page to admins, "supervisor" to supervisors and admins; others get the 403 page.
   * Default: any signed-in operator.
   */
  role?: "admin" | "supervisor";
  /** Where to come back to after signing in (a path on this site). */
  returnTo?: string;
}

/**
 * For server-rendered pages: the signed-in, active operator, or a redirect to /login (coming back afterwards), or
 * the 403 page when the role is not enough. Route handlers use `route({ auth })` instead.
 */
export async function requireOperatorPage(options: RequireOperatorPageOptions = {}): Promise<PageOperator> {
  const principal = await getOperatorFromRequest(await headers());
  if (!principal) redirect(`/login?next=${encodeURIComponent(safeReturnPath(options.returnTo))}`);
  const operator = await prisma.operator.findUnique({ where: { id: principal.operatorId }, select: pageOperatorSelect });
  if (!operator) redirect("/login");
  if (options.role === "admin" && operator.role !== "admin") forbidden();
  if (options.role === "supervisor" && operator.role === "operator") forbidden();
  return operator;
}
