// GET /api/chat/sessions/{id}/contact-history – the customer's other conversations and open tickets (chat sidebar)
import { z } from "zod";
import { ok, route } from "@/lib/api/handler";
import { getSessionContactHistory } from "@/lib/contacts/get-session-contact-history";
import { sessionIdSchema } from "@/lib/schemas/common";

const params = z.object({ id: sessionIdSchema });

export const GET = route({ auth: "operator", params }, async ({ params, principal }) => ok(await getSessionContactHistory(params.id, principal)));
