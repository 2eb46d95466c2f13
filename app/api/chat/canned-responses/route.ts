// GET /api/chat/canned-responses – the canned responses the caller may use (filtered by ?q=, rendered for ?session_id=
// or ?ticket_id=); POST – create one: personal for an operator, team or everyone for an admin
import { ok, route } from "@/lib/route/handler";
import { getChatCannedResponses, postChatCannedResponses } from "@/lib/openapi/canned-responses/canned-responses-endpoints";
import { createCannedResponse, listCannedResponses } from "@/lib/canned/manage-canned-responses";

export const GET = route(getChatCannedResponses, async ({ query, caller }) =>
  ok(await listCannedResponses(caller, query), 200, { "Cache-Control": "no-store" }),
);

export const POST = route(postChatCannedResponses, async ({ body, caller }) =>
  ok(await createCannedResponse(caller, body), 201),
);
