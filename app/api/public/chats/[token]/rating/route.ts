// POST /api/public/chats/{token}/rating – the customer rates their closed chat from the emailed link (1–5), once
import { ok, route } from "@/lib/api/handler";
import { limitPublicWrite } from "@/lib/api/rate-limit";
import { chatRatingTokenParams, ratingBody } from "@/lib/csat/csat-schemas";
import { rateChatByToken } from "@/lib/csat/rate-conversation";

export const POST = route({ params: chatRatingTokenParams, body: ratingBody }, async ({ params, body, principal, ip }) => {
  await limitPublicWrite(principal, ip, `chat-rating:${params.token.slice(0, 12)}`);
  return ok(await rateChatByToken(params.token, body), 201);
});
