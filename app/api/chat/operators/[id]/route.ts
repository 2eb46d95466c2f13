// PATCH /api/chat/operators/{id} – status, capacity, name, phone, role, active (admin); GET – one operator
import { ok, route } from "@/lib/route/handler";
import { getChatOperatorsId, patchChatOperatorsId } from "@/lib/openapi/operators/operators-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getOperatorOrThrow } from "@/lib/operators/list-operators";
import { updateOperator } from "@/lib/operators/update-operator";

export const PATCH = route(patchChatOperatorsId, async ({ params, body, principal }) =>
  ok(await updateOperator(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const GET = route(getChatOperatorsId, async ({ params }) => ok(await getOperatorOrThrow(params.id)));
