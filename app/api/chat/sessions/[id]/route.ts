// GET /api/chat/sessions/{id} – status, queue position and wait, operator, messages after ?after_seq= (its customer by key, its operator)
import { ok, route } from "@/lib/api/handler";
import { getSessionView } from "@/lib/chat/get-session-view";
import { sessionParams, sessionQuery } from "@/lib/schemas/sessions";

export const GET = route({ params: sessionParams, query: sessionQuery }, async ({ params, query, principal, customerKey }) =>
  ok(await getSessionView(params.id, principal, customerKey, query.after_seq), 200, { "Cache-Control": "no-store" }),
);
