// POST /api/chat/sessions/{id}/ticket – turn a chat into a ticket answered by email/WhatsApp
import { ok, route } from "@/lib/api/handler";
import { postChatSessionsIdTicket } from "@/lib/openapi/sessions/sessions-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { convertSessionToTicket } from "@/lib/chat/session-actions";

export const POST = route(postChatSessionsIdTicket, async ({ params, principal }) =>
  ok(await convertSessionToTicket(params.id, principal, actorOf(principal, SYSTEM_ACTOR)), 201),
);
