// GET /api/chat/sessions/{id} – status, live queue position and wait, operator, and messages after ?after_seq=
import { ok, route } from "@/lib/api/handler";
import { getSessionView } from "@/lib/chat/get-session-view";
import { sessionParams, sessionQuery } from "@/lib/schemas/sessions";

export const GET = route({ params: sessionParams, query: sessionQuery }, async ({ params, query, principal }) =>
  ok(await getSessionView(params.id, principal, query.after_seq), 200, { "Cache-Control": "no-store" }),
);
