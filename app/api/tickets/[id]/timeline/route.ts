// GET /api/tickets/{id}/timeline – chat, messages on every channel, notes, changes and notifications, oldest first
import { ok, route } from "@/lib/route/handler";
import { getTicketsIdTimeline } from "@/lib/openapi/tickets/tickets-endpoints";
import { getTicketTimeline } from "@/lib/tickets/get-ticket-timeline";

export const GET = route(getTicketsIdTimeline, async ({ params }) => ok(await getTicketTimeline(params.id)));
