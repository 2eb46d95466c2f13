// POST /api/chat/sessions/{id}/take-over – a supervisor or admin takes a live chat over (the customer is told)
import { ok, route } from "@/lib/api/handler";
import { postChatSessionsIdTakeOver } from "@/lib/openapi/supervision/supervision-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { takeOverSession } from "@/lib/chat/take-over-session";

export const POST = route(postChatSessionsIdTakeOver, async ({ params, principal }) =>
  ok(await takeOverSession(params.id, principal, actorOf(principal, SYSTEM_ACTOR))),
);
