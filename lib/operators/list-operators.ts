import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { operatorSelect, toOperatorView } from "@/lib/operators/operator-view";
import type { OnlineOperator } from "@/lib/schemas/operators";

/** Every operator with their live load, active ones first (the admin's operators page). */
export async function listOperators() {
  const [operators, load] = await Promise.all([
    prisma.operator.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }], select: operatorSelect }),
    prisma.chatSession.groupBy({ by: ["operatorId"], where: { status: "active" }, _count: { _all: true } }),
  ]);
  const active = new Map(load.map((row) => [row.operatorId, row._count._all]));
  return operators.map((o) => toOperatorView(o, active.get(o.id) ?? 0));
}

/** One operator with their live load, or 404. */
export async function getOperatorOrThrow(id: string) {
  const operator = await prisma.operator.findUnique({ where: { id }, select: operatorSelect });
  if (!operator) throw new ApiError("NOT_FOUND", "Operator not found");
  return toOperatorView(operator, await prisma.chatSession.count({ where: { operatorId: operator.id, status: "active" } }));
}

/** Online operators and their free seats, for the transfer picker. */
export async function listOnlineOperators(): Promise<OnlineOperator[]> {
  // One query for the seats of every online operator (a groupBy per operator would be a round trip each).
  const rows = await prisma.$queryRaw<{ id: string; name: string; max_chats: number; active_chats: bigint }[]>`
    SELECT o.id, o.name, o.max_chats,
           (SELECT count(*) FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active') AS active_chats
      FROM operators o WHERE o.status = 'online' AND o.active ORDER BY o.name`;
  return rows.map((r) => ({ id: r.id, name: r.name, max_chats: r.max_chats, active_chats: Number(r.active_chats), free_seats: Math.max(0, r.max_chats - Number(r.active_chats)) }));
}
