// GET /api/chat/operators/me – the signed-in operator; PATCH – their own status (online/away/offline) and language
import { ok, route } from "@/lib/route/handler";
import { getChatOperatorsMe, patchChatOperatorsMe } from "@/lib/openapi/operators/operators-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getOperatorOrThrow } from "@/lib/operators/list-operators";
import { updateOperator } from "@/lib/operators/update-operator";

export const GET = route(getChatOperatorsMe, async ({ caller }) => ok(await getOperatorOrThrow(caller.operatorId)));

export const PATCH = route(patchChatOperatorsMe, async ({ body, caller }) =>
  ok(await updateOperator(caller.operatorId, body, actorOf(caller, SYSTEM_ACTOR))),
);
