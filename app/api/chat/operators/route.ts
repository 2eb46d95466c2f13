// POST /api/chat/operators – create an operator and send the invite (admin); GET – list operators with their load
import { ok, route } from "@/lib/route/handler";
import { getChatOperators, postChatOperators } from "@/lib/openapi/operators/operators-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createOperator } from "@/lib/operators/create-operator";
import { listOperators } from "@/lib/operators/list-operators";

export const POST = route(postChatOperators, async ({ body, principal }) =>
  ok(await createOperator(body, actorOf(principal, SYSTEM_ACTOR)), 201),
);

export const GET = route(getChatOperators, async () => ok(await listOperators()));
