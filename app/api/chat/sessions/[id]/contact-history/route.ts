// GET /api/chat/sessions/{id}/contact-history – the customer's other conversations and open tickets (chat sidebar)
import { ok, route } from "@/lib/route/handler";
import { getChatSessionsIdContactHistory } from "@/lib/openapi/sessions/sessions-endpoints";
import { getSessionContactHistory } from "@/lib/contacts/get-session-contact-history";

export const GET = route(getChatSessionsIdContactHistory, async ({ params, principal }) => ok(await getSessionContactHistory(params.id, principal)));
