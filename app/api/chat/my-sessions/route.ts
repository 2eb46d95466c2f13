// GET /api/chat/my-sessions – the signed-in operator's live chats
import { ApiError } from "@/lib/api/errors";
import { ok, route } from "@/lib/api/handler";
import { getChatMySessions } from "@/lib/openapi/sessions/sessions-endpoints";
import { listOperatorSessions } from "@/lib/chat/list-queue";

export const GET = route(getChatMySessions, async ({ principal }) => {
  if (principal?.kind !== "operator") throw new ApiError("FORBIDDEN", "Sign in as an operator");
  return ok(await listOperatorSessions(principal.operatorId), 200, { "Cache-Control": "no-store" });
});
