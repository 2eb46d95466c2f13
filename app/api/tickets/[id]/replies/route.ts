// POST /api/tickets/{id}/replies – answer the customer by email and/or WhatsApp (through the outbox)
import { ok, route } from "@/lib/route/handler";
import { postTicketsIdReplies } from "@/lib/openapi/tickets/tickets-endpoints";
import { replyToTicket } from "@/lib/tickets/reply-to-ticket";

export const POST = route(postTicketsIdReplies, async ({ params, body, caller }) => ok(await replyToTicket(params.id, body, caller), 201));
