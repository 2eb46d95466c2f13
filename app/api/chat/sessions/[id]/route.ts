// GET /api/chat/sessions/{id} – status, queue position and wait, operator, messages after ?after_seq= (its customer by key, its operator)
import { ok, route } from "@/lib/route/handler";
import { getChatSessionsId } from "@/lib/openapi/sessions/sessions-endpoints";
import { getSessionView } from "@/lib/chat/get-session-view";

export const GET = route(getChatSessionsId, async ({ params, query, principal, customerKey }) =>
  ok(await getSessionView(params.id, principal, customerKey, query.after_seq), 200, { "Cache-Control": "no-store" }),
);
