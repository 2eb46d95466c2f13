// POST /api/chat/sessions/{id}/handback – the operator returns the conversation to the bot, with an optional note
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { handBackSession } from "@/lib/chat/hand-back-session";
import { handbackBody, sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ auth: "operator", params: sessionParams, body: handbackBody }, async ({ params, body, principal }) =>
  ok(await handBackSession(params.id, body.note, principal, actorOf(principal, SYSTEM_ACTOR))),
);
