// POST /api/public/chats/{token}/rating – the customer rates their closed chat from the emailed link (1–5), once
import { ok, route } from "@/lib/route/handler";
import { postPublicChatsTokenRating } from "@/lib/openapi/sessions/sessions-endpoints";
import { rateChatByToken } from "@/lib/csat/rate-conversation";

export const POST = route(postPublicChatsTokenRating, async ({ params, body }) => {
  return ok(await rateChatByToken(params.token, body), 201);
});
