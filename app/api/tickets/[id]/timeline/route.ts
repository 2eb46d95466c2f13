// GET /api/tickets/{id}/timeline – chat, messages on every channel, notes, changes and notifications, oldest first
import { ok, route } from "@/lib/api/handler";
import { getTicketTimeline } from "@/lib/tickets/get-ticket-timeline";
import { ticketRefParams } from "@/lib/tickets/ticket-schemas";

export const GET = route({ auth: "operator", params: ticketRefParams }, async ({ params }) => ok(await getTicketTimeline(params.id)));
