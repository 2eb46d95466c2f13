// POST /api/chat/operators – create an operator and send the invite (admin); GET – list operators with their load
import { ok, route } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { createOperator } from "@/lib/operators/create-operator";
import { operatorSelect, toOperatorView } from "@/lib/operators/operator-view";
import { createOperatorBody } from "@/lib/schemas/operators";

export const POST = route({ auth: "admin", body: createOperatorBody }, async ({ body, principal }) =>
  ok(await createOperator(body, actorOf(principal, SYSTEM_ACTOR)), 201),
);

export const GET = route({ auth: "admin" }, async () => {
  const [operators, load] = await Promise.all([
    prisma.operator.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }], select: operatorSelect }),
    prisma.chatSession.groupBy({ by: ["operatorId"], where: { status: "active" }, _count: { _all: true } }),
  ]);
  const active = new Map(load.map((row) => [row.operatorId, row._count._all]));
  return ok(operators.map((o) => toOperatorView(o, active.get(o.id) ?? 0)));
});
