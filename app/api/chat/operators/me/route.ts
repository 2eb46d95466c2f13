// GET /api/chat/operators/me – the signed-in operator; PATCH – their own status (online/away/offline) and language
import { ApiError } from "@/lib/api/errors";
import { ok, route } from "@/lib/api/handler";
import { getChatOperatorsMe, patchChatOperatorsMe } from "@/lib/openapi/operators/operators-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getOperatorOrThrow } from "@/lib/operators/list-operators";
import { updateOperator } from "@/lib/operators/update-operator";

export const GET = route(getChatOperatorsMe, async ({ principal }) => {
  if (principal?.kind !== "operator") throw new ApiError("FORBIDDEN", "Sign in as an operator");
  return ok(await getOperatorOrThrow(principal.operatorId));
});

export const PATCH = route(patchChatOperatorsMe, async ({ body, principal }) => {
  if (principal?.kind !== "operator") throw new ApiError("FORBIDDEN", "Sign in as an operator");
  return ok(await updateOperator(principal.operatorId, body, actorOf(principal, SYSTEM_ACTOR)));
});
