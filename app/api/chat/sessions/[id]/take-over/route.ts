// POST /api/chat/sessions/{id}/take-over – a supervisor or admin takes a live chat over (the customer is told)
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdTakeOver } from "@/lib/openapi/supervision/supervision-endpoints";
import { takeOverSession } from "@/lib/chat/take-over-session";

export const POST = route(postChatSessionsIdTakeOver, async ({ params, caller }) =>
  ok(await takeOverSession(params.id, caller)),
);
