// POST /api/tickets/{id}/replies – answer the customer by email and/or WhatsApp (through the outbox)
import { ok, route } from "@/lib/api/handler";
import { postTicketsIdReplies } from "@/lib/openapi/tickets/tickets-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { replyToTicket } from "@/lib/tickets/reply-to-ticket";

export const POST = route(postTicketsIdReplies, async ({ params, body, principal }) => {
  const operatorId = principal?.kind === "operator" ? principal.operatorId : null;
  return ok(await replyToTicket(params.id, body, actorOf(principal, SYSTEM_ACTOR), operatorId), 201);
});
