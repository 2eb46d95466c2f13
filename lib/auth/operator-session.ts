import "server-only";
import { auth } from "@/lib/auth/auth";
import type { OperatorPrincipal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";

/** The signed-in operator behind a request's session cookie, or null. Deactivated operators are refused. */
export async function getOperatorFromRequest(headers: Headers): Promise<OperatorPrincipal | null> {
  if (!headers.get("cookie")) return null;
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const operator = await prisma.operator.findUnique({
    where: { id: session.user.id },
    select: { id: true, role: true, name: true, active: true },
  });
  if (!operator || !operator.active) return null;
  return { kind: "operator", operatorId: operator.id, role: operator.role, name: operator.name };
}
