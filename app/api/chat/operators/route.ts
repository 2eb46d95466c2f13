// POST /api/chat/operators – create an operator and send the invite (admin); GET – list operators with their load
import { ok, route } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createOperator } from "@/lib/operators/create-operator";
import { listOperators } from "@/lib/operators/list-operators";
import { createOperatorBody } from "@/lib/schemas/operators";

export const POST = route({ auth: "admin", body: createOperatorBody }, async ({ body, principal }) =>
  ok(await createOperator(body, actorOf(principal, SYSTEM_ACTOR)), 201),
);

export const GET = route({ auth: "admin" }, async () => ok(await listOperators()));
