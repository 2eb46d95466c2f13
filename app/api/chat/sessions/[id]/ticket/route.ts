// POST /api/chat/sessions/{id}/ticket – turn a chat into a ticket answered by email/WhatsApp
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdTicket } from "@/lib/openapi/sessions/sessions-endpoints";
import { convertSessionToTicket } from "@/lib/chat/session-actions";

export const POST = route(postChatSessionsIdTicket, async ({ params, caller }) =>
  ok(await convertSessionToTicket(params.id, caller), 201),
);
