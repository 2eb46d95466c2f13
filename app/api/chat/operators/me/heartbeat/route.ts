// POST /api/chat/operators/me/heartbeat – an open dashboard tab says the signed-in operator is still there
import { route, ok } from "@/lib/route/handler";
import { postChatOperatorsMeHeartbeat } from "@/lib/openapi/operators/operators-endpoints";
import { recordHeartbeat } from "@/lib/operators/heartbeat";

export const POST = route(postChatOperatorsMeHeartbeat, async ({ caller }) => ok(await recordHeartbeat(caller.operatorId)));
