// GET /api/chat/my-sessions – the signed-in operator's live chats
import { ApiError } from "@/lib/api/errors";
import { ok, route } from "@/lib/api/handler";
import { listOperatorSessions } from "@/lib/chat/list-queue";

export const GET = route({ auth: "operator" }, async ({ principal }) => {
  if (principal?.kind !== "operator") throw new ApiError("FORBIDDEN", "Sign in as an operator");
  return ok(await listOperatorSessions(principal.operatorId), 200, { "Cache-Control": "no-store" });
});
