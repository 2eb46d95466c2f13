// POST /api/chat/operators/me/heartbeat – an open dashboard tab says the signed-in operator is still there
import { route, ok } from "@/lib/api/handler";
import { postChatOperatorsMeHeartbeat } from "@/lib/openapi/operators/operators-endpoints";
import { ApiError } from "@/lib/api/errors";
import { recordHeartbeat } from "@/lib/operators/heartbeat";

export const POST = route(postChatOperatorsMeHeartbeat, async ({ principal }) => {
  if (principal?.kind !== "operator") throw new ApiError("FORBIDDEN", "Only a signed-in operator has a heartbeat");
  return ok(await recordHeartbeat(principal.operatorId));
});
